// The restXml codec against AWS's S3 model (the one restXml service we serve).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../errors.ts';
import { parseQuery, type RawRequest } from '../http-types.ts';
import { ServiceModel, vendoredModelPath } from '../model/service-model.ts';
import { RestXmlProtocol } from './rest-xml.ts';

const model = ServiceModel.load(vendoredModelPath('s3'));
const codec = new RestXmlProtocol(model);
const op = (name: string) => model.operations.get(name)!;

function request(method: string, target: string, headers: Record<string, string> = {}, body = ''): RawRequest {
  const [path, rawQuery = ''] = target.split('?');
  return { method, path, rawQuery, query: parseQuery(rawQuery), headers, body: Buffer.from(body), remoteAddress: '127.0.0.1' };
}

describe('restXml routing with S3 templates', () => {
  const route = (method: string, target: string, headers: Record<string, string> = {}) =>
    codec.route(request(method, target, headers))?.operation.name;

  it('tells bucket listings, sub-resources and objects apart', () => {
    assert.equal(route('GET', '/'), 'ListBuckets');
    assert.equal(route('GET', '/b'), 'ListObjects');
    assert.equal(route('GET', '/b?location'), 'GetBucketLocation');
    assert.equal(route('GET', '/b?list-type=2&prefix=a'), 'ListObjectsV2');
    assert.equal(route('GET', '/b/k/x.json'), 'GetObject');
    assert.equal(route('GET', '/b/k?acl'), 'GetObjectAcl');
    assert.equal(route('HEAD', '/b'), 'HeadBucket');
    assert.equal(route('HEAD', '/b/k'), 'HeadObject');
  });

  it('breaks ties between operations sharing a template by their required parameters', () => {
    assert.equal(route('PUT', '/b/k'), 'PutObject');
    assert.equal(route('PUT', '/b/k', { 'x-amz-copy-source': '/a/b' }), 'CopyObject');
    assert.equal(route('PUT', '/b/k?partNumber=1&uploadId=u'), 'UploadPart');
    assert.equal(route('PUT', '/b/k?partNumber=1&uploadId=u', { 'x-amz-copy-source': '/a/b' }), 'UploadPartCopy');
    assert.equal(route('GET', '/b/k?uploadId=u'), 'ListParts');
    assert.equal(route('DELETE', '/b/k'), 'DeleteObject');
    assert.equal(route('DELETE', '/b/k?uploadId=u'), 'AbortMultipartUpload');
    assert.equal(route('GET', '/b?analytics'), 'ListBucketAnalyticsConfigurations');
    assert.equal(route('GET', '/b?analytics&id=x'), 'GetBucketAnalyticsConfiguration');
    assert.equal(route('GET', '/b?lifecycle'), 'GetBucketLifecycleConfiguration');
  });
});

describe('restXml input', () => {
  it('reads labels, query, headers, prefix headers and an XML payload', () => {
    const req = request(
      'PUT',
      '/my-bucket',
      { 'x-amz-acl': 'private' },
      '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>',
    );
    const routed = codec.route(req)!;
    assert.deepEqual(codec.deserialize(req, routed), {
      Bucket: 'my-bucket',
      ACL: 'private',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
  });

  it('reads a blob payload (also an empty one) and user metadata', () => {
    const req = request('PUT', '/b/a%20b/c', { 'x-amz-meta-color': 'red', 'content-type': 'text/plain' }, 'hello');
    const input = codec.deserialize(req, codec.route(req)!);
    assert.equal(input.Key, 'a b/c');
    assert.deepEqual(input.Metadata, { color: 'red' });
    assert.equal(input.ContentType, 'text/plain');
    assert.equal((input.Body as Buffer).toString(), 'hello');
    const empty = request('PUT', '/b/k');
    assert.equal((codec.deserialize(empty, codec.route(empty)!).Body as Buffer).length, 0);
  });

  it('rejects a malformed or misnamed XML payload as a SerializationException', () => {
    for (const body of ['<CreateBucketConfiguration>', '<Other/>']) {
      const req = request('PUT', '/b', {}, body);
      assert.throws(() => codec.deserialize(req, codec.route(req)!), (e: ApiError) => e.code === 'SerializationException');
    }
  });
});

describe('restXml output', () => {
  it('writes the root element with the namespace, flattened lists and timestamps', () => {
    const response = codec.serialize(
      op('ListObjects'),
      {
        Name: 'b',
        Prefix: '',
        IsTruncated: false,
        MaxKeys: 1000,
        Contents: [{ Key: 'a&b', Size: 3, ETag: '"x"', LastModified: new Date('2024-01-02T03:04:05.678Z') }],
        CommonPrefixes: [{ Prefix: 'p/' }, { Prefix: 'q/' }],
      },
      'rid',
    );
    assert.equal(response.headers['content-type'], 'application/xml');
    assert.equal(
      response.body,
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<IsTruncated>false</IsTruncated><Contents><Key>a&amp;b</Key><LastModified>2024-01-02T03:04:05.678Z</LastModified>' +
        '<ETag>&quot;x&quot;</ETag><Size>3</Size></Contents><Name>b</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys>' +
        '<CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>q/</Prefix></CommonPrefixes></ListBucketResult>',
    );
  });

  it('wraps non-flattened lists in their member name', () => {
    const body = codec.serialize(op('ListBuckets'), { Buckets: [{ Name: 'a' }], Owner: { ID: 'x' } }, 'r').body as string;
    assert.match(body, /<ListAllMyBucketsResult xmlns="[^"]+"><Buckets><Bucket><Name>a<\/Name><\/Bucket><\/Buckets><Owner><ID>x<\/ID><\/Owner>/);
  });

  it('writes GetBucketLocation unwrapped, empty for us-east-1', () => {
    assert.equal(
      codec.serialize(op('GetBucketLocation'), { LocationConstraint: 'eu-west-1' }, 'r').body,
      '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>',
    );
    assert.equal(
      codec.serialize(op('GetBucketLocation'), {}, 'r').body,
      '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>',
    );
  });

  it('puts header members in headers, user metadata with its prefix, and nothing in a HEAD body', () => {
    const lastModified = new Date('2024-01-02T03:04:05Z');
    const output = { ContentLength: 5, ETag: '"e"', LastModified: lastModified, Metadata: { color: 'red' }, Body: Buffer.from('hello') };
    const get = codec.serialize(op('GetObject'), output, 'r');
    assert.equal(get.headers['content-length'], '5');
    assert.equal(get.headers['last-modified'], 'Tue, 02 Jan 2024 03:04:05 GMT');
    assert.equal(get.headers['x-amz-meta-color'], 'red');
    assert.equal((get.body as Buffer).toString(), 'hello');
    const head = codec.serialize(op('HeadObject'), output, 'r');
    assert.equal(head.body, undefined);
    assert.equal(head.headers.etag, '"e"');
  });

  it('uses the modelled success code and sends no body for outputs without body members', () => {
    assert.deepEqual(codec.serialize(op('DeleteObject'), {}, 'r'), { status: 204, headers: {} });
    assert.deepEqual(codec.serialize(op('PutObject'), { ETag: '"e"' }, 'r'), { status: 200, headers: { etag: '"e"' } });
  });
});

describe('restXml errors', () => {
  it('renders S3 errors unwrapped, with the modelled status and extra fields in order', () => {
    const error = new ApiError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: 'a<b' } });
    const response = codec.serializeError(error, 'rid', op('GetObject'));
    assert.equal(response.status, 404);
    assert.equal(
      response.body,
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&lt;b</Key><RequestId>rid</RequestId></Error>',
    );
  });

  it('sends no body for errors of HEAD requests', () => {
    const response = codec.serializeError(new ApiError('NoSuchKey', 'x'), 'rid', op('HeadObject'));
    assert.deepEqual(response, { status: 404, headers: {} });
  });

  it('takes the status of unmodelled errors from the error', () => {
    assert.equal(codec.serializeError(new ApiError('BucketNotEmpty', 'x', { status: 409 }), 'r').status, 409);
  });
});
