// One step of a StartPipelineReprocessing run: replays the next archive
// object of the pipeline's channel (reference §5.5). A time range replays
// the objects whose window overlaps it, keeping only messages that arrived
// within it (start inclusive, end exclusive), up to what had arrived when
// the run started; the newest of those may still wait in the database, so
// the step asks for them to be archived. channelMessages.s3Paths replays
// the objects named, in order. Progress and output are committed together.
import type { ChannelConfig } from '../../resources/channel.ts';
import { resourceStore } from '../../resources/resource-store.ts';
import { channelObjects, decodeArchive, type ArchivedMessage, type ChannelObject } from '../channels/archive.ts';
import { channelLog } from '../channels/channel-log.ts';
import type { PipelineRef } from './cursors.ts';
import { stage, type StepOptions, type Target } from './pipeline-step.ts';
import type { ProcessedOutput, SourceBatch } from './processing.ts';
import { reprocessings, type Reprocessing, type ReprocessingProgress } from './reprocessings.ts';

type Run = (batches: SourceBatch[]) => Promise<ProcessedOutput | undefined>;

export interface ReplayResult {
  more: boolean;
  staged: number;
  needsArchive?: boolean;
}

export async function replayNext(options: StepOptions, ref: PipelineRef, target: Target, run: Run): Promise<ReplayResult> {
  const { db, clock } = options;
  const reprocessing = await reprocessings.running(db.reader, ref);
  if (!reprocessing) return { more: false, staged: 0 };
  const channel = await resourceStore.find<ChannelConfig>(db.reader, ref.region, 'channel', reprocessing.request.channel);
  const next = channel ? await nextObject(options, reprocessing) : { done: true as const };
  if ('done' in next) {
    if (next.done) await db.transaction((tx) => reprocessings.finish(tx, reprocessing.id, 'SUCCEEDED', clock.now()));
    return { more: false, staged: 0, needsArchive: !next.done };
  }
  const area = options.areas.forChannel(ref.region, channel!.name, channel!.config.storage).area;
  const { startTime = -Infinity, endTime = Infinity } = reprocessing.request;
  const messages = decodeArchive(await area.get(next.object.key)).filter((m) => m.receivedAt >= startTime && m.receivedAt < endTime);
  const progress: ReprocessingProgress = reprocessing.request.s3Paths
    ? { ...reprocessing.progress, done: next.index + 1, failures: 0 }
    : { ...reprocessing.progress, afterSeq: next.object.lastSeq, failures: 0 };
  const output = messages.length > 0 ? await run(asBatches(messages)) : { partitions: [], rows: 0, reports: [] };
  if (!output) {
    await failed(options, reprocessing);
    return { more: false, staged: 0 };
  }
  const moved = await db.transaction(async (tx) => {
    if (!(await reprocessings.advance(tx, reprocessing.id, reprocessing.progress, progress))) return false;
    await stage(tx, ref.region, target.pipeline.datastoreName, output, clock.now());
    return true;
  });
  return { more: true, staged: moved ? output.rows : 0 };
}

/** The next object (for s3Paths, with its place in the list; names of objects that are gone are skipped). */
type Next = { object: ChannelObject; index: number } | { done: boolean };

async function nextObject(options: StepOptions, run: Reprocessing): Promise<Next> {
  const { db } = options;
  const where = { region: run.region, channel: run.request.channel };
  const { request, progress } = run;
  if (request.s3Paths) {
    for (let i = progress.done; i < request.s3Paths.length; i++) {
      const [object] = await channelObjects.byKeys(db.reader, where, [request.s3Paths[i]]);
      if (object) return { object, index: i };
    }
    return { done: true };
  }
  const from = request.startTime ?? 0;
  const to = request.endTime ?? Number.MAX_SAFE_INTEGER;
  const [object] = await channelObjects.inRange(db.reader, where, progress.afterSeq, request.uptoSeq, from, to, 1);
  if (object) return { object, index: 0 };
  const { archivedUpto } = await channelLog.state(db.reader, where);
  return { done: archivedUpto >= request.uptoSeq };
}

async function failed(options: StepOptions, run: Reprocessing): Promise<void> {
  const failures = run.progress.failures + 1;
  await options.db.transaction(async (tx) => {
    if (failures >= options.reprocessingAttempts) await reprocessings.finish(tx, run.id, 'FAILED', options.clock.now());
    else await reprocessings.advance(tx, run.id, run.progress, { ...run.progress, failures });
  });
}

/** Consecutive messages that arrived together form one batch (their day decides `__dt`). */
function asBatches(messages: ArchivedMessage[]): SourceBatch[] {
  const batches: SourceBatch[] = [];
  for (const m of messages) {
    const last = batches[batches.length - 1];
    if (last && last.receivedAt === m.receivedAt) last.payloads.push(m.payload);
    else batches.push({ receivedAt: m.receivedAt, payloads: [m.payload] });
  }
  return batches;
}
