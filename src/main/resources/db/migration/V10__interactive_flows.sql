-- Interactive flows (issue 10): the authorize endpoint, the login handoff and authorization codes.

-- Every client of the auth server must send PKCE (S256) at /authorize, not only public ones.
ALTER TABLE auth_servers ADD COLUMN require_pkce BOOLEAN NOT NULL DEFAULT FALSE;
-- The client may get a code in one server-to-server call for a subject it names (it acts for any user).
ALTER TABLE clients ADD COLUMN allow_direct_authorization BOOLEAN NOT NULL DEFAULT FALSE;

-- A valid authorization request waiting for the client's login application to accept or reject it.
-- Only a hash of the login_challenge is kept; the first accept or reject wins by a conditional
-- update of decided_at (also across nodes).
CREATE TABLE login_requests (
    auth_server_id TEXT   NOT NULL,
    id             TEXT   NOT NULL, -- SHA-256 (base64url) of the login_challenge
    client_id      TEXT   NOT NULL,
    request        TEXT   NOT NULL, -- JSON: the validated authorization request
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    decided_at     BIGINT,
    response       TEXT,            -- JSON parameters for response_mode=form_post, posted by the browser's next visit
    delivered_at   BIGINT,          -- when that form was served (once)
    PRIMARY KEY (auth_server_id, id),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE
);
CREATE INDEX login_requests_by_expiry ON login_requests (expires_at);

-- What a user granted a client: behind an authorization code until it is exchanged (used_at, once),
-- then kept while the access token issued from it lives, for userinfo and for revoking that token
-- when the code is presented again (RFC 6749 §4.1.2).
CREATE TABLE user_grants (
    auth_server_id  TEXT   NOT NULL,
    id              TEXT   NOT NULL, -- SHA-256 (base64url) of the authorization code, or a random id (implicit)
    client_id       TEXT   NOT NULL,
    details         TEXT   NOT NULL, -- JSON: subject, scopes, claims, redirect_uri, nonce, code_challenge, auth_time, acr, amr
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL, -- of the code
    used_at         BIGINT,
    access_token_id TEXT,            -- the jti of the access token issued from it
    keep_until      BIGINT NOT NULL,
    PRIMARY KEY (auth_server_id, id),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE
);
CREATE INDEX user_grants_by_token ON user_grants (auth_server_id, access_token_id);
CREATE INDEX user_grants_by_expiry ON user_grants (keep_until);

-- Refresh tokens (opaque; only their SHA-256 is kept). Each use rotates: the used row keeps
-- used_at and a new row joins the family. A used token presented again means it leaked: the
-- whole family is revoked (revoked_at), and the access tokens issued with it too.
CREATE TABLE refresh_tokens (
    auth_server_id  TEXT   NOT NULL,
    id              TEXT   NOT NULL, -- SHA-256 (base64url) of the refresh token
    family_id       TEXT   NOT NULL, -- shared by every token rotated from one authorization code
    client_id       TEXT   NOT NULL,
    details         TEXT   NOT NULL, -- JSON: the user grant (subject, originally granted scopes, claims)
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL, -- absolute: the family's start plus the absolute lifetime
    idle_expires_at BIGINT NOT NULL, -- dies when not used before this
    used_at         BIGINT,
    revoked_at      BIGINT,
    access_token_id TEXT   NOT NULL, -- the access token issued with it
    PRIMARY KEY (auth_server_id, id),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (auth_server_id, family_id);
CREATE INDEX refresh_tokens_by_access_token ON refresh_tokens (auth_server_id, access_token_id);
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);
