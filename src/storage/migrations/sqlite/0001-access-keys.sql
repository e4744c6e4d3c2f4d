-- Access keys of every kind: the account's root key, IAM users' keys and
-- temporary STS credentials. `caller` is the JSON identity the key acts as.
CREATE TABLE access_keys (
  access_key_id     TEXT PRIMARY KEY,
  secret_access_key TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('Active', 'Inactive')),
  caller            TEXT NOT NULL,
  session_token     TEXT,
  expires_at        INTEGER,
  created_at        INTEGER NOT NULL
);
