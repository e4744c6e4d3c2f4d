-- The RSA-2048 key pairs that sign trail digest files, one series per Region
-- (reference §6.4). Each key is valid for 30 days and a new one takes over
-- before the old one expires, so validity windows overlap; ListPublicKeys
-- answers from here. The private key is PKCS#8 PEM, readable only by the
-- server's owner like the rest of the data directory.
CREATE TABLE trail_signing_keys (
  fingerprint  TEXT PRIMARY KEY,   -- lowercase hex MD5 of public_der
  region       TEXT NOT NULL,
  public_der   BLOB NOT NULL,      -- PKCS#1 RSAPublicKey, DER
  private_pem  TEXT NOT NULL,
  valid_from   INTEGER NOT NULL,   -- epoch ms
  valid_until  INTEGER NOT NULL
);

CREATE INDEX trail_signing_keys_by_region ON trail_signing_keys (region, valid_from);
