-- Dataset contents (versions): one row per version of a dataset, written by
-- CreateDatasetContent in its transaction (state CREATING) and completed by
-- the content runner (SUCCEEDED or FAILED with its reason). `entries` is a
-- JSON array of {entryName?, key}: objects in the server's results bucket.
-- The delta window a version covered is kept so that the next version starts
-- where it ended, and so that late data can be matched to it.
CREATE TABLE iota_dataset_contents (
  region          TEXT NOT NULL,
  dataset         TEXT NOT NULL,
  version_id      TEXT NOT NULL,
  state           TEXT NOT NULL,
  reason          TEXT,
  -- MANUAL (an API call), SCHEDULE or DATASET (the service acting).
  trigger         TEXT NOT NULL,
  creation_time   INTEGER NOT NULL,
  schedule_time   INTEGER NOT NULL,
  completion_time INTEGER,
  window_start    INTEGER,
  window_end      INTEGER,
  entries         TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (region, dataset, version_id)
);
CREATE INDEX iota_dataset_contents_by_time ON iota_dataset_contents (region, dataset, creation_time);
CREATE INDEX iota_dataset_contents_by_state ON iota_dataset_contents (state, creation_time);
