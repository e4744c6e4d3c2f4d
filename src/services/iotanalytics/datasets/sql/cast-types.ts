// Presto type names (as written after CAST … AS) → DuckDB type names.
import { nodeIsWord, splitOnCommas, tokenOf, type SqlNode } from './token-tree.ts';

export class UnsupportedType extends Error {}

function fields(nodes: SqlNode[]): SqlNode[][] {
  return splitOnCommas(nodes, () => {
    throw new UnsupportedType('a type parameter is missing between commas');
  });
}

const SAME_NAME = new Set([
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'INT', 'BIGINT', 'DOUBLE', 'DATE', 'JSON', 'UUID', 'VARCHAR',
  'CHAR', 'DECIMAL', 'TIME', 'TIMESTAMP', 'INTERVAL',
]);

const RENAMED: Record<string, string> = {
  REAL: 'FLOAT', // Presto REAL is 32-bit, DuckDB's FLOAT
  FLOAT: 'FLOAT',
  VARBINARY: 'BLOB',
  STRING: 'VARCHAR', // Hive/Glue spelling, accepted for convenience
};

export function duckdbType(nodes: SqlNode[]): string {
  const name = tokenOf(nodes[0]);
  if (name?.kind !== 'word') throw new UnsupportedType('a type name was expected');
  const upper = name.value.toUpperCase();
  const params = nodes[1]?.type === 'group' ? nodes[1].children : undefined;
  const rest = nodes.slice(params ? 2 : 1);
  switch (upper) {
    case 'ARRAY':
      if (!params) throw new UnsupportedType('ARRAY needs its element type, e.g. ARRAY(INTEGER)');
      return `${duckdbType(params)}[]`;
    case 'MAP': {
      const [key, value] = fields(params ?? []);
      if (!key || !value) throw new UnsupportedType('MAP needs a key and a value type, e.g. MAP(VARCHAR, DOUBLE)');
      return `MAP(${duckdbType(key)}, ${duckdbType(value)})`;
    }
    case 'ROW': {
      const members = fields(params ?? []).map((field) => {
        const fieldName = tokenOf(field[0]);
        if (!fieldName || field.length < 2) throw new UnsupportedType('ROW fields need a name and a type');
        return `${fieldName.text} ${duckdbType(field.slice(1))}`;
      });
      return `STRUCT(${members.join(', ')})`;
    }
    case 'TIMESTAMP':
    case 'TIME':
      if (nodeIsWord(rest[0], 'WITH')) return upper === 'TIME' ? 'TIMETZ' : 'TIMESTAMPTZ';
      return upper;
    case 'DOUBLE':
      return 'DOUBLE'; // also "DOUBLE PRECISION"
    case 'VARCHAR':
    case 'CHAR':
      return 'VARCHAR'; // Presto pads CHAR(n); DuckDB has no fixed-length strings
    case 'DECIMAL':
      return params ? `DECIMAL(${params.map((n) => tokenOf(n)?.text ?? '').join('')})` : 'DECIMAL';
    case 'INTERVAL':
      return 'INTERVAL'; // INTERVAL DAY TO SECOND, INTERVAL YEAR TO MONTH
    default:
      if (RENAMED[upper]) return RENAMED[upper];
      if (SAME_NAME.has(upper)) return upper;
      throw new UnsupportedType(`type ${name.value} is not supported`);
  }
}
