import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createFileThingDirectory, createThingDirectory } from './thing-directory.ts';

const scope = { region: 'eu-west-1', accountId: '111122223333' };

describe('createThingDirectory', () => {
  it('answers DescribeThing with IoT\'s defaults for what the document leaves out', async () => {
    const directory = createThingDirectory({ things: { bare: {} } }, scope);
    const thing = await directory.describeThing('bare');
    assert.deepEqual(thing, {
      defaultClientId: 'bare',
      thingName: 'bare',
      thingId: thing!.thingId,
      thingArn: 'arn:aws:iot:eu-west-1:111122223333:thing/bare',
      attributes: {},
      version: 1,
    });
    assert.match(thing!.thingId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    // The same name always gets the same id.
    assert.equal((await createThingDirectory({ things: { bare: {} } }, scope).describeThing('bare'))!.thingId, thing!.thingId);
  });

  it('returns what the document gives', async () => {
    const record = { thingTypeName: 't', attributes: { a: 'b' }, version: 4, thingId: 'id-1', defaultClientId: 'client', billingGroupName: 'bg' };
    const directory = createThingDirectory({ things: { full: record } }, scope);
    assert.deepEqual(await directory.describeThing('full'), { ...record, thingName: 'full', thingArn: 'arn:aws:iot:eu-west-1:111122223333:thing/full' });
  });

  it('returns shadows as written, as copies', async () => {
    const directory = createThingDirectory({ shadows: { s: { state: { reported: { on: true } } } } }, scope);
    const shadow = (await directory.getThingShadow('s'))!;
    shadow.state = null;
    assert.deepEqual(await directory.getThingShadow('s'), { state: { reported: { on: true } } });
  });

  it('knows nothing of unknown names, including inherited property names', async () => {
    const directory = createThingDirectory({}, scope);
    assert.equal(await directory.describeThing('nobody'), undefined);
    assert.equal(await directory.describeThing('constructor'), undefined);
    assert.equal(await directory.getThingShadow('toString'), undefined);
  });

  it('rejects malformed documents with the place of the problem', () => {
    const cases: [unknown, string][] = [
      [[], 'The things document must be a JSON object'],
      [{ things: [] }, '"things" must be an object keyed by thing name'],
      [{ things: { a: 1 } }, 'things.a must be an object'],
      [{ things: { a: { thingTypeName: 5 } } }, 'things.a.thingTypeName must be a string'],
      [{ things: { a: { version: 1.5 } } }, 'things.a.version must be an integer'],
      [{ things: { a: { attributes: { n: 1 } } } }, 'things.a.attributes.n must be a string'],
      [{ shadows: { a: 'x' } }, 'shadows.a must be an object'],
    ];
    for (const [document, message] of cases) assert.throws(() => createThingDirectory(document, scope), { message });
  });
});

describe('createFileThingDirectory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oia-things-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'things.json');
  const write = (text: string, at: number) => {
    writeFileSync(file, text);
    utimesSync(file, new Date(at), new Date(at));
  };

  it('is empty while the file does not exist, and reads the file once it does and whenever it changes', async () => {
    const directory = createFileThingDirectory(file, scope);
    assert.equal(await directory.describeThing('t1'), undefined);
    write(JSON.stringify({ things: { t1: { thingTypeName: 'a' } } }), 1_000_000_000_000);
    assert.equal((await directory.describeThing('t1'))!.thingTypeName, 'a');
    write(JSON.stringify({ things: { t1: { thingTypeName: 'b' } }, shadows: { t1: { state: {} } } }), 1_000_000_001_000);
    assert.equal((await directory.describeThing('t1'))!.thingTypeName, 'b');
    assert.deepEqual(await directory.getThingShadow('t1'), { state: {} });
  });

  it('fails lookups while the file is not valid', async () => {
    const directory = createFileThingDirectory(file, scope);
    write('{ "things": ', 1_000_000_002_000);
    await assert.rejects(directory.describeThing('t1'), (e: Error) => e.message.startsWith(`${file} is not valid JSON: `));
    write('{ "things": { "t1": 3 } }', 1_000_000_003_000);
    await assert.rejects(directory.getThingShadow('t1'), { message: 'things.t1 must be an object' });
  });
});
