-- CloudTrail trails (src/audit/trails/) and their log-file delivery
-- (src/audit/delivery/).
CREATE TABLE trails (
  arn                   TEXT PRIMARY KEY,
  name                  TEXT    NOT NULL,
  home_region           TEXT    NOT NULL,
  bucket                TEXT    NOT NULL,
  -- NULL when the trail has no key prefix.
  prefix                TEXT,
  include_global        INTEGER NOT NULL,
  multi_region          INTEGER NOT NULL,
  log_file_validation   INTEGER NOT NULL,
  -- {"EventSelectors":[…]} or {"AdvancedEventSelectors":[…]}; NULL: the
  -- default (all management events, no data events).
  selectors             TEXT,
  is_logging            INTEGER NOT NULL DEFAULT 0,
  -- Epoch milliseconds, NULL until the first StartLogging / StopLogging.
  start_logging_time    INTEGER,
  stop_logging_time     INTEGER,
  created_at            INTEGER NOT NULL
);
CREATE UNIQUE INDEX trails_by_home_region_name ON trails (home_region, name);

CREATE TABLE trail_tags (
  trail_arn TEXT NOT NULL,
  key       TEXT NOT NULL,
  value     TEXT,
  PRIMARY KEY (trail_arn, key)
) WITHOUT ROWID;

-- The event journal positions (audit_events.id) a trail logs: StartLogging
-- opens a range after the journal's head, StopLogging closes it at the head.
-- A closed range leaves once the delivery cursor has passed its end.
CREATE TABLE trail_logging_ranges (
  trail_arn     TEXT    NOT NULL,
  after_position INTEGER NOT NULL,
  -- Inclusive; NULL while the trail is logging.
  upto_position INTEGER,
  PRIMARY KEY (trail_arn, after_position)
) WITHOUT ROWID;

-- Delivery state of one trail. `cursor`: every journal position up to it is
-- delivered (or not logged). `plan_*`: the range and time of the delivery
-- under way, written before any object is put, so that a retry after a crash
-- or a failure writes the same keys (docs/ARCHITECTURE.md, "Trail delivery").
CREATE TABLE trail_delivery (
  trail_arn                 TEXT PRIMARY KEY,
  cursor                    INTEGER NOT NULL,
  plan_upto                 INTEGER,
  plan_at                   INTEGER,
  -- Epoch milliseconds of the latest attempt, the latest success, and the
  -- error code of the latest attempt when it failed.
  latest_attempt_time       INTEGER,
  latest_delivery_time      INTEGER,
  latest_delivery_error     TEXT
);

-- Every log file delivered, written in the transaction that advances the
-- cursor. The integrity side (digest files) reads it: `sha256` is the hex
-- SHA-256 of the UNCOMPRESSED JSON, as awscli's validate-logs inflates before
-- hashing; times are ISO-8601, delivered_at with milliseconds, from the Clock.
CREATE TABLE trail_log_files (
  trail_arn         TEXT NOT NULL,
  region            TEXT NOT NULL,
  bucket            TEXT NOT NULL,
  object_key        TEXT NOT NULL,
  sha256            TEXT NOT NULL,
  oldest_event_time TEXT NOT NULL,
  newest_event_time TEXT NOT NULL,
  delivered_at      TEXT NOT NULL,
  PRIMARY KEY (trail_arn, object_key)
);
CREATE INDEX trail_log_files_by_region_time ON trail_log_files (trail_arn, region, delivered_at);
