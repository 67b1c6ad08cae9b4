-- Revocations that outlive their client. Deleting a client cascades its token records away, so
-- the ids of its unexpired tokens (revoked or not) are kept here until they expire: a client
-- re-created with the same id (PUT) must not bring them back, on any node, after any restart.
-- Only the auth server cascades: its issuer and keys die with it, and its id is never reused.

CREATE TABLE deleted_client_tokens (
    auth_server_id TEXT   NOT NULL REFERENCES auth_servers (id) ON DELETE CASCADE,
    client_id      TEXT   NOT NULL,
    id             TEXT   NOT NULL, -- the JWT's jti
    expires_at     BIGINT NOT NULL,
    deleted_at     BIGINT NOT NULL,
    PRIMARY KEY (auth_server_id, client_id, id)
);
CREATE INDEX deleted_client_tokens_by_expiry ON deleted_client_tokens (expires_at);
