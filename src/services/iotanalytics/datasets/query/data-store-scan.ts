// The DuckDB table expression for a data store's files, for the resolver the
// dataset runner is given. Files are laid out as AWS lays them out:
// <root>/__dt=YYYY-MM-DD 00:00:00/[__partition_<attr>=…/]<file>, so the
// partition columns come from hive partitioning.
import { quoteIdentifier, quoteString } from '../sql/output.ts';

export interface DataStoreFiles {
  format: 'parquet' | 'json';
  /** Absolute paths of the data files (JSON lines for 'json'). */
  files: string[];
  /**
   * The declared Parquet schema (fileFormatConfiguration.parquetConfiguration
   * .schemaDefinition.columns, Glue/Hive type names). Only used to type an
   * empty data store.
   */
  columns?: { name: string; type: string }[];
}

/**
 * Partition column types. `__dt` is a timestamp (AWS's examples compare it
 * with `current_date - interval '7' day`); custom attribute partitions stay
 * strings and the timestamp partition's parts are integers [I: decided, see
 * docs/FIDELITY.md]. Hive auto-casting is off so that a partition value such
 * as "007" stays a string.
 */
const PARTITION_TYPES: Record<string, string> = {
  __dt: 'TIMESTAMP', __year: 'INTEGER', __month: 'INTEGER', __day: 'INTEGER', __hour: 'INTEGER',
};

export function dataStoreScan(store: DataStoreFiles): string {
  if (store.files.length === 0) return emptyDataStore(store.columns ?? []);
  const files = `[${store.files.map(quoteString).join(', ')}]`;
  // DuckDB refuses types for partition keys the paths do not have.
  const keys = new Set(store.files.flatMap((f) => [...f.matchAll(/\/([^/=]+)=/g)].map((m) => m[1])));
  const types = [...keys].filter((k) => PARTITION_TYPES[k]).map((k) => `${quoteString(k)}: ${PARTITION_TYPES[k]}`);
  const common = `hive_partitioning = true, hive_types = {${types.join(', ')}}, hive_types_autocast = false, union_by_name = true`;
  if (store.format === 'parquet') return `read_parquet(${files}, ${common})`;
  // Athena reads these files through a Glue schema in which ISO timestamps
  // are strings (users call from_iso8601_timestamp on them); DuckDB would
  // otherwise detect and convert them. '%%' matches no value, turning the
  // detection off.
  return `read_json(${files}, format = 'newline_delimited', ${common}, dateformat = '%%', timestampformat = '%%')`;
}

/**
 * An empty data store has only its partition column (AWS: a dataset over an
 * empty data store "just shows __dt"), plus the declared Parquet columns.
 */
function emptyDataStore(columns: { name: string; type: string }[]): string {
  const typed = [{ name: '__dt', type: 'TIMESTAMP' }, ...columns.map((c) => ({ name: c.name, type: hiveToDuckdb(c.type) }))];
  return `(SELECT ${typed.map((c) => `CAST(NULL AS ${c.type}) AS ${quoteIdentifier(c.name)}`).join(', ')} WHERE false)`;
}

const HIVE_PRIMITIVES: Record<string, string> = {
  string: 'VARCHAR', varchar: 'VARCHAR', char: 'VARCHAR', int: 'INTEGER', integer: 'INTEGER', bigint: 'BIGINT',
  smallint: 'SMALLINT', tinyint: 'TINYINT', double: 'DOUBLE', float: 'FLOAT', boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP', date: 'DATE', binary: 'BLOB', decimal: 'DECIMAL',
};

/** Glue/Hive type strings: `int`, `decimal(10,2)`, `array<int>`, `map<string,int>`, `struct<a:int>`. */
export function hiveToDuckdb(type: string): string {
  let i = 0;
  const text = type.replace(/\s+/g, '');
  const parseType = (): string => {
    const name = /^[a-z]+/i.exec(text.slice(i))?.[0].toLowerCase() ?? '';
    i += name.length;
    if (name === 'array') return `${angled(() => parseType())[0]}[]`;
    if (name === 'map') return `MAP(${angled(() => parseType()).join(', ')})`;
    if (name === 'struct') {
      const fields = angled(() => {
        const field = /^[^:]+/.exec(text.slice(i))![0];
        i += field.length + 1;
        return `${quoteIdentifier(field)} ${parseType()}`;
      });
      return `STRUCT(${fields.join(', ')})`;
    }
    const params = /^\([0-9,]*\)/.exec(text.slice(i))?.[0] ?? '';
    i += params.length;
    const mapped = HIVE_PRIMITIVES[name];
    if (!mapped) throw new Error(`Unsupported column type ${type}`);
    return mapped === 'DECIMAL' ? `DECIMAL${params}` : mapped;
  };
  const angled = (item: () => string): string[] => {
    const items: string[] = [];
    i++; // <
    while (text[i] !== '>' && i < text.length) {
      items.push(item());
      if (text[i] === ',') i++;
    }
    i++; // >
    return items;
  };
  return parseType();
}
