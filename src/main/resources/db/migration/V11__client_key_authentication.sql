-- Key-based client authentication (RFC 7523 §2.2: private_key_jwt and client_secret_jwt).

-- private_key_jwt: the client's public keys, either inline (a JWK Set as JSON text) or by URL; at most one is set.
ALTER TABLE clients ADD COLUMN jwks TEXT;
ALTER TABLE clients ADD COLUMN jwks_uri TEXT;

-- client_secret_jwt: the HMAC needs the secret itself, which secret_hash cannot give back. For clients with
-- that method only, the secret is also kept encrypted with a key derived from the master key (AES-256-GCM,
-- bound to its row); NULL for every other secret.
ALTER TABLE client_secrets ADD COLUMN secret_encrypted TEXT;

-- Assertion ids already accepted, so that an assertion is usable once across every node: the primary key
-- makes the second insert of the same jti a no-op. Rows are purged once the assertion has expired.
CREATE TABLE client_assertion_jtis (
    auth_server_id TEXT   NOT NULL,
    client_id      TEXT   NOT NULL,
    jti            TEXT   NOT NULL,
    expires_at     BIGINT NOT NULL, -- epoch microseconds
    PRIMARY KEY (auth_server_id, client_id, jti)
);
CREATE INDEX client_assertion_jtis_by_expiry ON client_assertion_jtis (expires_at);
