-- Web console sessions, in the database so that every node behind a load balancer knows them.
-- The session id itself is never stored: id_hash is its SHA-256 (base64url), so a copy of the
-- database does not hand out live sessions. A revoked admin token takes its sessions with it.
CREATE TABLE console_sessions (
    id_hash        TEXT PRIMARY KEY,
    admin_token_id TEXT   NOT NULL REFERENCES admin_tokens (id) ON DELETE CASCADE,
    created_at     BIGINT NOT NULL,
    last_seen_at   BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL -- absolute end (created_at + the maximum lifetime), microseconds
);
CREATE INDEX console_sessions_by_admin_token ON console_sessions (admin_token_id);
CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);

-- Token issuance counts per client and minute, for the console's activity charts. Token rows are
-- purged an hour after they expire; the purge adds what it removes here first (the same
-- transaction), so a day's counts stay whole. Rows older than a day are removed by the purge.
-- No foreign key: the counts of a deleted client are history, like audit events.
CREATE TABLE token_issuance_counts (
    auth_server_id TEXT   NOT NULL,
    client_id      TEXT   NOT NULL,
    minute         BIGINT NOT NULL, -- created_at in whole minutes since the epoch
    issued         BIGINT NOT NULL,
    PRIMARY KEY (auth_server_id, client_id, minute)
);
CREATE INDEX token_issuance_counts_by_minute ON token_issuance_counts (minute);
