// Validates CloudTrail records against the versioned JSON Schema of the
// record format (src/audit/record.schema.json) with ajv. Every test that
// produces records passes them through here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { SqlExecutor } from '../../src/storage/db/database.ts';

const schemaFile = fileURLToPath(new URL('../../src/audit/record.schema.json', import.meta.url));
// strictRequired would forbid `required` in if/then branches without a local `properties`.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

export function assertValidRecord(record: unknown): void {
  if (!validate(record)) {
    assert.fail(`record does not match the schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(record, null, 2)}`);
  }
}

/** Validates every record in an event store database; returns how many there were. */
export async function assertAllStoredRecordsValid(db: SqlExecutor): Promise<number> {
  const rows = await db.all<{ record: string }>('SELECT record FROM audit_events');
  for (const row of rows) assertValidRecord(JSON.parse(row.record));
  return rows.length;
}
