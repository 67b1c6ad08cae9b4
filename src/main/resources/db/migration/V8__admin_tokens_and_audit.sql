-- Admin tokens get a role, an origin and a last-use time; management changes get an audit log.

ALTER TABLE admin_tokens ADD COLUMN read_only BOOLEAN NOT NULL DEFAULT FALSE;
-- Where the token came from: env (TESSERA_ADMIN_TOKEN), bootstrap (first start), cli, api.
-- Tokens from env are replaced when the variable changes and removed when it is unset.
ALTER TABLE admin_tokens ADD COLUMN source TEXT NOT NULL DEFAULT 'cli';
-- Updated at most once a minute per token, so a request does not cost a write.
ALTER TABLE admin_tokens ADD COLUMN last_used_at BIGINT;
UPDATE admin_tokens SET source = 'env' WHERE name = 'TESSERA_ADMIN_TOKEN';
UPDATE admin_tokens SET source = 'bootstrap' WHERE name = 'initial';
-- token_hash keeps legacy unsalted SHA-256 values until each token is used once; it is then
-- replaced by 'hmac-sha256$' + HMAC under a key derived from the master key.

-- No foreign keys: an event outlives the token, auth server or client it names.
CREATE TABLE audit_events (
    id               TEXT PRIMARY KEY, -- time-ordered UUID (v7)
    created_at       BIGINT  NOT NULL,
    admin_token_id   TEXT,
    admin_token_name TEXT    NOT NULL,
    method           TEXT    NOT NULL,
    resource_type    TEXT    NOT NULL,
    resource_id      TEXT,
    auth_server_id   TEXT,
    path             TEXT    NOT NULL,
    status           INTEGER NOT NULL,
    changes          TEXT    NOT NULL, -- JSON object of the fields sent, secret values redacted
    trace_id         TEXT
);
CREATE INDEX audit_events_by_time ON audit_events (created_at);
CREATE INDEX audit_events_by_resource ON audit_events (resource_id);
CREATE INDEX audit_events_by_auth_server ON audit_events (auth_server_id);
