-- The local bucket store: buckets, and one row per object pointing at the
-- file that holds its bytes (<data-dir>/buckets/<bucket>/<xx>/<blob_id>).
-- Keys are TEXT compared with SQLite's BINARY collation, i.e. in UTF-8 byte
-- order, which is the order S3 lists keys in; WITHOUT ROWID keeps the rows
-- clustered by (bucket, key) so listings are range scans.
CREATE TABLE buckets (
  name       TEXT PRIMARY KEY,
  region     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE bucket_objects (
  bucket        TEXT NOT NULL REFERENCES buckets (name),
  key           TEXT NOT NULL,
  blob_id       TEXT NOT NULL,
  size          INTEGER NOT NULL,
  etag          TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  headers       TEXT NOT NULL,
  metadata      TEXT NOT NULL,
  PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
