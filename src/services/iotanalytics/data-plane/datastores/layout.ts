// What a data store's configuration means for the rows written to it: how
// they are partitioned, the file format, and for Parquet the columns.
import type { DatastoreConfig } from '../../resources/datastore.ts';
import { duckdbTypeOfHive } from './column-types.ts';
import { partitionScheme, type PartitionScheme } from './partitions.ts';

export interface DatastoreLayout {
  scheme: PartitionScheme;
  format: 'json' | 'parquet';
  /**
   * Parquet with a schemaDefinition: the declared columns, in order, with
   * their DuckDB types (a type we cannot read becomes JSON text).
   */
  declared?: { name: string; type: string }[];
}

export function datastoreLayout(config: DatastoreConfig): DatastoreLayout {
  const parquet = config.fileFormatConfiguration.parquetConfiguration;
  const layout: DatastoreLayout = { scheme: partitionScheme(config.datastorePartitions), format: parquet ? 'parquet' : 'json' };
  const columns = parquet?.schemaDefinition?.columns;
  if (columns && columns.length > 0) {
    layout.declared = columns.map((c) => {
      let type: string;
      try {
        type = duckdbTypeOfHive(c.type!);
      } catch {
        type = 'JSON';
      }
      return { name: c.name!, type };
    });
  }
  return layout;
}
