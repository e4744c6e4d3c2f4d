-- Channels, data stores, pipelines and datasets: one row each, with the
-- resource's configuration as JSON. Names are unique per kind and region.
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
