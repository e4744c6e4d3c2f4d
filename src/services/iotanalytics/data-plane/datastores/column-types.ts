// Column types of Parquet data stores. Without a schemaDefinition the types
// are inferred from the messages themselves (JSON numbers that are whole
// become BIGINT, others DOUBLE; objects become STRUCTs, arrays LISTs) and
// widened as more messages come: BIGINT and DOUBLE make DOUBLE, anything
// else that disagrees becomes JSON text, so no message is ever refused for
// its shape. With a schemaDefinition, its Hive/Glue types are used.

export type ColumnType =
  | 'NULL'
  | 'BOOLEAN'
  | 'BIGINT'
  | 'DOUBLE'
  | 'VARCHAR'
  | 'JSON'
  | { struct: Record<string, ColumnType> }
  | { list: ColumnType };

/** Top-level attribute name → type; persisted with staged rows (JSON). */
export type Columns = Record<string, ColumnType>;

const MAX_DEPTH = 32;

// Attribute names are data: "__proto__" or "constructor" must be plain keys.
const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);
function put<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
const INT64 = 2 ** 63;

export function typeOf(value: unknown, depth = 0): ColumnType {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return 'BOOLEAN';
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < INT64 ? 'BIGINT' : 'DOUBLE';
    case 'string':
      return 'VARCHAR';
    default:
      break;
  }
  if (depth >= MAX_DEPTH) return 'JSON';
  if (Array.isArray(value)) {
    let element: ColumnType = 'NULL';
    for (const item of value) element = mergeTypes(element, typeOf(item, depth + 1));
    return { list: element };
  }
  const struct: Record<string, ColumnType> = {};
  const folded = new Set<string>();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    // Struct field names are case-insensitive in SQL: a message with both
    // `a` and `A` inside an object keeps that object as JSON text.
    const lower = key.toLowerCase();
    if (folded.has(lower)) return 'JSON';
    folded.add(lower);
    put(struct, key, typeOf(item, depth + 1));
  }
  return Object.keys(struct).length === 0 ? 'JSON' : { struct };
}

export function mergeTypes(a: ColumnType, b: ColumnType): ColumnType {
  if (a === 'NULL') return b;
  if (b === 'NULL') return a;
  if (typeof a === 'string' || typeof b === 'string') {
    if (a === b) return a;
    if ((a === 'BIGINT' && b === 'DOUBLE') || (a === 'DOUBLE' && b === 'BIGINT')) return 'DOUBLE';
    return 'JSON';
  }
  if ('list' in a && 'list' in b) return { list: mergeTypes(a.list, b.list) };
  if ('struct' in a && 'struct' in b) {
    const struct: Record<string, ColumnType> = {};
    for (const [key, type] of Object.entries(a.struct)) put(struct, key, type);
    const folded = new Map(Object.keys(struct).map((k) => [k.toLowerCase(), k]));
    for (const [key, type] of Object.entries(b.struct)) {
      const existing = folded.get(key.toLowerCase());
      if (existing !== undefined && existing !== key) return 'JSON';
      put(struct, key, existing === undefined ? type : mergeTypes(struct[key], type));
      folded.set(key.toLowerCase(), key);
    }
    return { struct };
  }
  return 'JSON';
}

/** Adds a message's top-level attributes to `columns`. */
export function observe(columns: Columns, message: Record<string, unknown>): void {
  for (const key in message) {
    const value = message[key];
    const known = own(columns, key);
    if (known === undefined) put(columns, key, typeOf(value));
    else if (!fits(value, known)) put(columns, key, mergeTypes(known, typeOf(value)));
  }
}

/** Whether a value adds nothing to a type (the common case, checked without building its type). */
function fits(value: unknown, type: ColumnType): boolean {
  if (value === null || value === undefined || type === 'JSON') return true;
  switch (typeof value) {
    case 'boolean':
      return type === 'BOOLEAN';
    case 'number':
      return type === 'DOUBLE' || (type === 'BIGINT' && Number.isInteger(value) && Math.abs(value) < INT64);
    case 'string':
      return type === 'VARCHAR';
    default:
      break;
  }
  if (typeof type === 'string') return false;
  if (Array.isArray(value)) return 'list' in type && value.every((item) => fits(item, type.list));
  if (!('struct' in type)) return false;
  for (const key in value as Record<string, unknown>) {
    const field = own(type.struct, key);
    if (field === undefined || !fits((value as Record<string, unknown>)[key], field)) return false;
  }
  return true;
}

export function mergeColumns(into: Columns, from: Columns): void {
  for (const [key, type] of Object.entries(from)) {
    const known = own(into, key);
    put(into, key, known === undefined ? type : mergeTypes(known, type));
  }
}

/** The DuckDB type of a column; types that carry no information (all NULL) are JSON. */
export function duckdbType(type: ColumnType): string {
  if (type === 'NULL') return 'JSON';
  if (typeof type === 'string') return type;
  if ('list' in type) return `${duckdbType(type.list)}[]`;
  return `STRUCT(${Object.entries(type.struct).map(([k, t]) => `${quoteIdentifier(k)} ${duckdbType(t)}`).join(', ')})`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class HiveTypeError extends Error {}

/**
 * A Hive/Glue type string of a schemaDefinition column (`int`,
 * `array<struct<a:string>>`, `decimal(10,2)`, …) as a DuckDB type.
 */
export function duckdbTypeOfHive(hive: string): string {
  let at = 0;
  const text = hive.trim();
  const fail = (): never => {
    throw new HiveTypeError(`Cannot read the column type '${hive}'`);
  };
  const skip = () => {
    while (text[at] === ' ') at++;
  };
  const expect = (c: string) => {
    skip();
    if (text[at] !== c) fail();
    at++;
  };
  const word = (): string => {
    skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
    if (!m) fail();
    at += m![0].length;
    return m![0];
  };
  const parse = (): string => {
    const name = word().toLowerCase();
    switch (name) {
      case 'array': {
        expect('<');
        const element = parse();
        expect('>');
        return `${element}[]`;
      }
      case 'map': {
        expect('<');
        const key = parse();
        expect(',');
        const value = parse();
        expect('>');
        return `MAP(${key}, ${value})`;
      }
      case 'struct': {
        expect('<');
        const fields: string[] = [];
        for (;;) {
          const field = word();
          expect(':');
          fields.push(`${quoteIdentifier(field)} ${parse()}`);
          skip();
          if (text[at] === ',') at++;
          else break;
        }
        expect('>');
        return `STRUCT(${fields.join(', ')})`;
      }
      case 'decimal': {
        skip();
        if (text[at] !== '(') return 'DECIMAL(38, 18)';
        const m = /^\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(text.slice(at));
        if (!m) fail();
        at += m![0].length;
        return `DECIMAL(${Math.min(Number(m![1]), 38)}, ${m![2] ?? 0})`;
      }
      case 'char':
      case 'varchar': {
        skip();
        const m = /^\(\s*\d+\s*\)/.exec(text.slice(at));
        if (m) at += m[0].length;
        return 'VARCHAR';
      }
      default: {
        const simple = SIMPLE_TYPES[name];
        if (!simple) fail();
        return simple;
      }
    }
  };
  const result = parse();
  skip();
  if (at !== text.length) fail();
  return result;
}

const SIMPLE_TYPES: Record<string, string> = {
  boolean: 'BOOLEAN',
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  int: 'INTEGER',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  string: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  binary: 'BLOB',
};
