import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayFolder } from '../channels/archive.ts';
import { duckdbType, duckdbTypeOfHive, mergeTypes, observe, typeOf, type Columns } from './column-types.ts';
import { escapePathValue, partitionPath, partitionScheme } from './partitions.ts';

describe('data-store partitions and column types', () => {
  const day = dayFolder(Date.parse('2024-05-01T13:14:15Z'));

  it('lays out __dt first, then the partitions in their order, Hive-escaped', () => {
    assert.equal(day, '__dt=2024-05-01 00:00:00');
    const scheme = partitionScheme({
      partitions: [{ timestampPartition: { attributeName: 'at' } }, { attributePartition: { attributeName: 'site' } }],
    });
    assert.equal(partitionPath(scheme, { at: 1714570455, site: 'b/c' }, day), `${day}/__year=2024/__month=05/__day=01/__hour=13/__partition_site=b%2Fc`);
    assert.equal(
      partitionPath(scheme, { at: 'x' }, day),
      `${day}/__year=__HIVE_DEFAULT_PARTITION__/__month=__HIVE_DEFAULT_PARTITION__/__day=__HIVE_DEFAULT_PARTITION__/__hour=__HIVE_DEFAULT_PARTITION__/__partition_site=__HIVE_DEFAULT_PARTITION__`,
    );
    assert.equal(escapePathValue('a:b=c#d%e\n'), 'a%3Ab%3Dc%23d%25e%0A');
    // A pattern letter we do not read (Q, quarter): the default partition, not a stuck pipeline.
    const quarters = partitionScheme({ partitions: [{ timestampPartition: { attributeName: 'at', timestampFormat: 'yyyy-QQ' } }] });
    assert.match(partitionPath(quarters, { at: '2024-02' }, day), /__year=__HIVE_DEFAULT_PARTITION__/);
    assert.equal(partitionPath(partitionScheme({ partitions: [{ attributePartition: { attributeName: 'n' } }] }), { n: 5 }, day), `${day}/__partition_n=5`);
  });

  it('infers column types and widens them as messages disagree', () => {
    const columns: Columns = {};
    observe(columns, { i: 1, f: 1, s: 'x', o: { a: 1 }, l: [1], mixed: 1, n: null });
    observe(columns, { i: 2, f: 1.5, s: 'y', o: { b: 'z' }, l: [2.5], mixed: 'one', constructor: true });
    assert.deepEqual<Columns>(columns, { i: 'BIGINT', f: 'DOUBLE', s: 'VARCHAR', o: { struct: { a: 'BIGINT', b: 'VARCHAR' } }, l: { list: 'DOUBLE' }, mixed: 'JSON', n: 'NULL', constructor: 'BOOLEAN' as const });
    assert.equal(duckdbType(columns.o!), 'STRUCT("a" BIGINT, "b" VARCHAR)');
    assert.equal(duckdbType(columns.n!), 'JSON');
    assert.equal(typeOf({ a: 1, A: 2 }), 'JSON');
    assert.equal(mergeTypes({ struct: { a: 'BIGINT' } }, { struct: { A: 'BIGINT' } }), 'JSON');
  });

  it('reads Hive and Glue types of a schemaDefinition', () => {
    assert.equal(duckdbTypeOfHive('int'), 'INTEGER');
    assert.equal(duckdbTypeOfHive('array<struct<a:string,b:decimal(10,2)>>'), 'STRUCT("a" VARCHAR, "b" DECIMAL(10, 2))[]');
    assert.equal(duckdbTypeOfHive('map<string, bigint>'), 'MAP(VARCHAR, BIGINT)');
    assert.equal(duckdbTypeOfHive('varchar(20)'), 'VARCHAR');
    assert.throws(() => duckdbTypeOfHive('array<'));
    assert.throws(() => duckdbTypeOfHive('blob'));
  });
});
