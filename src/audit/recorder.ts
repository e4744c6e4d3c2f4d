// The audit recorder: the pipeline hook that gives every API call its
// CloudTrail record (docs/FIDELITY.md, "Audit").
//
// - A call that changes state writes its record in `committing`, inside the
//   call's own transaction: a change never commits without its record.
// - A mutating call that commits nothing (it failed, or changes no state) is
//   recorded in `completed`, before its response is sent.
// - Read-only calls are buffered and written in small batches at most
//   `flushDelayMs` later, so reads do not wait for a write transaction. A
//   crash can lose only these last milliseconds of read-only records.
// - Records are indexed for LookupEvents in larger batches, at most
//   `indexDelayMs` after they were written (indexing costs less per record in
//   bigger batches); LookupEvents also reads what is not indexed yet, so it
//   returns every record as soon as it is written.
// - Requests that failed authentication are recorded too (as userIdentity
//   type Unknown, with the access key they claimed); requests that name no
//   known service and operation are not.
import type { Logger } from '../lib/logger.ts';
import type { RequestContext } from '../pipeline/context.ts';
import type { PipelineHooks } from '../pipeline/hooks.ts';
import type { Database, SqlExecutor } from '../storage/db/database.ts';
import type { EventStore } from './event-store/event-store.ts';
import { newEventId } from './event-id.ts';
import { buildRecord, isRecordable, type CloudTrailRecord } from './record.ts';

export interface AuditRecorderOptions {
  store: EventStore;
  database: Database;
  /** The account the server serves (recipientAccountId). */
  accountId: string;
  defaultRegion: string;
  logger: Logger;
  /** Longest a read-only record waits to be written with others. */
  flushDelayMs?: number;
  /** Longest a written record waits to be indexed with others. */
  indexDelayMs?: number;
  /** Records per write transaction. */
  maxBatch?: number;
  /** Buffered records beyond which read-only calls wait for the write (back-pressure). */
  maxPending?: number;
}

const RETRY_DELAY_MS = 1000;

export class AuditRecorder implements PipelineHooks {
  private readonly flushDelayMs: number;
  private readonly indexDelayMs: number;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  private pending: CloudTrailRecord[] = [];
  private flushTimer?: NodeJS.Timeout;
  private indexTimer?: NodeJS.Timeout;
  /** Writes run one after another, in the order they were asked for. */
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: AuditRecorderOptions) {
    this.flushDelayMs = options.flushDelayMs ?? 20;
    this.indexDelayMs = options.indexDelayMs ?? 200;
    this.maxBatch = options.maxBatch ?? 500;
    this.maxPending = options.maxPending ?? 5000;
  }

  async committing(ctx: RequestContext, tx: SqlExecutor): Promise<void> {
    if (!isRecordable(ctx)) return;
    await this.options.store.append(tx, [this.build(ctx)]);
    ctx.recordedInTransaction = true;
  }

  async completed(ctx: RequestContext): Promise<void> {
    if (!isRecordable(ctx)) return;
    const record = ctx.recordedInTransaction ? undefined : this.build(ctx);
    // After close() nothing waits any more: calls still finishing are recorded and indexed at once.
    if (this.closed) return this.write(record ? [record] : [], true);
    if (record && !record.readOnly) await this.options.database.transaction((tx) => this.options.store.append(tx, [record]));
    if (!record || !record.readOnly) return this.scheduleIndex();
    this.pending.push(record);
    if (this.pending.length >= this.maxPending) return this.flush();
    if (this.pending.length >= this.maxBatch) void this.flush().catch(() => undefined);
    else this.flushTimer ??= setTimeout(() => void this.flush().catch(() => undefined), this.flushDelayMs);
  }

  /** Writes the buffered records now; resolves once they (and every write before them) are committed. */
  async settle(): Promise<void> {
    await this.flush();
    await this.writes;
  }

  /** Writes and indexes everything still waiting; later records are recorded as they come. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.indexTimer);
    await this.flush();
    await this.write([], true);
  }

  private build(ctx: RequestContext): CloudTrailRecord {
    const { accountId, defaultRegion } = this.options;
    return buildRecord(ctx, { accountId, defaultRegion, eventId: newEventId(ctx.completedAt ?? ctx.receivedAt) });
  }

  /** Writes the buffered records; rejects when that fails (the records stay buffered and are retried). */
  private flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batches: CloudTrailRecord[][] = [];
    while (this.pending.length > 0) batches.push(this.pending.splice(0, this.maxBatch));
    const run = (async () => {
      for (const [i, batch] of batches.entries()) {
        try {
          await this.write(batch, false);
        } catch (error) {
          this.pending.unshift(...batches.slice(i).flat());
          this.options.logger.error('audit records could not be written; retrying', { pending: this.pending.length, error: String(error) });
          if (!this.closed) this.flushTimer ??= setTimeout(() => void this.flush().catch(() => undefined), RETRY_DELAY_MS);
          throw error;
        }
      }
      if (batches.length > 0) this.scheduleIndex();
    })();
    return run;
  }

  private scheduleIndex(): void {
    if (this.closed) return;
    this.indexTimer ??= setTimeout(() => {
      this.indexTimer = undefined;
      this.write([], true).catch((error) => this.options.logger.error('audit records could not be indexed', { error: String(error) }));
    }, this.indexDelayMs);
  }

  /** Appends records and, when asked, indexes everything appended so far: one transaction, after the writes before it. */
  private write(records: CloudTrailRecord[], index: boolean): Promise<void> {
    const { database, store } = this.options;
    const run = this.writes.then(() =>
      database.transaction(async (tx) => {
        if (records.length > 0) await store.append(tx, records);
        if (index) await store.index(tx);
      }),
    );
    this.writes = run.catch(() => undefined);
    return run;
  }
}
