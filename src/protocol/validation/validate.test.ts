import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceModel, vendoredModelPath } from '../model/service-model.ts';
import { validateInput as validateWithMembers, validationMessage } from './validate.ts';

const iota = ServiceModel.load(vendoredModelPath('iotanalytics'));
const input = (op: string) => iota.operations.get(op)!.input!;
const validateInput = (value: Record<string, unknown>, shape: ReturnType<typeof input>) => validateWithMembers(value, shape).map((v) => v.text);

describe('validateInput (AWS message format)', () => {
  it('reports a missing required member as null', () => {
    assert.deepEqual(validateInput({}, input('CreateChannel')), [
      "Value null at 'channelName' failed to satisfy constraint: Member must not be null",
    ]);
  });

  it('reports length and pattern of one value separately', () => {
    const violations = validateInput({ channelName: 'x'.repeat(129) + '-' }, input('CreateChannel'));
    assert.deepEqual(violations, [
      `Value '${'x'.repeat(129)}-' at 'channelName' failed to satisfy constraint: Member must have length less than or equal to 128`,
      `Value '${'x'.repeat(129)}-' at 'channelName' failed to satisfy constraint: Member must satisfy regular expression pattern: (^(?!_{2}))(^[a-zA-Z0-9_]+$)`,
    ]);
    assert.match(validationMessage(validateWithMembers({ channelName: 'x'.repeat(129) + '-' }, input('CreateChannel'))), /^2 validation errors detected: Value .*; Value /);
  });

  it('checks ranges and nested list members with 1-based paths', () => {
    const violations = validateInput(
      { channelName: 'ok', retentionPeriod: { numberOfDays: 0 }, tags: [{ key: 'a', value: 'b' }, { key: '', value: 'v' }] },
      input('CreateChannel'),
    );
    assert.deepEqual(violations, [
      "Value '0' at 'retentionPeriod.numberOfDays' failed to satisfy constraint: Member must have value greater than or equal to 1",
      "Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
  });

  it('checks enum values', () => {
    const violations = validateInput(
      { loggingOptions: { roleArn: 'arn:aws:iam::123456789012:role/logging', level: 'INFO', enabled: true } },
      input('PutLoggingOptions'),
    );
    assert.deepEqual(violations, [
      "Value 'INFO' at 'loggingOptions.level' failed to satisfy constraint: Member must satisfy enum value set: [ERROR]",
    ]);
  });

  it('accepts a valid input', () => {
    assert.deepEqual(validateInput({ channelName: 'ch_1', retentionPeriod: { unlimited: true } }, input('CreateChannel')), []);
  });
});

describe('violations name their top-level member', () => {
  it('as the model spells it', () => {
    const ct = ServiceModel.load(vendoredModelPath('cloudtrail'));
    const violations = validateWithMembers({ MaxResults: 0, LookupAttributes: [{ AttributeKey: 'Nope', AttributeValue: 'x' }] }, ct.operations.get('LookupEvents')!.input!);
    assert.deepEqual(violations.map((v) => v.member), ['LookupAttributes', 'MaxResults']);
    assert.match(violations[1].text, /^Value '0' at 'maxResults' failed to satisfy constraint/);
  });
});
