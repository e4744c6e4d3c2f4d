import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedPolicy, parsePolicy, type PolicyKind } from './policy-document.ts';

const doc = (statement: unknown, extra: object = {}) => JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra });
const ok = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
const trustOk = { Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' };

const cases: { name: string; text: string; kind?: PolicyKind; message: string }[] = [
  { name: 'not JSON', text: '{"Version":', message: 'Syntax errors in policy.' },
  { name: 'an unknown top-level element', text: doc(ok, { Foo: 1 }), message: 'Syntax errors in policy.' },
  { name: 'no Statement', text: JSON.stringify({ Version: '2012-10-17' }), message: 'Syntax errors in policy.' },
  { name: 'an unknown statement element', text: doc({ ...ok, Foo: 'x' }), message: 'Syntax errors in policy.' },
  { name: 'Action and NotAction together', text: doc({ ...ok, NotAction: 'x:y' }), message: 'Syntax errors in policy.' },
  { name: 'an invalid Effect', text: doc({ ...ok, Effect: 'Maybe' }), message: 'Syntax errors in policy.' },
  { name: 'a lower-case Effect', text: doc({ ...ok, Effect: 'allow' }), message: 'The policy failed legacy parsing' },
  { name: 'no Version', text: JSON.stringify({ Statement: ok }), message: 'Policy document must be version 2012-10-17 or greater.' },
  { name: 'the 2008 version', text: JSON.stringify({ Version: '2008-10-17', Statement: ok }), message: 'Policy document must be version 2012-10-17 or greater.' },
  { name: 'duplicate Sids', text: doc([{ ...ok, Sid: 'a' }, { ...ok, Sid: 'a' }]), message: 'Statement IDs (SID) in a single policy must be unique.' },
  { name: 'no Action', text: doc({ Effect: 'Allow', Resource: '*' }), message: 'Policy statement must contain actions.' },
  { name: 'no Resource', text: doc({ Effect: 'Allow', Action: 's3:*' }), message: 'Policy statement must contain resources.' },
  { name: 'a Principal in an identity policy', text: doc({ ...ok, Principal: '*' }), message: 'Policy document should not specify a principal.' },
  { name: 'an action without a vendor', text: doc({ ...ok, Action: 'GetObject' }), message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.' },
  { name: 'an action with two colons', text: doc({ ...ok, Action: 's3:a:b' }), message: 'Actions/Condition can contain only one colon.' },
  { name: 'an invalid vendor', text: doc({ ...ok, Action: 's_3:Get' }), message: 'Vendor s_3 is not valid' },
  { name: 'a resource that is not an ARN', text: doc({ ...ok, Resource: 'bucket' }), message: 'Resource bucket must be in ARN format or "*".' },
  { name: 'a Resource in a trust policy', text: doc({ ...trustOk, Resource: '*' }), kind: 'trust', message: 'Has prohibited field Resource.' },
  { name: 'a trust policy without Principal', text: doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), kind: 'trust', message: 'Missing required field Principal' },
  { name: 'a trust policy with another service action', text: doc({ ...trustOk, Action: 's3:GetObject' }), kind: 'trust', message: 'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity' },
];

describe('policy documents', () => {
  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      assert.throws(() => parsePolicy(c.text, c.kind ?? 'identity'), (e: Error) => e instanceof MalformedPolicy && e.message === c.message);
    });
  }

  it('accepts single statements and strings as well as lists', () => {
    const parsed = parsePolicy(doc({ Sid: 'x', Effect: 'Deny', Action: ['s3:Get*'], NotResource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': false } } }), 'identity');
    assert.deepEqual(parsed.statements[0], {
      sid: 'x',
      effect: 'Deny',
      action: ['s3:Get*'],
      notAction: undefined,
      resource: undefined,
      notResource: ['arn:aws:s3:::b/*'],
      principal: undefined,
      notPrincipal: undefined,
      condition: { Bool: { 'aws:SecureTransport': ['false'] } },
    });
  });

  it('accepts a trust policy', () => {
    assert.deepEqual(parsePolicy(doc(trustOk), 'trust').statements[0].principal, { AWS: ['123456789012'] });
  });
});
