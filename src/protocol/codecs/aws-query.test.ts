import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../errors.ts';
import type { RawRequest } from '../http-types.ts';
import { parseQuery } from '../http-types.ts';
import { ServiceModel, vendoredModelPath } from '../model/service-model.ts';
import type { AstModel } from '../model/smithy-ast.ts';
import { AwsQueryProtocol } from './aws-query.ts';

const sts = new AwsQueryProtocol(ServiceModel.load(vendoredModelPath('sts')));

function request(body: string, options: { method?: string; query?: string } = {}): RawRequest {
  return {
    method: options.method ?? 'POST',
    path: '/',
    rawQuery: options.query ?? '',
    query: parseQuery(options.query ?? ''),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: Buffer.from(body),
    remoteAddress: '127.0.0.1',
  };
}

// A model exercising what IAM and STS do not: xmlName, xmlFlattened, maps, nested lists.
const TOY: AstModel = {
  smithy: '2.0',
  shapes: {
    'toy#Toy': {
      type: 'service',
      version: '2020-01-01',
      operations: [{ target: 'toy#Put' }],
      traits: {
        'aws.api#service': { sdkId: 'Toy' },
        'aws.auth#sigv4': { name: 'toy' },
        'aws.protocols#awsQuery': {},
        'smithy.api#xmlNamespace': { uri: 'https://toy.example/doc/2020-01-01/' },
      },
    },
    'toy#Put': { type: 'operation', input: { target: 'toy#PutInput' }, output: { target: 'toy#PutInput' } },
    'toy#PutInput': {
      type: 'structure',
      members: {
        Names: { target: 'toy#Names' },
        Flat: { target: 'toy#Names', traits: { 'smithy.api#xmlFlattened': {} } },
        Renamed: { target: 'smithy.api#String', traits: { 'smithy.api#xmlName': 'Other' } },
        Attributes: { target: 'toy#Attributes' },
        Inner: { target: 'toy#Inner' },
        Count: { target: 'smithy.api#Integer' },
        Enabled: { target: 'smithy.api#Boolean' },
        When: { target: 'smithy.api#Timestamp' },
      },
    },
    'toy#Names': { type: 'list', member: { target: 'smithy.api#String' } },
    'toy#Attributes': { type: 'map', key: { target: 'smithy.api#String' }, value: { target: 'smithy.api#String' } },
    'toy#Inner': { type: 'structure', members: { Tags: { target: 'toy#Names' } } },
  },
};
const toy = new AwsQueryProtocol(new ServiceModel(TOY));

describe('awsQuery request parameters', () => {
  it('routes by Action and Version in a form body', () => {
    assert.equal(sts.route(request('Action=GetCallerIdentity&Version=2011-06-15'))?.operation.name, 'GetCallerIdentity');
    assert.equal(sts.route(request('Action=GetCallerIdentity&Version=2010-05-08')), undefined);
    assert.equal(sts.route(request('Action=Nope&Version=2011-06-15')), undefined);
  });

  it('routes a GET with the parameters in the query string (presigned GetCallerIdentity)', () => {
    const req = request('', { method: 'GET', query: 'Action=GetCallerIdentity&Version=2011-06-15' });
    assert.equal(sts.route(req)?.operation.name, 'GetCallerIdentity');
  });

  it('reads scalars, lists of structures and "+" as a space', () => {
    const req = request(
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr&RoleSessionName=s1' +
        '&DurationSeconds=900&Tags.member.2.Key=b&Tags.member.2.Value=two+words&Tags.member.1.Key=a&Tags.member.1.Value=1' +
        '&Unknown=ignored',
    );
    const input = sts.deserialize(req, sts.route(req)!);
    assert.deepEqual(input, {
      RoleArn: 'arn:aws:iam::123456789012:role/r',
      RoleSessionName: 's1',
      DurationSeconds: 900,
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: 'two words' },
      ],
    });
  });

  it('reads an empty list sent as "Name="', () => {
    const req = request('Action=AssumeRole&Version=2011-06-15&PolicyArns=');
    assert.deepEqual(sts.deserialize(req, sts.route(req)!).PolicyArns, []);
  });

  it('honours xmlName, xmlFlattened, maps and nested structures', () => {
    const req = request(
      'Action=Put&Names.member.1=x&Flat.1=y&Flat.2=z&Other=r&Attributes.entry.1.key=k&Attributes.entry.1.value=v' +
        '&Inner.Tags.member.1=t&Count=3&Enabled=true&When=2024-05-01T12%3A00%3A03Z',
    );
    assert.deepEqual(toy.deserialize(req, toy.route(req)!), {
      Names: ['x'],
      Flat: ['y', 'z'],
      Renamed: 'r',
      Attributes: { k: 'v' },
      Inner: { Tags: ['t'] },
      Count: 3,
      Enabled: true,
      When: new Date('2024-05-01T12:00:03Z'),
    });
  });

  it('rejects a value of the wrong type', () => {
    const req = request('Action=Put&Count=many');
    assert.throws(() => toy.deserialize(req, toy.route(req)!), (e: ApiError) => e.code === 'ValidationError' && e.status === 400);
  });
});

describe('awsQuery responses', () => {
  it('wraps the output in <OpResponse><OpResult> with the request id', () => {
    const op = sts.service.operations.get('GetCallerIdentity')!;
    const response = sts.serialize(op, { UserId: 'AIDAEXAMPLE', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/a&b' }, 'req-1');
    assert.equal(response.headers['content-type'], 'text/xml');
    assert.equal(
      response.body,
      [
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
        '  <GetCallerIdentityResult>',
        '    <UserId>AIDAEXAMPLE</UserId>',
        '    <Account>123456789012</Account>',
        '    <Arn>arn:aws:iam::123456789012:user/a&amp;b</Arn>',
        '  </GetCallerIdentityResult>',
        '  <ResponseMetadata>',
        '    <RequestId>req-1</RequestId>',
        '  </ResponseMetadata>',
        '</GetCallerIdentityResponse>',
        '',
      ].join('\n'),
    );
  });

  it('writes lists, flattened lists, maps and ISO-8601 timestamps', () => {
    const op = toy.service.operations.get('Put')!;
    const body = toy.serialize(op, { Names: [], Flat: ['y', 'z'], Attributes: { k: 'v' }, When: new Date('2024-05-01T12:00:03Z') }, 'r').body as string;
    assert.match(body, /<Names\/>/);
    assert.match(body, /<Flat>y<\/Flat>\n {4}<Flat>z<\/Flat>/);
    assert.match(body, /<Attributes>\n {6}<entry>\n {8}<key>k<\/key>\n {8}<value>v<\/value>/);
    assert.match(body, /<When>2024-05-01T12:00:03.000Z<\/When>/);
  });
});

describe('awsQuery errors', () => {
  it('renders the ErrorResponse layout AWS sends, byte for byte', () => {
    const error = sts.authError({ kind: 'missing', message: 'Missing Authentication Token' });
    const response = sts.serializeError(error, '89b682e5-ac18-4fac-a917-2155723ed59b');
    assert.equal(response.status, 403);
    // The captured AWS answer is 297 bytes (see docs/FIDELITY.md, "awsQuery").
    assert.equal(Buffer.byteLength(response.body as string), 297);
    assert.equal(
      response.body,
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Sender</Type>\n' +
        '    <Code>MissingAuthenticationToken</Code>\n    <Message>Request is missing Authentication Token</Message>\n' +
        '  </Error>\n  <RequestId>89b682e5-ac18-4fac-a917-2155723ed59b</RequestId>\n</ErrorResponse>\n',
    );
  });

  it('takes the wire code and status of a modelled error from awsQueryError', () => {
    const response = sts.serializeError(new ApiError('PackedPolicyTooLargeException', 'too big'), 'r');
    assert.equal(response.status, 400);
    assert.match(response.body as string, /<Code>PackedPolicyTooLarge<\/Code>/);
  });

  it('maps authentication failures to the query codes', () => {
    const cases: [Parameters<AwsQueryProtocol['authError']>[0]['kind'], string, number][] = [
      ['unknownKey', 'InvalidClientTokenId', 403],
      ['incomplete', 'IncompleteSignature', 400],
      ['skewed', 'SignatureDoesNotMatch', 403],
      ['expiredToken', 'ExpiredToken', 403],
    ];
    for (const [kind, code, status] of cases) {
      const error = sts.authError({ kind, message: 'm' });
      assert.deepEqual([error.code, error.status], [code, status], kind);
    }
  });

  it('appends the canonical request to a signature mismatch, as STS does', () => {
    const error = sts.authError({ kind: 'signatureMismatch', message: 'The request signature we calculated does not match.', canonicalRequest: 'POST\n/', stringToSign: 'AWS4' });
    assert.equal(error.message, "The request signature we calculated does not match.\n\nThe Canonical String for this request should have been\n'POST\n/'\n\nThe String-to-Sign should have been\n'AWS4'\n");
  });

  it('names the action it cannot find', () => {
    const error = sts.unknownOperation(request('Action=Nope&Version=2011-06-15'));
    assert.deepEqual([error.code, error.message, error.status], ['InvalidAction', 'Could not find operation Nope for version 2011-06-15', 400]);
  });
});
