// Every catalogue row against real DuckDB over real files: the example must
// return the CSV Athena returns, from Parquet and from JSON lines. And
// docs/SQL.md must be the catalogue's current rendering.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { FIXTURE_QUERY_TIME, openDatasetFixture, type DatasetFixture } from '../../../../../test/support/dataset-fixtures.ts';
import { CATALOGUE, CATALOGUE_QUERY_TIME, renderCatalogue } from './catalogue/index.ts';

let fixture: DatasetFixture;
before(async () => {
  fixture = await openDatasetFixture();
});
after(() => fixture.close());

for (const section of CATALOGUE) {
  describe(section.title, () => {
    for (const entry of section.entries) {
      it(entry.presto, async () => {
        for (const format of ['parquet', 'json'] as const) {
          assert.deepEqual(await fixture.query(entry.sql, { format }), entry.expected, `${format}: ${entry.sql}`);
        }
      });
    }
  });
}

describe('docs/SQL.md', () => {
  it('is the current rendering of the catalogue (npm run sql-catalogue)', () => {
    assert.equal(CATALOGUE_QUERY_TIME.getTime(), FIXTURE_QUERY_TIME.getTime());
    const doc = readFileSync(new URL('../../../../../docs/SQL.md', import.meta.url), 'utf8');
    assert.equal(doc, renderCatalogue());
  });
});
