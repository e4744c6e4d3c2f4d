-- Where each dataset's schedule, delta windows and late-data checks stand.
-- Kept apart from its versions because versions go away (DeleteDatasetContent,
-- versioning, retention) while a schedule must never fire twice for one fire
-- time and a delta window must start where the last one ended, whatever
-- happened to the version that covered it. Removed with the dataset.
CREATE TABLE iota_dataset_progress (
  region               TEXT NOT NULL,
  dataset              TEXT NOT NULL,
  -- The fire time of the latest version the schedule created.
  last_schedule_time   INTEGER,
  -- Where the latest delta window ended (the next one starts there).
  last_window_end      INTEGER,
  -- When the data stores were last looked at for late data.
  late_data_checked_at INTEGER,
  PRIMARY KEY (region, dataset)
);
INSERT INTO iota_dataset_progress (region, dataset, last_schedule_time, last_window_end)
  SELECT region, dataset, MAX(CASE WHEN trigger = 'SCHEDULE' THEN schedule_time END), MAX(window_end)
  FROM iota_dataset_contents GROUP BY region, dataset;
