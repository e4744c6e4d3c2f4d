-- The CloudTrail event history (src/audit/event-store/sqlite/). Sized for
-- tens of millions of events: a narrow table keyed by a time-ordered integer
-- (event second * 1,000,000 + a counter within that second), with the columns
-- LookupEvents filters on beside the record, and one index per lookup
-- attribute ordered by that key. The lookup indexes are partial: data events
-- (BatchPutMessage) are stored for trails but never returned by LookupEvents,
-- so they do not grow the indexes LookupEvents reads.
CREATE TABLE audit_events (
  seq           INTEGER PRIMARY KEY,
  region        TEXT    NOT NULL,
  category      TEXT    NOT NULL CHECK (category IN ('Management', 'Data')),
  event_id      TEXT    NOT NULL,
  event_name    TEXT    NOT NULL,
  event_source  TEXT    NOT NULL,
  read_only     INTEGER NOT NULL,
  username      TEXT,
  access_key_id TEXT,
  -- The record's JSON exactly as LookupEvents returns it in CloudTrailEvent.
  record        TEXT    NOT NULL
);

CREATE UNIQUE INDEX audit_events_by_event_id ON audit_events (event_id);
CREATE INDEX audit_events_by_time ON audit_events (region, seq) WHERE category = 'Management';
CREATE INDEX audit_events_by_event_name ON audit_events (region, event_name, seq) WHERE category = 'Management';
CREATE INDEX audit_events_by_event_source ON audit_events (region, event_source, seq) WHERE category = 'Management';
CREATE INDEX audit_events_by_read_only ON audit_events (region, read_only, seq) WHERE category = 'Management';
CREATE INDEX audit_events_by_username ON audit_events (region, username, seq) WHERE category = 'Management';
CREATE INDEX audit_events_by_access_key_id ON audit_events (region, access_key_id, seq) WHERE category = 'Management';

-- ResourceType and ResourceName lookups: one row per (kind, value) of a
-- management event; a resource is findable by its name and by its ARN.
CREATE TABLE audit_event_resources (
  region TEXT    NOT NULL,
  kind   TEXT    NOT NULL CHECK (kind IN ('type', 'name')),
  value  TEXT    NOT NULL,
  seq    INTEGER NOT NULL,
  PRIMARY KEY (region, kind, value, seq)
) WITHOUT ROWID;

CREATE INDEX audit_event_resources_by_seq ON audit_event_resources (seq);

-- Records are immutable: there is no update path; rows leave only through
-- retention (DELETE).
CREATE TRIGGER audit_events_immutable BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are immutable');
END;
