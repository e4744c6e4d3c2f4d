// Applies the numbered plain-SQL migrations of a dialect in order and records
// each in schema_migrations. Files are named NNNN-description.sql; a gap in
// the numbers is fine, a repeated number is an error.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SqliteDatabase } from '../db/sqlite/sqlite-database.ts';

const SQLITE_DIR = fileURLToPath(new URL('./sqlite/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = SQLITE_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(dir + file, 'utf8'),
    }));
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new Error(`Two migrations are numbered ${m.version}`);
    seen.add(m.version);
  }
  return migrations;
}

export async function migrateSqlite(db: SqliteDatabase, migrations = loadMigrations()): Promise<number[]> {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (await db.reader.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(m.sql);
      db.exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${m.version}, '${m.name}', ${Date.now()})`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw new Error(`Migration ${m.version}-${m.name} failed: ${(error as Error).message}`);
    }
    done.push(m.version);
  }
  return done;
}
