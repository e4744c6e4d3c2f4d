// One row of the SQL catalogue (docs/SQL.md): a Presto/Athena function or
// syntax, what the translation does with it, and an example whose expected
// CSV comes from the cited Presto/Athena documentation. catalogue.test.ts
// runs every example on DuckDB over the fixture data store `readings`
// (test/support/dataset-fixtures.ts), in Parquet and in JSON lines.

export interface CatalogueEntry {
  /** What users write in Athena. */
  presto: string;
  /** What differs in DuckDB and what the translation does ("Same in DuckDB." when nothing). */
  translation: string;
  /** Where the expected values come from. */
  source: string;
  /** The example, over `readings`. */
  sql: string;
  /** The CSV Athena returns for it, header line first. */
  expected: string[];
}

export interface CatalogueSection {
  title: string;
  entries: CatalogueEntry[];
}

/** The usual FROM of an example: one row of the fixture. */
export const ONE = 'FROM readings WHERE id = 1';

export const DOCS = {
  datetime: 'https://prestodb.io/docs/0.217/functions/datetime.html',
  aggregate: 'https://prestodb.io/docs/0.217/functions/aggregate.html',
  array: 'https://prestodb.io/docs/0.217/functions/array.html',
  map: 'https://prestodb.io/docs/0.217/functions/map.html',
  string: 'https://prestodb.io/docs/0.217/functions/string.html',
  regexp: 'https://prestodb.io/docs/0.217/functions/regexp.html',
  json: 'https://prestodb.io/docs/0.217/functions/json.html',
  math: 'https://prestodb.io/docs/0.217/functions/math.html',
  conversion: 'https://prestodb.io/docs/0.217/functions/conversion.html',
  conditional: 'https://prestodb.io/docs/0.217/functions/conditional.html',
  lambda: 'https://prestodb.io/docs/0.217/functions/lambda.html',
  select: 'https://prestodb.io/docs/0.217/sql/select.html',
  types: 'https://prestodb.io/docs/0.217/language/types.html',
  athenaNames: 'https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html',
  iotSql: 'https://docs.aws.amazon.com/iotanalytics/latest/userguide/sql-support.html',
  athenaCsv: 'https://pyathena.dev/master/null_handling.html',
  javaDouble: 'https://docs.oracle.com/javase/8/docs/api/java/lang/Double.html#toString-double-',
} as const;
