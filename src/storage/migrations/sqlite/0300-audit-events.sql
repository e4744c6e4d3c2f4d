-- The CloudTrail event history (src/audit/event-store/sqlite/), sized for
-- tens of millions of events.
--
-- Writing a record inside the transaction of the call it describes must be
-- cheap, so it is one insert at the right edge of one table: the journal
-- (audit_events), whose integer id is the order records were committed in
-- (transactions are serialised). The LookupEvents indexes (audit_lookup with
-- its secondary indexes, audit_lookup_resources) are built from the journal
-- rows after audit_index_state.indexed_to, in batches, with set-based SQL.
-- Data events (BatchPutMessage) are journaled for trails but never indexed:
-- LookupEvents does not return them.
CREATE TABLE audit_events (
  id            INTEGER PRIMARY KEY,
  -- eventTime in epoch seconds.
  time          INTEGER NOT NULL,
  region        TEXT    NOT NULL,
  category      TEXT    NOT NULL CHECK (category IN ('Management', 'Data')),
  -- What LookupEvents filters on (src/audit/lookup-keys.ts); resources as
  -- JSON [[type, name, arn], ...].
  event_id      TEXT    NOT NULL,
  event_name    TEXT    NOT NULL,
  event_source  TEXT    NOT NULL,
  read_only     INTEGER NOT NULL,
  username      TEXT,
  access_key_id TEXT,
  resources     TEXT    NOT NULL,
  -- The record's JSON exactly as LookupEvents returns it in CloudTrailEvent.
  record        TEXT    NOT NULL
);

-- Records are immutable: there is no update path; rows leave only through
-- retention (DELETE).
CREATE TRIGGER audit_events_immutable BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are immutable');
END;

-- The journal id up to which management events are indexed.
CREATE TABLE audit_index_state (indexed_to INTEGER NOT NULL);
INSERT INTO audit_index_state (indexed_to) VALUES (0);

-- One row per indexed management event, ordered newest first by (time, id);
-- its primary key is the index for lookups without an attribute.
CREATE TABLE audit_lookup (
  region        TEXT    NOT NULL,
  time          INTEGER NOT NULL,
  id            INTEGER NOT NULL,
  event_id      TEXT    NOT NULL,
  event_name    TEXT    NOT NULL,
  event_source  TEXT    NOT NULL,
  read_only     INTEGER NOT NULL,
  username      TEXT,
  access_key_id TEXT,
  PRIMARY KEY (region, time, id)
) WITHOUT ROWID;

CREATE INDEX audit_lookup_by_event_id ON audit_lookup (event_id);
CREATE INDEX audit_lookup_by_event_name ON audit_lookup (region, event_name, time, id);
CREATE INDEX audit_lookup_by_event_source ON audit_lookup (region, event_source, time, id);
CREATE INDEX audit_lookup_by_read_only ON audit_lookup (region, read_only, time, id);
CREATE INDEX audit_lookup_by_username ON audit_lookup (region, username, time, id);
CREATE INDEX audit_lookup_by_access_key_id ON audit_lookup (region, access_key_id, time, id);

-- ResourceType and ResourceName lookups: a resource is findable by its type,
-- its name and its ARN.
CREATE TABLE audit_lookup_resources (
  region TEXT    NOT NULL,
  kind   TEXT    NOT NULL CHECK (kind IN ('type', 'name')),
  value  TEXT    NOT NULL,
  time   INTEGER NOT NULL,
  id     INTEGER NOT NULL,
  PRIMARY KEY (region, kind, value, time, id)
) WITHOUT ROWID;
