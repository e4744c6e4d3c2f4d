// Debian's boto3 (botocore 1.29) against the S3 subset: one script, its
// findings printed as JSON and checked here.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../support/server.ts';
import { python } from './support.ts';

const SCRIPT = String.raw`
import json, os, urllib.request, urllib.error
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"])
out = {}

def code(call):
    try:
        call()
        return None
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["Error"].get("Message"), e.response["ResponseMetadata"]["HTTPStatusCode"]]

s3.create_bucket(Bucket="boto-bucket")
keys = ["logs/2024/01/a b.json", "logs/2024/01/c+d.json", "logs/2024/02/e.json", "top.txt"]
for key in keys:
    s3.put_object(Bucket="boto-bucket", Key=key, Body=key.encode(), Metadata={"signature": "abc"})

# ListObjects v1 paged with Marker; botocore adds encoding-type=url and decodes the keys.
listed, marker = [], ""
while True:
    page = s3.list_objects(Bucket="boto-bucket", MaxKeys=2, Marker=marker)
    listed += [o["Key"] for o in page.get("Contents", [])]
    if not page["IsTruncated"]:
        break
    marker = page["Contents"][-1]["Key"]
out["v1"] = listed
out["v2"] = [o["Key"] for p in s3.get_paginator("list_objects_v2").paginate(Bucket="boto-bucket", PaginationConfig={"PageSize": 3}) for o in p.get("Contents", [])]
folders = s3.list_objects_v2(Bucket="boto-bucket", Prefix="logs/2024/", Delimiter="/")
out["prefixes"] = [p["Prefix"] for p in folders["CommonPrefixes"]]

got = s3.get_object(Bucket="boto-bucket", Key="logs/2024/01/a b.json")
out["get"] = {"body": got["Body"].read().decode(), "metadata": got["Metadata"], "length": got["ContentLength"]}
out["head"] = s3.head_object(Bucket="boto-bucket", Key="top.txt")["Metadata"]
out["location"] = s3.get_bucket_location(Bucket="boto-bucket")["LocationConstraint"]

params = {"Bucket": "boto-bucket", "Key": "logs/2024/01/c+d.json"}
v4 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"], config=Config(signature_version="s3v4"))
out["presigned"] = urllib.request.urlopen(v4.generate_presigned_url("get_object", Params=params, ExpiresIn=300)).read().decode()
# botocore 1.29 presigns S3 URLs with Signature Version 2 unless told otherwise.
try:
    urllib.request.urlopen(s3.generate_presigned_url("get_object", Params=params, ExpiresIn=300))
except urllib.error.HTTPError as e:
    out["sigv2"] = [e.code, e.read().decode()]

out["errors"] = {
    "NoSuchKey": code(lambda: s3.get_object(Bucket="boto-bucket", Key="missing")),
    "NoSuchBucket": code(lambda: s3.list_objects(Bucket="missing-bucket")),
    "BucketNotEmpty": code(lambda: s3.delete_bucket(Bucket="boto-bucket")),
    "InvalidBucketName": code(lambda: s3.create_bucket(Bucket="UPPER")),
}
for key in keys:
    s3.delete_object(Bucket="boto-bucket", Key=key)
s3.delete_bucket(Bucket="boto-bucket")
out["after"] = [b["Name"] for b in s3.list_buckets()["Buckets"]]
print(json.dumps(out))
`;

describe('S3 through Debian boto3', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('creates, writes, pages, reads, presigns and deletes, with S3 error codes', async () => {
    const result = await python(server, SCRIPT);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    const keys = ['logs/2024/01/a b.json', 'logs/2024/01/c+d.json', 'logs/2024/02/e.json', 'top.txt'];
    assert.deepEqual(out.v1, keys);
    assert.deepEqual(out.v2, keys);
    assert.deepEqual(out.prefixes, ['logs/2024/01/', 'logs/2024/02/']);
    assert.deepEqual(out.get, { body: 'logs/2024/01/a b.json', metadata: { signature: 'abc' }, length: 21 });
    assert.deepEqual(out.head, { signature: 'abc' });
    assert.equal(out.location, null);
    assert.equal(out.presigned, 'logs/2024/01/c+d.json');
    assert.equal(out.sigv2[0], 400);
    assert.match(out.sigv2[1], /<Code>InvalidRequest<\/Code><Message>The authorization mechanism you have provided is not supported\. Please use AWS4-HMAC-SHA256\.<\/Message>/);
    assert.deepEqual(out.errors, {
      NoSuchKey: ['NoSuchKey', 'The specified key does not exist.', 404],
      NoSuchBucket: ['NoSuchBucket', 'The specified bucket does not exist', 404],
      BucketNotEmpty: ['BucketNotEmpty', 'The bucket you tried to delete is not empty', 409],
      InvalidBucketName: ['InvalidBucketName', 'The specified bucket is not valid.', 400],
    });
    assert.deepEqual(out.after, []);
  });
});
