import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  NoSuchBucket,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { startServer, type TestServer } from '../support/server.ts';
import { failure, s3Client } from './support.ts';


describe('S3 buckets through @aws-sdk/client-s3', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  it('creates, heads, locates, lists and deletes a bucket', async () => {
    const s3 = s3Client(server);
    const created = await s3.send(new CreateBucketCommand({ Bucket: 'first-bucket' }));
    assert.equal(created.Location, '/first-bucket');
    await s3.send(new HeadBucketCommand({ Bucket: 'first-bucket' }));
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'first-bucket' }));
    assert.equal(location.LocationConstraint, undefined, 'us-east-1 has an empty location constraint');
    const listed = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(listed.Buckets?.map((b) => b.Name), ['first-bucket']);
    assert.ok(listed.Buckets?.[0].CreationDate instanceof Date);
    assert.match(listed.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
    const deleted = await s3.send(new DeleteBucketCommand({ Bucket: 'first-bucket' }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const missing = await failure(s3.send(new HeadBucketCommand({ Bucket: 'first-bucket' })));
    assert.equal(missing.$metadata.httpStatusCode, 404);
  });

  it('keeps a bucket in the Region of its location constraint and sends other Regions there', async () => {
    const eu = s3Client(server, { region: 'eu-west-1' });
    await eu.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const us = s3Client(server);
    const location = await us.send(new GetBucketLocationCommand({ Bucket: 'eu-bucket' }));
    assert.equal(location.LocationConstraint, 'eu-west-1');
    const wrong = await failure(us.send(new PutObjectCommand({ Bucket: 'eu-bucket', Key: 'k', Body: 'x' })));
    assert.equal(wrong.name, 'AuthorizationHeaderMalformed');
    assert.equal(wrong.message, "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'");
    assert.equal(wrong.Region, 'eu-west-1');
    assert.equal(wrong.$response?.headers['x-amz-bucket-region'], 'eu-west-1');
    // The JS SDK follows that hint for HeadBucket when asked to (botocore for every call).
    const following = s3Client(server, { followRegionRedirects: true });
    await following.send(new HeadBucketCommand({ Bucket: 'eu-bucket' }));
    // Any Region name works, as the signature names it.
    const custom = s3Client(server, { region: 'local' });
    await custom.send(new CreateBucketCommand({ Bucket: 'local-bucket', CreateBucketConfiguration: { LocationConstraint: 'local' as never } }));
    assert.equal((await custom.send(new GetBucketLocationCommand({ Bucket: 'local-bucket' }))).LocationConstraint, 'local');
  });

  it("answers S3's errors for names, location constraints and existing buckets", async () => {
    const s3 = s3Client(server);
    const invalid = await failure(s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' })));
    assert.equal(invalid.name, 'InvalidBucketName');
    assert.equal(invalid.message, 'The specified bucket is not valid.');
    assert.equal(invalid.$metadata.httpStatusCode, 400);

    const explicit = await failure(
      s3.send(new CreateBucketCommand({ Bucket: 'explicit-east', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })),
    );
    assert.equal(explicit.name, 'InvalidLocationConstraint');

    // (The SDK fills in the client's Region when no constraint is given.)
    const eu = s3Client(server, { region: 'eu-west-1' });
    const elsewhere = await failure(
      eu.send(new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'ap-south-1' } })),
    );
    assert.equal(elsewhere.name, 'IllegalLocationConstraintException');
    assert.equal(
      elsewhere.message,
      'The ap-south-1 location constraint is incompatible for the region specific endpoint this request was sent to.',
    );

    await eu.send(new CreateBucketCommand({ Bucket: 'owned-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const again = await failure(
      eu.send(new CreateBucketCommand({ Bucket: 'owned-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
    );
    assert.ok(again instanceof BucketAlreadyOwnedByYou);
    assert.equal(again.$metadata.httpStatusCode, 409);
    assert.equal(again.BucketName, 'owned-eu');

    // us-east-1 keeps S3's legacy answer: creating a bucket you own succeeds.
    await s3.send(new CreateBucketCommand({ Bucket: 'owned-east' }));
    const twice = await s3.send(new CreateBucketCommand({ Bucket: 'owned-east' }));
    assert.equal(twice.$metadata.httpStatusCode, 200);
  });

  it('deletes only empty buckets', async () => {
    const s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));
    const full = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })));
    assert.equal(full.name, 'BucketNotEmpty');
    assert.equal(full.message, 'The bucket you tried to delete is not empty');
    assert.equal(full.$metadata.httpStatusCode, 409);
    const missing = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'never-created' })));
    assert.ok(missing instanceof NoSuchBucket);
    assert.equal(missing.message, 'The specified bucket does not exist');
    assert.equal(missing.BucketName, 'never-created');
  });
});
