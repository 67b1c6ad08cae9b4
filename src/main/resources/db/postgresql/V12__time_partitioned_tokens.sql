-- Token records on PostgreSQL: one partition per UTC day of expiry. Expired records go by
-- dropping whole partitions (token/TokenPartitions) instead of a DELETE per row, which on a busy
-- issuer meant as many deleted rows, WAL records and dead tuples to vacuum as tokens issued, and
-- one more index (tokens_by_expiry) to keep up on every insert. SQLite keeps its one table
-- (db/sqlite/V12__time_partitioned_tokens.sql).
--
-- The partition key must be part of the primary key, so expires_at joins it; every lookup still
-- names (auth_server_id, client_id, id). The daily partitions are created ahead by the server, at
-- start-up and with every purge; rows outside them (the records copied here, or in the unlikely
-- case that no node ran for days) land in tokens_default, which the server empties into the daily
-- partitions as it creates them and purges with a DELETE by its own expiry index.

ALTER TABLE tokens RENAME TO tokens_before_v12;
ALTER TABLE tokens_before_v12 RENAME CONSTRAINT tokens_pkey TO tokens_before_v12_pkey;
ALTER INDEX tokens_by_expiry RENAME TO tokens_before_v12_by_expiry;
ALTER INDEX tokens_revoked RENAME TO tokens_before_v12_revoked;

CREATE TABLE tokens (
    auth_server_id TEXT   NOT NULL,
    id             TEXT   NOT NULL, -- the JWT's jti
    client_id      TEXT   NOT NULL,
    scopes         TEXT   NOT NULL, -- JSON array of granted scope names
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    PRIMARY KEY (auth_server_id, client_id, id, expires_at),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE
) PARTITION BY RANGE (expires_at);
-- Revoked, unexpired tokens are loaded into memory at start-up: a small partial index finds them.
CREATE INDEX tokens_revoked ON tokens (expires_at) WHERE revoked_at IS NOT NULL;

CREATE TABLE tokens_default PARTITION OF tokens DEFAULT;
CREATE INDEX tokens_default_by_expiry ON tokens_default (expires_at);

INSERT INTO tokens (auth_server_id, id, client_id, scopes, created_at, expires_at, revoked_at)
SELECT auth_server_id, id, client_id, scopes, created_at, expires_at, revoked_at FROM tokens_before_v12;
DROP TABLE tokens_before_v12;
