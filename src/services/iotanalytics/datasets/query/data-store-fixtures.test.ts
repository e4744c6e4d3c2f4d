// The synthetic data store the dataset benchmark builds (10 million rows
// there; a few thousand here), read back through the query engine.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { dataStoreScan } from './data-store-scan.ts';
import { writeSyntheticDataStore } from './data-store-fixtures.ts';
import { DatasetQueryEngine } from './engine.ts';

const dir = mkdtempSync(join(tmpdir(), 'oia-synthetic-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('writeSyntheticDataStore', () => {
  for (const format of ['parquet', 'json'] as const) {
    it(`spreads the rows over daily __dt partitions (${format})`, async () => {
      const files = await writeSyntheticDataStore({ dir: join(dir, format), rows: 10_000, days: 3, format, firstDay: '2021-06-01' });
      assert.deepEqual(
        files.map((f) => f.slice(join(dir, format).length)),
        ['/__dt=2021-06-01 00:00:00', '/__dt=2021-06-02 00:00:00', '/__dt=2021-06-03 00:00:00'].map((d) => `${d}/part-00000.${format}`),
      );
      const engine = await DatasetQueryEngine.open({ allowedDirectories: [dir] });
      const outputPath = join(dir, `${format}.csv`);
      try {
        await engine.runDatasetQuery({
          sql: `SELECT count(*), count(DISTINCT deviceid), count_if(date_trunc('day', from_unixtime(epoch)) <> "__dt"),
                  count_if(status = 'fail'), min(temperature) >= 9, max(humidity) < 100 FROM store`,
          tables: (name) => (name === 'store' ? dataStoreScan({ format, files }) : undefined),
          outputPath,
          queryTime: new Date(),
        });
      } finally {
        engine.close();
      }
      assert.equal(readFileSync(outputPath, 'utf8').split('\n')[1], '"10000","1000","0","100","true","true"');
    });
  }
});
