import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Caller } from '../identity/caller.ts';
import { rootCaller, serviceCaller } from '../identity/caller.ts';
import type { RequestContext } from '../pipeline/context.ts';
import { defineOperation, notImplemented, type OperationEntry } from '../pipeline/operation.ts';
import type { ServiceDefinition } from '../pipeline/service-definition.ts';
import { ApiError } from '../protocol/errors.ts';
import type { RawRequest } from '../protocol/http-types.ts';
import { ServiceModel, vendoredModelPath } from '../protocol/model/service-model.ts';
import { assertValidRecord } from '../../test/support/record-schema.ts';
import { lookupKeys, resourceName } from './lookup-keys.ts';
import { HIDDEN } from './parameters.ts';
import { buildRecord, type CloudTrailRecord } from './record.ts';

const ACCOUNT = '123456789012';
const EVENT_ID = '6c0f4a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f';
const models = {
  iotanalytics: ServiceModel.load(vendoredModelPath('iotanalytics')),
  iam: ServiceModel.load(vendoredModelPath('iam')),
  sts: ServiceModel.load(vendoredModelPath('sts')),
};

/** A service whose operations are all "not built" except the specs given. */
function service(model: ServiceModel, specs: OperationEntry[] = [], recordRegion?: string): ServiceDefinition {
  const entries = new Map<string, OperationEntry>([...model.operations.keys()].map((n) => [n, notImplemented(n, 'test')]));
  for (const spec of specs) entries.set(spec.name, spec);
  return { model, protocol: undefined!, operations: entries, validationError: (m) => new ApiError('X', m), s3Signing: false, recordRegion };
}

const spec = (name: string, readOnly: boolean, category?: 'Data') =>
  defineOperation({ name, readOnly, category, handler: async () => ({}) });

function raw(overrides: Partial<RawRequest> = {}): RawRequest {
  return { method: 'POST', path: '/', rawQuery: '', query: [], headers: {}, body: Buffer.alloc(0), remoteAddress: '192.0.2.10', ...overrides };
}

function context(svc: ServiceDefinition, operation: string, fields: Partial<RequestContext> = {}): RequestContext {
  return {
    requestId: '0f6b1c1e-2222-4333-8444-555566667777',
    raw: raw(),
    receivedAt: new Date('2024-05-01T12:00:02.500Z'),
    completedAt: new Date('2024-05-01T12:00:03.900Z'),
    sourceIp: '192.0.2.10',
    userAgent: 'aws-cli/2.9.19 Python/3.11.2',
    service: svc,
    operation: svc.model.operations.get(operation),
    region: 'us-east-1',
    caller: rootCaller(ACCOUNT, 'AKIAEXAMPLEEXAMPLE01'),
    recordedInTransaction: false,
    ...fields,
  };
}

function build(ctx: RequestContext): CloudTrailRecord {
  const record = buildRecord(ctx, { accountId: ACCOUNT, defaultRegion: 'eu-west-1', eventId: EVENT_ID });
  assertValidRecord(record);
  return record;
}

const iota = service(models.iotanalytics, [spec('CreateChannel', false), spec('DescribeChannel', true), spec('BatchPutMessage', false, 'Data')]);
const channelArn = `arn:aws:iotanalytics:us-east-1:${ACCOUNT}:channel/ch1`;

describe('buildRecord', () => {
  it('writes a successful mutating call exactly, fields in AWS order', () => {
    const record = build(
      context(iota, 'CreateChannel', {
        input: { channelName: 'ch1', retentionPeriod: { unlimited: true } },
        output: { channelName: 'ch1', channelArn, retentionPeriod: { unlimited: true } },
        resources: [{ arn: channelArn, type: 'AWS::IoTAnalytics::Channel' }],
        status: 201,
      }),
    );
    const expected = {
      eventVersion: '1.09',
      userIdentity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'AKIAEXAMPLEEXAMPLE01' },
      eventTime: '2024-05-01T12:00:03Z',
      eventSource: 'iotanalytics.amazonaws.com',
      eventName: 'CreateChannel',
      awsRegion: 'us-east-1',
      sourceIPAddress: '192.0.2.10',
      userAgent: 'aws-cli/2.9.19 Python/3.11.2',
      requestParameters: { channelName: 'ch1', retentionPeriod: { unlimited: true } },
      responseElements: { channelName: 'ch1', channelArn, retentionPeriod: { unlimited: true } },
      requestID: '0f6b1c1e-2222-4333-8444-555566667777',
      eventID: EVENT_ID,
      readOnly: false,
      resources: [{ ARN: channelArn, accountId: ACCOUNT, type: 'AWS::IoTAnalytics::Channel' }],
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      eventCategory: 'Management',
    };
    assert.equal(JSON.stringify(record), JSON.stringify(expected));
  });

  it('records a failed call with errorCode and errorMessage, its parameters, and no response elements', () => {
    const record = build(
      context(iota, 'CreateChannel', {
        input: { channelName: 'dup' },
        output: { channelName: 'dup' },
        error: new ApiError('ResourceAlreadyExistsException', 'A channel named dup already exists.'),
      }),
    );
    assert.equal(record.errorCode, 'ResourceAlreadyExistsException');
    assert.equal(record.errorMessage, 'A channel named dup already exists.');
    assert.deepEqual(record.requestParameters, { channelName: 'dup' });
    assert.equal(record.responseElements, null);
    assert.deepEqual(Object.keys(record).slice(7, 11), ['userAgent', 'errorCode', 'errorMessage', 'requestParameters']);
  });

  it('gives read-only calls null response elements', () => {
    const record = build(context(iota, 'DescribeChannel', { input: { channelName: 'ch1' }, output: { channel: { name: 'ch1' } } }));
    assert.equal(record.readOnly, true);
    assert.equal(record.responseElements, null);
  });

  it('writes null request parameters when the call has none', () => {
    const svc = service(models.iotanalytics, [spec('DescribeLoggingOptions', true)]);
    assert.equal(build(context(svc, 'DescribeLoggingOptions', { input: {} })).requestParameters, null);
  });

  it('hides payloads and marks data-plane calls as data events', () => {
    const record = build(
      context(iota, 'BatchPutMessage', {
        input: { channelName: 'ch1', messages: [{ messageId: '1', payload: Buffer.from('{"t":1}') }] },
        output: { batchPutMessageErrorEntries: [] },
      }),
    );
    assert.deepEqual(record.requestParameters, { channelName: 'ch1', messages: [{ messageId: '1', payload: HIDDEN }] });
    assert.equal(record.eventCategory, 'Data');
    assert.equal(record.managementEvent, false);
  });

  it('uses lower-camel-case names for PascalCase models, hides secrets in requests and leaves them out of responses', () => {
    const iam = service(models.iam, [spec('CreateLoginProfile', false), spec('CreateUser', false)], 'us-east-1');
    const login = build(context(iam, 'CreateLoginProfile', { region: 'eu-central-1', input: { UserName: 'alice', Password: 'hunter2!', PasswordResetRequired: true } }));
    assert.deepEqual(login.requestParameters, { userName: 'alice', password: HIDDEN, passwordResetRequired: true });
    assert.equal(login.awsRegion, 'us-east-1', 'global services are recorded in us-east-1');
    assert.equal(login.eventSource, 'iam.amazonaws.com');

    const user = build(context(iam, 'CreateUser', { input: { UserName: 'bob', Tags: [{ Key: 'team', Value: 'a' }] } }));
    assert.deepEqual(user.requestParameters, { userName: 'bob', tags: [{ key: 'team', value: 'a' }] });

    const sts = service(models.sts, [spec('AssumeRole', false)], 'us-east-1');
    const assumed = build(
      context(sts, 'AssumeRole', {
        input: { RoleArn: `arn:aws:iam::${ACCOUNT}:role/R`, RoleSessionName: 's1' },
        output: {
          Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date('2024-05-01T13:00:03.123Z') },
          AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:s1', Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s1` },
        },
      }),
    );
    assert.deepEqual(assumed.responseElements, {
      credentials: { accessKeyId: 'ASIAEXAMPLE', sessionToken: 'token', expiration: '2024-05-01T13:00:03Z' },
      assumedRoleUser: { assumedRoleId: 'AROAEXAMPLE:s1', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s1` },
    });
  });

  it('replaces a field over 100 KB by {"omitted": true}', () => {
    const svc = service(models.iotanalytics, [spec('CreateDataset', false)]);
    const record = build(context(svc, 'CreateDataset', { input: { datasetName: 'd', actions: [{ actionName: 'a', queryAction: { sqlQuery: 'x'.repeat(110_000) } }] } }));
    assert.deepEqual(record.requestParameters, { omitted: true });
  });

  it('cuts userAgent and errorMessage to 1 KB on a character boundary', () => {
    const record = build(
      context(iota, 'CreateChannel', {
        userAgent: 'é'.repeat(600),
        error: new ApiError('InvalidRequestException', 'x'.repeat(2000)),
      }),
    );
    assert.equal(record.userAgent, 'é'.repeat(512));
    assert.equal(Buffer.byteLength(record.errorMessage!), 1024);
  });

  it('adds tlsDetails with the Host header when the listener terminated TLS', () => {
    const record = build(
      context(iota, 'DescribeChannel', {
        raw: raw({ tls: { version: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' }, headers: { host: 'iotanalytics.local:8686' } }),
      }),
    );
    assert.deepEqual(record.tlsDetails, { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: 'iotanalytics.local:8686' });
    assert.equal(Object.keys(record).at(-1), 'tlsDetails');
  });

  it('records a request that failed authentication as Unknown with the claimed key, in the region it signed for', () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=AKIANOTAKEY000000000/20240501/ap-south-1/iotanalytics/aws4_request, SignedHeaders=host, Signature=00';
    const record = build(
      context(iota, 'CreateChannel', {
        raw: raw({ headers: { authorization } }),
        region: undefined,
        caller: undefined,
        claimedAccessKeyId: 'AKIANOTAKEY000000000',
        error: new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.', { status: 403 }),
      }),
    );
    assert.deepEqual(record.userIdentity, { type: 'Unknown', accountId: ACCOUNT, accessKeyId: 'AKIANOTAKEY000000000' });
    assert.equal(record.awsRegion, 'ap-south-1');
    assert.equal(record.requestParameters, null);
    assert.equal(record.readOnly, false);
  });

  it('falls back to the default region and infers readOnly from the name for operations not built yet', () => {
    const record = build(context(iota, 'ListDatastores', { region: undefined, caller: undefined, error: new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token') }));
    assert.equal(record.awsRegion, 'eu-west-1');
    assert.equal(record.readOnly, true);
    assert.deepEqual(record.userIdentity, { type: 'Unknown', accountId: ACCOUNT });
  });
});

describe('userIdentity per caller type', () => {
  const created = new Date('2024-05-01T11:59:00.750Z');
  const cases: { caller: Caller; identity: object; username?: string }[] = [
    {
      caller: { ...rootCaller(ACCOUNT, 'AKIAROOT'), userName: 'my-alias' },
      identity: { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: 'AKIAROOT', userName: 'my-alias' },
      username: 'root',
    },
    {
      caller: { type: 'IAMUser', accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ops/alice`, principalId: 'AIDAEXAMPLEEXAMPLE01', userName: 'alice', accessKeyId: 'AKIAALICE' },
      identity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEEXAMPLE01', arn: `arn:aws:iam::${ACCOUNT}:user/ops/alice`, accountId: ACCOUNT, accessKeyId: 'AKIAALICE', userName: 'alice' },
      username: 'alice',
    },
    {
      caller: {
        type: 'AssumedRole',
        accountId: ACCOUNT,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/build-42`,
        principalId: 'AROAEXAMPLEEXAMPLE01:build-42',
        accessKeyId: 'ASIABUILD',
        session: {
          issuer: { type: 'Role', principalId: 'AROAEXAMPLEEXAMPLE01', arn: `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`, accountId: ACCOUNT, userName: 'Deployer' },
          creationDate: created,
          mfaAuthenticated: true,
          sourceIdentity: 'alice',
        },
      },
      identity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEEXAMPLE01:build-42',
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/build-42`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIABUILD',
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: 'AROAEXAMPLEEXAMPLE01', arn: `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`, accountId: ACCOUNT, userName: 'Deployer' },
          attributes: { creationDate: '2024-05-01T11:59:00Z', mfaAuthenticated: 'true' },
          sourceIdentity: 'alice',
        },
      },
      username: 'build-42',
    },
    {
      caller: {
        type: 'FederatedUser',
        accountId: ACCOUNT,
        arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
        principalId: `${ACCOUNT}:bob`,
        accessKeyId: 'ASIABOB',
        session: {
          issuer: { type: 'IAMUser', principalId: 'AIDAEXAMPLEEXAMPLE01', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' },
          creationDate: created,
          mfaAuthenticated: false,
        },
      },
      identity: {
        type: 'FederatedUser',
        principalId: `${ACCOUNT}:bob`,
        arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIABOB',
        sessionContext: {
          sessionIssuer: { type: 'IAMUser', principalId: 'AIDAEXAMPLEEXAMPLE01', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' },
          attributes: { creationDate: '2024-05-01T11:59:00Z', mfaAuthenticated: 'false' },
        },
      },
      username: 'bob',
    },
    {
      // Credentials from GetSessionToken: the user itself, with session attributes and no issuer.
      caller: {
        type: 'IAMUser',
        accountId: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:user/carol`,
        principalId: 'AIDAEXAMPLEEXAMPLE02',
        userName: 'carol',
        accessKeyId: 'ASIACAROL',
        session: { creationDate: created, mfaAuthenticated: true },
      } as unknown as Caller,
      identity: {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLEEXAMPLE02',
        arn: `arn:aws:iam::${ACCOUNT}:user/carol`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIACAROL',
        userName: 'carol',
        sessionContext: { sessionIssuer: {}, attributes: { creationDate: '2024-05-01T11:59:00Z', mfaAuthenticated: 'true' } },
      },
      username: 'carol',
    },
    {
      caller: serviceCaller(ACCOUNT, 'iotanalytics.amazonaws.com'),
      identity: { type: 'AWSService', invokedBy: 'iotanalytics.amazonaws.com' },
    },
    {
      caller: { type: 'Unknown', accountId: ACCOUNT },
      identity: { type: 'Unknown', accountId: ACCOUNT },
    },
  ];
  for (const { caller, identity, username } of cases) {
    it(`${caller.type}${caller.userName ? ` (${caller.userName})` : ''}`, () => {
      const record = build(context(iota, 'DescribeChannel', { caller }));
      assert.equal(JSON.stringify(record.userIdentity), JSON.stringify(identity));
      const keys = lookupKeys(record);
      assert.equal(keys.username, username);
      assert.equal(keys.accessKeyId, caller.type === 'AWSService' ? undefined : caller.accessKeyId);
    });
  }
});

describe('lookup keys', () => {
  it('names resources by the last segment of their ARN', () => {
    assert.equal(resourceName(channelArn), 'ch1');
    assert.equal(resourceName(`arn:aws:iam::${ACCOUNT}:role/aws-service-role/x.amazonaws.com/MyRole`), 'MyRole');
    assert.equal(resourceName('arn:aws:s3:::my-bucket'), 'my-bucket');
    assert.equal(resourceName(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/t1`), 't1');
  });

  it('reports the event fields LookupEvents filters on', () => {
    const record = build(context(iota, 'CreateChannel', { resources: [{ arn: channelArn, type: 'AWS::IoTAnalytics::Channel' }] }));
    assert.deepEqual(lookupKeys(record), {
      eventId: EVENT_ID,
      eventName: 'CreateChannel',
      eventSource: 'iotanalytics.amazonaws.com',
      readOnly: false,
      username: 'root',
      accessKeyId: 'AKIAEXAMPLEEXAMPLE01',
      resources: [{ type: 'AWS::IoTAnalytics::Channel', name: 'ch1', arn: channelArn }],
    });
  });
});

describe('record schema', () => {
  it('rejects records that break the format', () => {
    const record = build(context(iota, 'CreateChannel', { input: { channelName: 'ch1' }, output: { channelName: 'ch1' } }));
    const broken: object[] = [
      { ...record, readOnly: 'false' },
      { ...record, eventTime: '2024-05-01T12:00:03.000Z' },
      { ...record, errorCode: 'X' },
      { ...record, userIdentity: { type: 'AssumedRole', principalId: 'AROA:s', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/R/s`, accountId: ACCOUNT } },
      { ...record, surprise: 1 },
    ];
    for (const candidate of broken) assert.throws(() => assertValidRecord(candidate), /does not match the schema/);
  });
});
