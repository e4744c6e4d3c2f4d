-- The digest chain of each trail and Region (src/audit/integrity/
-- digest-writer.ts, reference §6.2). A chain belongs to one logging session
-- (`logging_start`, the trail's StartLogging time): StopLogging closes it with
-- a final digest and the next StartLogging begins a new one.
--
-- One digest, crash-safe and never skipping or repeating a period:
--   1. plan: `plan_end` (the end of the period about to be written) is
--      committed before the object is put;
--   2. put: the digest under the key its end time gives;
--   3. commit: `next_start` moves to that end and `last_*` describe the
--      digest just written, in one transaction.
-- A crash or a failed put leaves the plan: the retry writes the same key.
CREATE TABLE trail_digest_chains (
  trail_arn       TEXT    NOT NULL,
  region          TEXT    NOT NULL,
  logging_start   INTEGER NOT NULL,   -- epoch ms
  next_start      INTEGER NOT NULL,   -- epoch ms, whole seconds: the next period's digestStartTime
  plan_end        INTEGER,            -- epoch ms; NULL when no digest is under way
  plan_final      INTEGER NOT NULL DEFAULT 0,
  -- 1 once the final digest is written (or validation was switched off).
  closed          INTEGER NOT NULL DEFAULT 0,
  -- The chain's latest digest; NULL before its first (which then has null previous* fields).
  last_bucket     TEXT,
  last_key        TEXT,
  last_hash       TEXT,               -- hex SHA-256 of its uncompressed bytes
  last_signature  TEXT,               -- hex
  PRIMARY KEY (trail_arn, region)
) WITHOUT ROWID;

-- What GetTrailStatus shows: the latest digest delivered and the S3 error code
-- of the latest attempt when it failed.
CREATE TABLE trail_digest_status (
  trail_arn                    TEXT PRIMARY KEY,
  latest_digest_delivery_time  INTEGER,   -- epoch ms
  latest_digest_delivery_error TEXT
);
