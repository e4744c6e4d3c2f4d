-- The CloudTrail event history (src/audit/event-store/sqlite/), sized for
-- tens of millions of events.
--
-- Events are keyed by a time-ordered integer, seq = event second * 1,000,000
-- + a counter within that second, so a time range is a key range.
--
-- Writing a record inside the transaction of the call it describes must be
-- cheap, so it touches two small tables only: the journal (audit_events) and
-- the list of records still to index (audit_events_pending), both appended at
-- their right edge. The LookupEvents indexes (audit_lookup and its secondary
-- indexes, audit_lookup_resources) are built from the pending list in batches
-- a few milliseconds later, with set-based SQL. Data events (BatchPutMessage)
-- are journaled for trails but never indexed: LookupEvents does not return them.
CREATE TABLE audit_events (
  seq      INTEGER PRIMARY KEY,
  region   TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('Management', 'Data')),
  -- The record's JSON exactly as LookupEvents returns it in CloudTrailEvent.
  record   TEXT NOT NULL
);

-- Records are immutable: there is no update path; rows leave only through
-- retention (DELETE).
CREATE TRIGGER audit_events_immutable BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are immutable');
END;

-- Management events appended but not yet indexed, with the values to index;
-- resources as JSON [[type, name, arn], ...].
CREATE TABLE audit_events_pending (
  seq           INTEGER PRIMARY KEY,
  region        TEXT    NOT NULL,
  event_id      TEXT    NOT NULL,
  event_name    TEXT    NOT NULL,
  event_source  TEXT    NOT NULL,
  read_only     INTEGER NOT NULL,
  username      TEXT,
  access_key_id TEXT,
  resources     TEXT    NOT NULL
);

-- One row per indexed management event; its primary key is the index for
-- lookups without an attribute.
CREATE TABLE audit_lookup (
  region        TEXT    NOT NULL,
  seq           INTEGER NOT NULL,
  event_id      TEXT    NOT NULL,
  event_name    TEXT    NOT NULL,
  event_source  TEXT    NOT NULL,
  read_only     INTEGER NOT NULL,
  username      TEXT,
  access_key_id TEXT,
  PRIMARY KEY (region, seq)
) WITHOUT ROWID;

CREATE INDEX audit_lookup_by_event_id ON audit_lookup (event_id);
CREATE INDEX audit_lookup_by_event_name ON audit_lookup (region, event_name, seq);
CREATE INDEX audit_lookup_by_event_source ON audit_lookup (region, event_source, seq);
CREATE INDEX audit_lookup_by_read_only ON audit_lookup (region, read_only, seq);
CREATE INDEX audit_lookup_by_username ON audit_lookup (region, username, seq);
CREATE INDEX audit_lookup_by_access_key_id ON audit_lookup (region, access_key_id, seq);

-- ResourceType and ResourceName lookups: a resource is findable by its type,
-- its name and its ARN.
CREATE TABLE audit_lookup_resources (
  region TEXT    NOT NULL,
  kind   TEXT    NOT NULL CHECK (kind IN ('type', 'name')),
  value  TEXT    NOT NULL,
  seq    INTEGER NOT NULL,
  PRIMARY KEY (region, kind, value, seq)
) WITHOUT ROWID;

CREATE INDEX audit_lookup_resources_by_seq ON audit_lookup_resources (seq);
