// Values read from the database, kept until this process commits any write.
// Hot reads (the access key of every signed request, the resource a Describe
// names) then cost a map lookup instead of a SQLite statement with its WAL
// read lock. Emptying on every commit is coarse but cannot serve a stale
// value: a value is kept only when no commit happened while it was loaded.
// A store shared by several processes (PostgreSQL) would need their commits
// too; until it has them it must not cache.
import type { Database } from './database.ts';

export class ReadCache<V> {
  private readonly values = new Map<string, V | undefined>();
  private generation = 0;

  constructor(
    database: Database,
    private readonly maxEntries = 10_000,
  ) {
    database.onCommit(() => {
      this.generation++;
      this.values.clear();
    });
  }

  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    if (this.values.has(key)) return this.values.get(key);
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (this.values.size >= this.maxEntries) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }
}
