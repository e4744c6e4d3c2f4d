-- The IoT Analytics data plane (docs/ARCHITECTURE.md, "The data path").

-- Messages accepted into a channel, one row per accepted batch (a
-- BatchPutMessage call, or MQTT messages committed together), written in the
-- transaction that acknowledges them. seq orders every batch of every channel
-- in commit order. A row leaves once it is archived and every pipeline that
-- reads its channel has processed it.
CREATE TABLE iota_channel_batches (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  region      TEXT NOT NULL,
  channel     TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  count       INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  messages    BLOB NOT NULL
);
-- Covering for the reads that decide how many batches to take (seq, count).
CREATE INDEX iota_channel_batches_by_channel ON iota_channel_batches (region, channel, seq, count);

-- Per channel: when its last message arrived, and the last batch (seq) that
-- is in an archive object. Batches are archived in seq order.
CREATE TABLE iota_channel_state (
  region        TEXT NOT NULL,
  channel       TEXT NOT NULL,
  last_arrival  INTEGER,
  archived_upto INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (region, channel)
);

-- The channel's archive: gzip JSON-lines objects in AWS's raw layout, each
-- holding a contiguous run of the channel's batches from one 30-second window.
CREATE TABLE iota_channel_objects (
  region       TEXT NOT NULL,
  channel      TEXT NOT NULL,
  key          TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  first_seq    INTEGER NOT NULL,
  last_seq     INTEGER NOT NULL,
  messages     INTEGER NOT NULL,
  bytes        INTEGER NOT NULL,
  PRIMARY KEY (region, channel, key)
);
CREATE INDEX iota_channel_objects_by_seq ON iota_channel_objects (region, channel, first_seq);
CREATE INDEX iota_channel_objects_by_window ON iota_channel_objects (region, channel, window_start);

-- How far each pipeline has processed the channel it reads.
CREATE TABLE iota_pipeline_cursors (
  region    TEXT NOT NULL,
  pipeline  TEXT NOT NULL,
  channel   TEXT NOT NULL,
  after_seq INTEGER NOT NULL,
  PRIMARY KEY (region, pipeline)
);
CREATE INDEX iota_pipeline_cursors_by_channel ON iota_pipeline_cursors (region, channel);

-- StartPipelineReprocessing runs. `request` (JSON, versioned) says what to
-- replay; `progress` (JSON) how far it got, committed with its output.
CREATE TABLE iota_reprocessings (
  id          TEXT PRIMARY KEY,
  region      TEXT NOT NULL,
  pipeline    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'CANCELLED', 'FAILED')),
  created_at  INTEGER NOT NULL,
  request     TEXT NOT NULL,
  progress    TEXT NOT NULL,
  finished_at INTEGER
);
CREATE INDEX iota_reprocessings_by_pipeline ON iota_reprocessings (region, pipeline, created_at);

-- Processed messages waiting to be written into data-store files: JSON lines
-- of one partition, with the column types seen in them (JSON, versioned).
CREATE TABLE iota_datastore_staged (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  region    TEXT NOT NULL,
  datastore TEXT NOT NULL,
  partition TEXT NOT NULL,
  rows      INTEGER NOT NULL,
  body      BLOB NOT NULL,
  columns   TEXT NOT NULL,
  staged_at INTEGER NOT NULL
);
CREATE INDEX iota_datastore_staged_by_datastore ON iota_datastore_staged (region, datastore, seq);

CREATE TABLE iota_datastore_state (
  region       TEXT NOT NULL,
  datastore    TEXT NOT NULL,
  last_arrival INTEGER,
  PRIMARY KEY (region, datastore)
);

-- The files of each data store: what datasets query (datastoreFiles()).
-- `partition` is the Hive-style folder path under the data store's root;
-- first_seq/last_seq the staged rows the file holds.
CREATE TABLE iota_datastore_files (
  region     TEXT NOT NULL,
  datastore  TEXT NOT NULL,
  key        TEXT NOT NULL,
  partition  TEXT NOT NULL,
  day        INTEGER NOT NULL,
  format     TEXT NOT NULL CHECK (format IN ('json', 'parquet')),
  rows       INTEGER NOT NULL,
  bytes      INTEGER NOT NULL,
  first_seq  INTEGER NOT NULL,
  last_seq   INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (region, datastore, key)
);
CREATE INDEX iota_datastore_files_by_partition ON iota_datastore_files (region, datastore, partition, first_seq);

-- Objects written or removed outside a transaction (archive objects,
-- data-store files). A row here means: this object must not exist. A
-- 'writing' row is added before an object is written and removed by the
-- transaction that makes the object live; a 'deleting' row is added by the
-- transaction that drops an object's row and removed once the object is
-- deleted (some time after `since`, so that a reader that listed the files
-- just before can still read them). What a crash leaves here is deleted at
-- the next start.
CREATE TABLE iota_pending_objects (
  area   TEXT NOT NULL,
  key    TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('writing', 'deleting')),
  since  INTEGER NOT NULL,
  PRIMARY KEY (area, key)
);
