// Catalogue: date and time functions. The session time zone is UTC, as in
// Athena; the fixture's query time is 2020-03-04 05:06:07.089 UTC.
import { DOCS, ONE, type CatalogueSection } from './entry.ts';

export const DATE_TIME: CatalogueSection = {
  title: 'Date and time',
  entries: [
    {
      presto: 'from_iso8601_timestamp(string)',
      translation: 'presto_from_iso8601_timestamp: CAST to TIMESTAMPTZ. Presto keeps the offset it parsed; here every zoned value is shown in UTC.',
      source: DOCS.datetime,
      sql: `SELECT from_iso8601_timestamp(ts), from_iso8601_timestamp('2020-01-01T12:00:00.250Z') ${ONE}`,
      expected: ['"_col0","_col1"', '"2020-01-01 10:00:00.000 UTC","2020-01-01 12:00:00.250 UTC"'],
    },
    {
      presto: 'from_iso8601_date(string)',
      translation: 'presto_from_iso8601_date: CAST to DATE.',
      source: DOCS.datetime,
      sql: `SELECT from_iso8601_date('2020-01-05') ${ONE}`,
      expected: ['"_col0"', '"2020-01-05"'],
    },
    {
      presto: 'to_iso8601(x)',
      translation: 'presto_to_iso8601: milliseconds always, Z for UTC values.',
      source: DOCS.datetime,
      sql: `SELECT to_iso8601(from_iso8601_timestamp(ts)), to_iso8601(timestamp '2020-01-01 10:00:00'), to_iso8601(date '2020-01-05') ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"2020-01-01T10:00:00.000Z","2020-01-01T10:00:00.000","2020-01-05"'],
    },
    {
      presto: 'from_unixtime(unixtime)',
      translation: 'presto_from_unixtime: a timestamp (UTC), rounded to milliseconds as Presto does.',
      source: DOCS.datetime,
      sql: `SELECT from_unixtime(epoch), from_unixtime(1.5) ${ONE}`,
      expected: ['"_col0","_col1"', '"2020-01-01 10:00:00.000","1970-01-01 00:00:01.500"'],
    },
    {
      presto: 'to_unixtime(timestamp)',
      translation: 'DuckDB epoch(): seconds as a double.',
      source: DOCS.datetime,
      sql: `SELECT to_unixtime(from_unixtime(epoch)), to_unixtime(timestamp '1970-01-01 00:00:01.5') ${ONE}`,
      expected: ['"_col0","_col1"', '"1.5778728E9","1.5"'],
    },
    {
      presto: "date_trunc('unit', x)",
      translation: 'presto_date_trunc: a DATE stays a DATE (DuckDB would return a timestamp).',
      source: DOCS.datetime,
      sql: `SELECT date_trunc('hour', timestamp '2020-01-01 10:42:31'), date_trunc('week', timestamp '2020-01-01 10:42:31'), date_trunc('month', date '2020-03-15') ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"2020-01-01 10:00:00.000","2019-12-30 00:00:00.000","2020-03-01"'],
    },
    {
      presto: "date_diff('unit', a, b)",
      translation: 'DuckDB date_sub: whole units elapsed, as Presto counts them (DuckDB\'s date_diff counts boundaries crossed).',
      source: DOCS.datetime,
      sql: `SELECT date_diff('day', timestamp '2020-01-01 23:00:00', timestamp '2020-01-02 01:00:00'), date_diff('hour', timestamp '2020-01-01 23:00:00', timestamp '2020-01-02 01:30:00'), date_diff('second', from_unixtime(epoch), from_iso8601_timestamp('2020-01-01T10:01:00Z')) ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"0","2","60"'],
    },
    {
      presto: "date_add('unit', n, x)",
      translation: 'presto_date_add: adds an interval of the unit; a DATE stays a DATE; month ends are clamped.',
      source: DOCS.datetime,
      sql: `SELECT date_add('day', 1, timestamp '2020-01-31 10:00:00'), date_add('month', 1, date '2020-01-31'), date_add('hour', -2, from_unixtime(epoch)) ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"2020-02-01 10:00:00.000","2020-02-29","2020-01-01 08:00:00.000"'],
    },
    {
      presto: 'date_format(timestamp, format)',
      translation: 'strftime with the MySQL specifiers converted when translating (the format must be a literal; %D %U %u %V %w %X are refused, as by Presto).',
      source: DOCS.datetime,
      sql: `SELECT date_format(timestamp '2020-01-05 13:04:05.321', '%Y-%m-%d %H:%i:%s.%f'), date_format(timestamp '2020-01-05 13:04:05', '%W %M %e %Y, %l:%i %p') ${ONE}`,
      expected: ['"_col0","_col1"', '"2020-01-05 13:04:05.321000","Sunday January 5 2020, 1:04 PM"'],
    },
    {
      presto: 'date_parse(string, format)',
      translation: 'strptime with the MySQL specifiers converted.',
      source: DOCS.datetime,
      sql: `SELECT date_parse('05/01/2020 13:04', '%d/%m/%Y %H:%i') ${ONE}`,
      expected: ['"_col0"', '"2020-01-05 13:04:00.000"'],
    },
    {
      presto: 'format_datetime(timestamp, format)',
      translation: 'strftime with the Joda-Time pattern converted when translating (literal patterns only).',
      source: DOCS.datetime,
      sql: `SELECT format_datetime(timestamp '2020-01-05 13:04:05.321', 'yyyy-MM-dd''T''HH:mm:ss.SSS'), format_datetime(timestamp '2020-01-05 13:04:05', 'EEEE, MMMM d') ${ONE}`,
      expected: ['"_col0","_col1"', '"2020-01-05T13:04:05.321","Sunday, January 5"'],
    },
    {
      presto: 'parse_datetime(string, format)',
      translation: 'strptime with the Joda-Time pattern converted; the result is a timestamp with time zone.',
      source: DOCS.datetime,
      sql: `SELECT parse_datetime('2020-01-05 13:04', 'yyyy-MM-dd HH:mm') ${ONE}`,
      expected: ['"_col0"', '"2020-01-05 13:04:00.000 UTC"'],
    },
    {
      presto: 'current_timestamp, now(), current_date',
      translation: 'Replaced by the run\'s time (injected, so a re-run is reproducible), in UTC.',
      source: DOCS.datetime,
      sql: `SELECT current_timestamp, now(), current_date ${ONE}`,
      expected: ['"_col0","_col1","_col2"', '"2020-03-04 05:06:07.089 UTC","2020-03-04 05:06:07.089 UTC","2020-03-04"'],
    },
    {
      presto: 'day_of_week, day_of_year, week, EXTRACT(field FROM x)',
      translation: 'ISO day of week (Monday = 1 … Sunday = 7): DuckDB isodow; EXTRACT fields mapped.',
      source: DOCS.datetime,
      sql: `SELECT day_of_week(date '2020-01-05'), extract(dow FROM date '2020-01-05'), day_of_year(date '2020-02-01'), week(date '2020-01-01'), year(from_unixtime(epoch)) ${ONE}`,
      expected: ['"_col0","_col1","_col2","_col3","_col4"', '"7","7","32","1","2020"'],
    },
    {
      presto: 'millisecond(x), second(x)',
      translation: 'presto_millisecond: only the 0–999 part (DuckDB\'s millisecond() includes the seconds).',
      source: DOCS.datetime,
      sql: `SELECT millisecond(timestamp '2020-01-01 00:00:05.123'), second(timestamp '2020-01-01 00:00:05.123') ${ONE}`,
      expected: ['"_col0","_col1"', '"123","5"'],
    },
  ],
};
