-- Channels, data stores, pipelines and datasets: one row each, with the
-- resource's configuration as JSON. Names keep the case they were created
-- with and are looked up exactly, but two names of one kind may not differ
-- only in case (AWS folded names to lower case; SQL resolves data store
-- names without regard to case). See docs/FIDELITY.md, "Resource names".
CREATE TABLE iota_resources (
  region     TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('channel', 'datastore', 'pipeline', 'dataset')),
  name       TEXT NOT NULL,
  arn        TEXT NOT NULL UNIQUE,
  config     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (region, kind, name)
);

CREATE UNIQUE INDEX iota_resources_folded_name ON iota_resources (region, kind, name COLLATE NOCASE);

CREATE TABLE iota_tags (
  arn   TEXT NOT NULL REFERENCES iota_resources (arn) ON DELETE CASCADE,
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (arn, key)
);

CREATE TABLE iota_logging_options (
  region  TEXT PRIMARY KEY,
  options TEXT NOT NULL
);
