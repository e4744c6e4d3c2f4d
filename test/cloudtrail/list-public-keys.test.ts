// ListPublicKeys through the JS SDK and Debian's AWS CLI: the Region's
// digest-signing keys whose validity overlaps the range, as PKCS#1 DER with
// the MD5 fingerprint digests name.
import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import { SigningKeys } from '../../src/audit/integrity/keys/signing-keys.ts';
import { rejectsWith } from '../support/api-error.ts';
import { exec } from '../support/exec.ts';
import { startServer, type TestServer } from '../support/server.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('ListPublicKeys', () => {
  let server: TestServer;
  let keys: SigningKeys;
  before(async () => {
    server = await startServer();
    keys = new SigningKeys(server.app.database);
  });
  after(() => server.stop());

  it('answers an empty list while no digest has been signed in the Region', async () => {
    const { PublicKeyList } = await server.cloudtrail({ region: 'ap-south-1' }).send(new ListPublicKeysCommand({}));
    assert.deepEqual(PublicKeyList, []);
  });

  it('returns the key that signs now, for the default range (now to now)', async () => {
    const key = await keys.signingKey(server.region, new Date());
    const { PublicKeyList = [] } = await server.cloudtrail().send(new ListPublicKeysCommand({}));
    assert.equal(PublicKeyList.length, 1);
    const [listed] = PublicKeyList;
    assert.equal(listed!.Fingerprint, key.fingerprint);
    assert.equal(listed!.Fingerprint, createHash('md5').update(listed!.Value!).digest('hex'));
    assert.deepEqual(Buffer.from(listed!.Value!), key.publicDer);
    assert.equal(createPublicKey({ key: Buffer.from(listed!.Value!), format: 'der', type: 'pkcs1' }).asymmetricKeyDetails?.modulusLength, 2048);
    assert.deepEqual([listed!.ValidityStartTime, listed!.ValidityEndTime], [key.validFrom, key.validUntil]);
    // Another Region has its own keys.
    const { PublicKeyList: elsewhere } = await server.cloudtrail({ region: 'eu-west-1' }).send(new ListPublicKeysCommand({}));
    assert.deepEqual(elsewhere, []);
  });

  it('filters by validity overlap with StartTime and EndTime', async () => {
    const now = Date.now();
    const client = server.cloudtrail({ region: 'eu-north-1' });
    const first = await keys.signingKey('eu-north-1', new Date(now - 40 * DAY));
    const second = await keys.signingKey('eu-north-1', new Date(now - 20 * DAY));
    const list = async (start: number, end: number) =>
      ((await client.send(new ListPublicKeysCommand({ StartTime: new Date(start), EndTime: new Date(end) }))).PublicKeyList ?? []).map((k) => k.Fingerprint);
    assert.deepEqual(await list(now - 35 * DAY, now - 30 * DAY), [first.fingerprint]);
    assert.deepEqual(await list(now - 15 * DAY, now - 12 * DAY), [first.fingerprint, second.fingerprint]);
    assert.deepEqual(await list(now - 5 * DAY, now), [second.fingerprint]);
    assert.deepEqual(await list(now - 90 * DAY, now - 80 * DAY), []);
  });

  it('rejects a start after the end, and any NextToken', async () => {
    const client = server.cloudtrail();
    await rejectsWith(client.send(new ListPublicKeysCommand({ StartTime: new Date(2), EndTime: new Date(1) })), 'InvalidTimeRangeException', { status: 400 });
    await rejectsWith(client.send(new ListPublicKeysCommand({ NextToken: 'x' })), 'InvalidTokenException', { status: 400 });
  });

  it('aws cloudtrail list-public-keys prints the DER base64 (MIIBCgKCAQEA…) and the fingerprint', async () => {
    const key = await keys.signingKey(server.region, new Date());
    const { code, stdout, stderr } = await exec('/usr/bin/aws', ['--endpoint-url', server.url, '--output', 'json', 'cloudtrail', 'list-public-keys'], server.cliEnv());
    assert.equal(code, 0, stderr);
    const [listed] = JSON.parse(stdout).PublicKeyList;
    assert.equal(listed.Value, key.publicDer.toString('base64'));
    assert.match(listed.Value, /^MIIBCgKCAQEA/);
    assert.equal(listed.Fingerprint, key.fingerprint);
  });
});
