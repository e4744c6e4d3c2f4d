// The SQL catalogue and its rendering as docs/SQL.md (written by
// `npm run sql-catalogue`; catalogue.test.ts fails when the file is stale).
import { translateQuery } from '../translate.ts';
import { type CatalogueEntry, type CatalogueSection } from './entry.ts';
import { DATE_TIME } from './date-time.ts';
import { AGGREGATES, ARRAYS, JSON_FUNCTIONS, MATH, STRINGS } from './functions.ts';
import { CONVERSION, SYNTAX } from './syntax.ts';

export type { CatalogueEntry, CatalogueSection };

export const CATALOGUE: readonly CatalogueSection[] = [SYNTAX, CONVERSION, DATE_TIME, AGGREGATES, ARRAYS, STRINGS, JSON_FUNCTIONS, MATH];

/** The query time the examples were written for (current_timestamp). */
export const CATALOGUE_QUERY_TIME = new Date('2020-03-04T05:06:07.089Z');

const INTRODUCTION = `# Dataset SQL: Athena (Presto) on DuckDB

Generated from \`src/services/iotanalytics/datasets/sql/catalogue/\` by \`npm run sql-catalogue\`; do not edit.

IoT Analytics datasets ran their SQL on Athena (Presto 0.172, later 0.217). Open IoT Analytics runs the same SQL on
DuckDB: a rewriter (\`sql/translate.ts\`) changes what the two dialects spell or mean differently, through renamed
functions and \`presto_*\` macros (\`sql/presto-macros.ts\`), and leaves the rest to DuckDB. Results are written as
Athena's CSV.

Every row below is a test (\`sql/catalogue.test.ts\`): its example runs on DuckDB over a data store written as
Parquet and as JSON lines (\`test/support/dataset-fixtures.ts\`: ids 1–3, \`temp\` 21.5, 22.25 and NULL, \`tags\`
[a, b], [] and [c]), and must return the CSV Athena returns according to the cited documentation. The translated
SQL shown is the rewriter's output with the data store left as \`readings\`.

Functions and syntax not listed behave the same in both engines, or are passed to DuckDB unchanged (DuckDB-only
functions therefore work too). Known differences that are not fixed are listed at the end.
`;

const DIFFERENCES = `## Known differences

- **Time zones.** The session zone is UTC. Timestamps with time zone keep their instant but are always shown in
  UTC: \`from_iso8601_timestamp('2020-01-01T12:00:00+02:00')\` prints \`2020-01-01 10:00:00.000 UTC\` where Presto
  prints \`2020-01-01 12:00:00.000 +02:00\`. \`AT TIME ZONE\`, \`with_timezone\` and \`at_timezone\` are not translated.
- **Division by zero.** Integer division by zero gives NULL (Presto: an error); double division by zero also gives
  NULL (Presto: Infinity or NaN), because DuckDB's integer-division mode applies to every \`/\`.
- **Out-of-range subscripts.** \`array[5]\` on a shorter array gives NULL; Presto raises an error (its
  \`element_at\` gives NULL, as here).
- **Regular expressions** are RE2 (DuckDB), not Java: no look-around, no back-references in patterns.
- **Rows (structs) in the CSV** print as DuckDB prints them, \`{'x': 1}\` (Presto \`{x=1}\`); arrays and maps print
  as Presto's.
- **typeof** of a string literal is \`varchar\` (Presto: \`varchar(n)\`).
- **Decimal literals** such as \`1.5\` are DECIMAL, as in Presto 0.217 / Athena engine 2 (0.172 read them as DOUBLE).
- **Formats** given to date_format, date_parse, format_datetime and parse_datetime must be string literals.
- **Not supported**, as in IoT Analytics: WITH, CREATE TABLE AS, INSERT, DESCRIBE, EXPLAIN, prepared statements and
  parameters, several statements, table functions other than UNNEST. Each is refused with an error naming it.
`;

export function renderCatalogue(): string {
  const sections = CATALOGUE.map((section) => {
    const rows = section.entries.map((entry) => {
      const translated = translateQuery(entry.sql, { tables: (name) => name, queryTime: CATALOGUE_QUERY_TIME }).text;
      const result = entry.expected.map(code).join('<br>');
      return `| ${cell(entry.presto)} | ${cell(entry.translation)} | ${code(entry.sql)}<br>→ ${code(translated)} | ${result} | [docs](${entry.source}) |`;
    });
    return [`## ${section.title}`, '', '| Presto / Athena | Translation | Example → DuckDB SQL | Athena CSV | Source |', '|---|---|---|---|---|', ...rows].join('\n');
  });
  return [INTRODUCTION, ...sections, DIFFERENCES].join('\n\n');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** An inline code span; double backticks when the text has backquoted names. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${cell(text)} \`\`` : `\`${cell(text)}\``;
}
