import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AttributePathError, deleteAt, formatAttributePath, getAt, leafName, parseAttributePath } from './paths.ts';

describe('attribute paths', () => {
  it('parses names, dots and indexes', () => {
    assert.deepEqual(parseAttributePath('device.coord[0]'), [{ key: 'device' }, { key: 'coord' }, { index: 0 }]);
    assert.deepEqual(parseAttributePath('a[1][2].b'), [{ key: 'a' }, { index: 1 }, { index: 2 }, { key: 'b' }]);
    assert.deepEqual(parseAttributePath('odd-name with spaces'), [{ key: 'odd-name with spaces' }]);
    for (const text of ['device.coord[0]', 'a[1][2].b', 'x']) assert.equal(formatAttributePath(parseAttributePath(text)), text);
  });

  it('rejects malformed paths', () => {
    for (const text of ['', 'a..b', '.a', 'a.', 'a[x]', 'a[]', '[0]', 'a[-1]', 'a[0', 'a]']) {
      assert.throws(() => parseAttributePath(text), (e: unknown) => e instanceof AttributePathError && e.message === `Invalid attribute path '${text}'`, text);
    }
  });

  it('reads values, and nothing where a step is missing or of the wrong kind', () => {
    const message = { device: { coord: [1, [2, 3]], id: 'x', nothing: null }, list: [] };
    const at = (text: string) => getAt(message, parseAttributePath(text));
    assert.equal(at('device.coord[1][0]'), 2);
    assert.equal(at('device.nothing'), null);
    assert.equal(at('device.coord[2]'), undefined);
    assert.equal(at('device.id.length'), undefined);
    assert.equal(at('device.id[0]'), undefined);
    assert.equal(at('list.length'), undefined);
    assert.equal(at('device.coord.length'), undefined);
    assert.equal(at('device.constructor'), undefined);
  });

  it('deletes keys and splices array items; missing paths change nothing', () => {
    const message = { a: { b: 1, c: [1, 2, 3] }, d: 4 };
    deleteAt(message, parseAttributePath('a.c[0]'));
    deleteAt(message, parseAttributePath('a.b'));
    deleteAt(message, parseAttributePath('a.c[7]'));
    deleteAt(message, parseAttributePath('x.y'));
    deleteAt(message, parseAttributePath('d.e'));
    assert.deepEqual(message, { a: { c: [2, 3] }, d: 4 });
  });

  it('names a selection after its last attribute', () => {
    assert.equal(leafName(parseAttributePath('device.temp')), 'temp');
    assert.equal(leafName(parseAttributePath('device.coord[1]')), 'coord');
    assert.equal(leafName(parseAttributePath('light')), 'light');
  });
});
