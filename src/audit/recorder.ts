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
// - Each batch also indexes for LookupEvents whatever was appended since the
//   last one, so every record is returned by LookupEvents within about
//   `flushDelayMs` of its response.
// - Requests that failed authentication are recorded too (as userIdentity
//   type Unknown, with the access key they claimed); requests that name no
//   known service and operation are not.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/logger.ts';
import type { RequestContext } from '../pipeline/context.ts';
import type { PipelineHooks } from '../pipeline/hooks.ts';
import type { Database, SqlExecutor } from '../storage/db/database.ts';
import type { EventStore } from './event-store/event-store.ts';
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
  /** Records per write transaction. */
  maxBatch?: number;
  /** Buffered records beyond which read-only calls wait for the write (back-pressure). */
  maxPending?: number;
}

const RETRY_DELAY_MS = 1000;

export class AuditRecorder implements PipelineHooks {
  private readonly flushDelayMs: number;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  private pending: CloudTrailRecord[] = [];
  private timer?: NodeJS.Timeout;
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: AuditRecorderOptions) {
    this.flushDelayMs = options.flushDelayMs ?? 20;
    this.maxBatch = options.maxBatch ?? 200;
    this.maxPending = options.maxPending ?? 5000;
  }

  async committing(ctx: RequestContext, tx: SqlExecutor): Promise<void> {
    if (!isRecordable(ctx)) return;
    await this.options.store.append(tx, [this.build(ctx)]);
    ctx.recordedInTransaction = true;
  }

  async completed(ctx: RequestContext): Promise<void> {
    if (!isRecordable(ctx)) return;
    // After close() nothing is batched any more: calls still finishing are recorded at once.
    if (this.closed) return this.write(ctx.recordedInTransaction ? [] : [this.build(ctx)]);
    if (ctx.recordedInTransaction) return this.schedule(this.flushDelayMs);
    const record = this.build(ctx);
    if (!record.readOnly) {
      await this.options.database.transaction((tx) => this.options.store.append(tx, [record]));
      return this.schedule(this.flushDelayMs);
    }
    this.pending.push(record);
    if (this.pending.length >= this.maxPending) return this.flush();
    if (this.pending.length >= this.maxBatch) void this.flush().catch(() => undefined);
    else this.schedule(this.flushDelayMs);
  }

  /** Writes every buffered record and indexes what was appended; rejects when the write fails (the records stay buffered). */
  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.writes.then(() => this.writePending());
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Writes what is buffered; later records are written as they come. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private build(ctx: RequestContext): CloudTrailRecord {
    const { accountId, defaultRegion } = this.options;
    return buildRecord(ctx, { accountId, defaultRegion, eventId: randomUUID() });
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined);
    }, delayMs);
  }

  /** Appends records and indexes everything appended so far, in one transaction. */
  private write(records: CloudTrailRecord[]): Promise<void> {
    const { database, store } = this.options;
    return database.transaction(async (tx) => {
      await store.append(tx, records);
      await store.index(tx);
    });
  }

  private async writePending(): Promise<void> {
    do {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.write(batch);
      } catch (error) {
        this.pending.unshift(...batch);
        this.options.logger.error('audit records could not be written; retrying', { pending: this.pending.length, error: String(error) });
        if (!this.closed) this.schedule(RETRY_DELAY_MS);
        throw error;
      }
    } while (this.pending.length > 0);
  }
}
