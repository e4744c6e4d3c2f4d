// Runs channel batches through a compiled pipeline and shapes the output for
// the data store: JSON lines grouped by partition folder, with the column
// types seen (schemaless Parquet). Batches of different days run
// separately, so every output message has the day (`__dt`) of the messages
// it came from, whatever a lambda does to the batch. Pure apart from the
// activities' deps; runs on the data plane's worker thread.
import type { ActivityReport, CompiledPipeline, JsonObject, PipelineDeps } from '../../pipeline-engine/index.ts';
import { observe, type Columns } from '../datastores/column-types.ts';
import type { DatastoreLayout } from '../datastores/layout.ts';
import { dayFolder } from '../channels/archive.ts';
import { partitionPath } from '../datastores/partitions.ts';

export interface SourceBatch {
  receivedAt: number;
  payloads: Uint8Array[];
}

export interface PartitionOutput {
  /** Hive folders, e.g. `__dt=2024-05-01 00:00:00/__partition_site=berlin`. */
  partition: string;
  /** JSON lines, each ending in '\n'. */
  body: Uint8Array;
  rows: number;
  /** Parquet without a schemaDefinition: the types seen. */
  columns?: Columns;
}

export interface ProcessedOutput {
  partitions: PartitionOutput[];
  rows: number;
  reports: ActivityReport[];
}

const DAY_MS = 86_400_000;

/** Rejects with PipelineActivityError when an activity fails; then nothing of the batches was processed. */
export async function processBatches(pipeline: CompiledPipeline, batches: readonly SourceBatch[], layout: DatastoreLayout, deps: PipelineDeps): Promise<ProcessedOutput> {
  const partitions = new Map<string, { lines: string[]; columns?: Columns }>();
  const reports: ActivityReport[] = [];
  const canonical = layout.declared ? new Map(layout.declared.map((c) => [c.name.toLowerCase(), c.name])) : undefined;
  const inferColumns = layout.format === 'parquet' && !layout.declared;
  let rows = 0;
  for (const group of byDay(batches)) {
    const result = await pipeline.run(group.payloads, deps);
    reports.push(...result.activities);
    const day = dayFolder(group.receivedAt);
    for (const message of result.messages) {
      const path = partitionPath(layout.scheme, message, day);
      let partition = partitions.get(path);
      if (!partition) {
        partition = { lines: [], columns: inferColumns ? {} : undefined };
        partitions.set(path, partition);
      }
      const row = canonical ? withDeclaredNames(message, canonical) : message;
      if (partition.columns) observe(partition.columns, row);
      partition.lines.push(JSON.stringify(row));
      rows++;
    }
  }
  const output: PartitionOutput[] = [];
  for (const [partition, { lines, columns }] of partitions) {
    output.push({ partition, body: Buffer.from(lines.join('\n') + '\n'), rows: lines.length, columns });
  }
  return { partitions: output, rows, reports };
}

function byDay(batches: readonly SourceBatch[]): SourceBatch[] {
  const groups: SourceBatch[] = [];
  for (const batch of batches) {
    const last = groups[groups.length - 1];
    if (last && Math.floor(last.receivedAt / DAY_MS) === Math.floor(batch.receivedAt / DAY_MS)) last.payloads.push(...batch.payloads);
    else groups.push({ receivedAt: batch.receivedAt, payloads: [...batch.payloads] });
  }
  return groups;
}

// SQL names are case-insensitive and attribute names too (reference §5.2),
// but JSON keys are not: a message attribute that differs from a declared
// column only in case is written under the column's name.
function withDeclaredNames(message: JsonObject, canonical: Map<string, string>): JsonObject {
  let renamed: JsonObject | undefined;
  for (const key of Object.keys(message)) {
    const name = canonical.get(key.toLowerCase());
    if (name === undefined || name === key) continue;
    renamed ??= { ...message };
    delete renamed[key];
    renamed[name] = message[key];
  }
  return renamed ?? message;
}
