// The SQL of the control plane: channels, data stores, pipelines and datasets
// share one table (their configuration is JSON), tags another, the logging
// options of each region a third.
import type { SqlExecutor } from '../../../storage/db/database.ts';
import type { ResourceKind } from '../arns.ts';

export interface StoredResource<C> {
  region: string;
  kind: ResourceKind;
  name: string;
  arn: string;
  config: C;
  createdAt: Date;
  updatedAt: Date;
}

interface ResourceRow {
  region: string;
  kind: ResourceKind;
  name: string;
  arn: string;
  config: string;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'region, kind, name, arn, config, created_at, updated_at';

function fromRow<C>(row: ResourceRow): StoredResource<C> {
  return {
    region: row.region,
    kind: row.kind,
    name: row.name,
    arn: row.arn,
    config: JSON.parse(row.config) as C,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export const resourceStore = {
  async find<C>(db: SqlExecutor, region: string, kind: ResourceKind, name: string): Promise<StoredResource<C> | undefined> {
    const row = await db.get<ResourceRow>(
      `SELECT ${COLUMNS} FROM iota_resources WHERE region = @region AND kind = @kind AND name = @name`,
      { region, kind, name },
    );
    return row && fromRow<C>(row);
  },

  /** The resource whose name equals `name` when case is ignored (names may not differ only in case). */
  async findFolded<C>(db: SqlExecutor, region: string, kind: ResourceKind, name: string): Promise<StoredResource<C> | undefined> {
    const row = await db.get<ResourceRow>(
      `SELECT ${COLUMNS} FROM iota_resources WHERE region = @region AND kind = @kind AND name = @name COLLATE NOCASE`,
      { region, kind, name },
    );
    return row && fromRow<C>(row);
  },

  async findByArn<C>(db: SqlExecutor, arn: string): Promise<StoredResource<C> | undefined> {
    const row = await db.get<ResourceRow>(`SELECT ${COLUMNS} FROM iota_resources WHERE arn = @arn`, { arn });
    return row && fromRow<C>(row);
  },

  /** Resources in name order, starting after `after`. */
  async list<C>(db: SqlExecutor, region: string, kind: ResourceKind, after: string | undefined, limit: number): Promise<StoredResource<C>[]> {
    const rows = await db.all<ResourceRow>(
      `SELECT ${COLUMNS} FROM iota_resources
       WHERE region = @region AND kind = @kind AND (@after IS NULL OR name > @after)
       ORDER BY name LIMIT @limit`,
      { region, kind, after, limit },
    );
    return rows.map((r) => fromRow<C>(r));
  },

  /** Every resource of a kind (bounded by the kind's quota). */
  async all<C>(db: SqlExecutor, region: string, kind: ResourceKind): Promise<StoredResource<C>[]> {
    const rows = await db.all<ResourceRow>(
      `SELECT ${COLUMNS} FROM iota_resources WHERE region = @region AND kind = @kind ORDER BY name`,
      { region, kind },
    );
    return rows.map((r) => fromRow<C>(r));
  },

  /** Every resource of a kind in every region (what the dataset scheduler visits). */
  async everywhere<C>(db: SqlExecutor, kind: ResourceKind): Promise<StoredResource<C>[]> {
    const rows = await db.all<ResourceRow>(`SELECT ${COLUMNS} FROM iota_resources WHERE kind = @kind ORDER BY region, name`, { kind });
    return rows.map((r) => fromRow<C>(r));
  },

  async count(db: SqlExecutor, region: string, kind: ResourceKind): Promise<number> {
    const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM iota_resources WHERE region = @region AND kind = @kind', { region, kind });
    return row?.n ?? 0;
  },

  async insert<C>(tx: SqlExecutor, resource: StoredResource<C>): Promise<void> {
    await tx.run(
      `INSERT INTO iota_resources (${COLUMNS}) VALUES (@region, @kind, @name, @arn, @config, @createdAt, @updatedAt)`,
      { ...resource, config: JSON.stringify(resource.config) },
    );
  },

  async update<C>(tx: SqlExecutor, resource: StoredResource<C>): Promise<void> {
    await tx.run('UPDATE iota_resources SET config = @config, updated_at = @updatedAt WHERE arn = @arn', {
      arn: resource.arn,
      config: JSON.stringify(resource.config),
      updatedAt: resource.updatedAt,
    });
  },

  async delete(tx: SqlExecutor, arn: string): Promise<boolean> {
    return (await tx.run('DELETE FROM iota_resources WHERE arn = @arn', { arn })).changes > 0;
  },

  async tags(db: SqlExecutor, arn: string): Promise<{ key: string; value: string }[]> {
    return db.all('SELECT key, value FROM iota_tags WHERE arn = @arn ORDER BY key', { arn });
  },

  async putTags(tx: SqlExecutor, arn: string, tags: { key: string; value: string }[]): Promise<void> {
    for (const tag of tags) {
      await tx.run(
        'INSERT INTO iota_tags (arn, key, value) VALUES (@arn, @key, @value) ON CONFLICT (arn, key) DO UPDATE SET value = excluded.value',
        { arn, ...tag },
      );
    }
  },

  async removeTags(tx: SqlExecutor, arn: string, keys: string[]): Promise<void> {
    for (const key of keys) await tx.run('DELETE FROM iota_tags WHERE arn = @arn AND key = @key', { arn, key });
  },

  async loggingOptions<O>(db: SqlExecutor, region: string): Promise<O | undefined> {
    const row = await db.get<{ options: string }>('SELECT options FROM iota_logging_options WHERE region = @region', { region });
    return row && (JSON.parse(row.options) as O);
  },

  async putLoggingOptions<O>(tx: SqlExecutor, region: string, options: O): Promise<void> {
    await tx.run(
      'INSERT INTO iota_logging_options (region, options) VALUES (@region, @options) ON CONFLICT (region) DO UPDATE SET options = excluded.options',
      { region, options: JSON.stringify(options) },
    );
  },
};
