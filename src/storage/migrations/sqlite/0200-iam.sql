-- IAM users and roles with their inline policies. Names are unique without
-- regard to case, as in IAM ("you cannot create users named both TESTUSER and
-- testuser"). Ids are IAM's unique ids (AIDA…, AROA…); policies and sessions
-- refer to them, so a user re-created under an old name is a new principal.
CREATE TABLE iam_users (
  user_id    TEXT PRIMARY KEY,
  user_name  TEXT NOT NULL UNIQUE COLLATE NOCASE,
  path       TEXT NOT NULL,
  arn        TEXT NOT NULL,
  tags       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE iam_roles (
  role_id              TEXT PRIMARY KEY,
  role_name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
  path                 TEXT NOT NULL,
  arn                  TEXT NOT NULL,
  assume_role_policy   TEXT NOT NULL,
  description          TEXT,
  max_session_duration INTEGER NOT NULL,
  tags                 TEXT NOT NULL,
  created_at           INTEGER NOT NULL
);

-- Inline policies of users and roles; owner_id is a user_id or a role_id.
CREATE TABLE iam_inline_policies (
  owner_id    TEXT NOT NULL,
  policy_name TEXT NOT NULL,
  document    TEXT NOT NULL,
  PRIMARY KEY (owner_id, policy_name)
);

-- Whose long-term key each row is (the user id, or the account id for root),
-- and the session policy of AssumeRole / GetFederationToken credentials.
ALTER TABLE access_keys ADD COLUMN principal_id TEXT;
ALTER TABLE access_keys ADD COLUMN session_policy TEXT;
CREATE INDEX access_keys_by_principal ON access_keys (principal_id, created_at);
