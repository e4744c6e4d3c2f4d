import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newEventId } from './event-id.ts';

it('makes UUID version 7 event ids that sort by time', () => {
  const ids = [0, 1, 1000, 86_400_000].map((ms) => newEventId(new Date(Date.parse('2024-05-01T12:00:00Z') + ms)));
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16), Date.parse('2024-05-01T12:00:00Z'));
  assert.notEqual(newEventId(new Date(0)), newEventId(new Date(0)));
});
