-- Signing keys and issued-token records (the OAuth/OIDC issuer).

CREATE TABLE signing_keys (
    auth_server_id TEXT   NOT NULL REFERENCES auth_servers (id) ON DELETE CASCADE,
    kid            TEXT   NOT NULL,
    public_key     TEXT   NOT NULL, -- X.509 SubjectPublicKeyInfo, base64
    private_key    TEXT   NOT NULL, -- PKCS#8, AES-256-GCM encrypted under a key derived from the master key
    created_at     BIGINT NOT NULL,
    active         BOOLEAN NOT NULL,
    retire_after   BIGINT,          -- stays published in JWKS until this time (µs); NULL while active
    PRIMARY KEY (auth_server_id, kid)
);

CREATE TABLE tokens (
    auth_server_id TEXT   NOT NULL,
    id             TEXT   NOT NULL, -- the JWT's jti
    client_id      TEXT   NOT NULL,
    scopes         TEXT   NOT NULL, -- JSON array of granted scope names
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    -- One index serves lookups by id (every caller knows the client) and lists per client;
    -- ids are time-ordered (UUIDv7), so new rows go to the end of each client's range.
    PRIMARY KEY (auth_server_id, client_id, id),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE
);
CREATE INDEX tokens_by_expiry ON tokens (expires_at);
-- Revoked, unexpired tokens are loaded into memory at start-up: a small partial index finds them.
CREATE INDEX tokens_revoked ON tokens (expires_at) WHERE revoked_at IS NOT NULL;
