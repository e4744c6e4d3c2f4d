// The digest chain of each trail and Region, and what GetTrailStatus shows of
// digest delivery (migrations/sqlite/0551-trail-digests.sql). A period is
// planned before its digest is put and committed after, so that a retry
// writes the same key and no period is skipped or written twice.
import type { Database, SqlExecutor } from '../../storage/db/database.ts';
import type { PreviousDigest } from './digest.ts';

export interface DigestChain {
  trailArn: string;
  region: string;
  /** The StartLogging time of the logging session the chain covers. */
  loggingStart: Date;
  /** digestStartTime of the next digest (whole seconds). */
  nextStart: Date;
  /** The digest under way: its end time, and whether it closes the chain. */
  plan?: { end: Date; final: boolean };
  closed: boolean;
  /** The chain's latest digest; undefined before its first. */
  last?: PreviousDigest;
}

export interface DigestStatus {
  latestDigestDeliveryTime?: Date;
  /** The S3 error code of the latest attempt, when it failed. */
  latestDigestDeliveryError?: string;
}

interface ChainRow {
  trail_arn: string;
  region: string;
  logging_start: number;
  next_start: number;
  plan_end: number | null;
  plan_final: number;
  closed: number;
  last_bucket: string | null;
  last_key: string | null;
  last_hash: string | null;
  last_signature: string | null;
}

const SQL = {
  chain: 'SELECT * FROM trail_digest_chains WHERE trail_arn = @arn AND region = @region',
  begin: `INSERT OR REPLACE INTO trail_digest_chains (trail_arn, region, logging_start, next_start)
          VALUES (@arn, @region, @loggingStart, @nextStart)`,
  plan: `UPDATE trail_digest_chains SET plan_end = @end, plan_final = @final
         WHERE trail_arn = @arn AND region = @region AND next_start = @nextStart AND plan_end IS NULL AND closed = 0`,
  written: `UPDATE trail_digest_chains SET next_start = plan_end, closed = plan_final, plan_end = NULL, plan_final = 0,
            last_bucket = @bucket, last_key = @key, last_hash = @hash, last_signature = @signature
            WHERE trail_arn = @arn AND region = @region AND next_start = @nextStart AND plan_end = @end`,
  close: 'UPDATE trail_digest_chains SET closed = 1, plan_end = NULL, plan_final = 0 WHERE trail_arn = @arn AND region = @region',
  delivered: `INSERT INTO trail_digest_status (trail_arn, latest_digest_delivery_time) VALUES (@arn, @at)
              ON CONFLICT (trail_arn) DO UPDATE SET latest_digest_delivery_time = @at, latest_digest_delivery_error = NULL`,
  failed: `INSERT INTO trail_digest_status (trail_arn, latest_digest_delivery_error) VALUES (@arn, @code)
           ON CONFLICT (trail_arn) DO UPDATE SET latest_digest_delivery_error = @code`,
  status: 'SELECT latest_digest_delivery_time AS time, latest_digest_delivery_error AS error FROM trail_digest_status WHERE trail_arn = @arn',
  forget: ['trail_digest_chains', 'trail_digest_status'].map((table) => `DELETE FROM ${table} WHERE trail_arn = @arn`),
};

export class DigestStore {
  constructor(private readonly db: Database) {}

  async chain(arn: string, region: string): Promise<DigestChain | undefined> {
    const row = await this.db.reader.get<ChainRow>(SQL.chain, { arn, region });
    return row && toChain(row);
  }

  /** Starts a new chain (replacing a closed one): its first digest has null previous* fields. */
  async begin(arn: string, region: string, loggingStart: Date, nextStart: Date): Promise<void> {
    await this.db.transaction((tx) => tx.run(SQL.begin, { arn, region, loggingStart: loggingStart.getTime(), nextStart: nextStart.getTime() }));
  }

  /** Records the period about to be written; false when the chain moved meanwhile. */
  async plan(chain: DigestChain, end: Date, final: boolean): Promise<boolean> {
    const { changes } = await this.db.transaction((tx) =>
      tx.run(SQL.plan, { arn: chain.trailArn, region: chain.region, nextStart: chain.nextStart.getTime(), end: end.getTime(), final: Number(final) }),
    );
    return changes === 1;
  }

  /** The planned digest is in the bucket: the chain moves on to its end, and the trail's status shows it. */
  async written(chain: DigestChain, digest: PreviousDigest, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { changes } = await tx.run(SQL.written, {
        arn: chain.trailArn,
        region: chain.region,
        nextStart: chain.nextStart.getTime(),
        end: chain.plan!.end.getTime(),
        bucket: digest.bucket,
        key: digest.key,
        hash: digest.hash,
        signature: digest.signature,
      });
      if (changes === 1) await tx.run(SQL.delivered, { arn: chain.trailArn, at: at.getTime() });
    });
  }

  /** Ends a chain without a final digest (log file validation was switched off). */
  async close(arn: string, region: string): Promise<void> {
    await this.db.transaction((tx) => tx.run(SQL.close, { arn, region }));
  }

  async failed(arn: string, code: string): Promise<void> {
    await this.db.transaction((tx) => tx.run(SQL.failed, { arn, code }));
  }

  async status(arn: string, executor: SqlExecutor = this.db.reader): Promise<DigestStatus> {
    const row = await executor.get<{ time: number | null; error: string | null }>(SQL.status, { arn });
    return {
      latestDigestDeliveryTime: row?.time == null ? undefined : new Date(row.time),
      latestDigestDeliveryError: row?.error ?? undefined,
    };
  }

  /** Forgets a deleted trail's chains and status (its digests stay in the bucket). */
  async forget(arn: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const sql of SQL.forget) await tx.run(sql, { arn });
    });
  }
}

function toChain(row: ChainRow): DigestChain {
  return {
    trailArn: row.trail_arn,
    region: row.region,
    loggingStart: new Date(row.logging_start),
    nextStart: new Date(row.next_start),
    plan: row.plan_end === null ? undefined : { end: new Date(row.plan_end), final: row.plan_final === 1 },
    closed: row.closed === 1,
    last:
      row.last_key === null
        ? undefined
        : { bucket: row.last_bucket!, key: row.last_key, hash: row.last_hash!, signature: row.last_signature! },
  };
}
