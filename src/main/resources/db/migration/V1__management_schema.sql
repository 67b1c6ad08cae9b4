-- One schema for SQLite and PostgreSQL: only TEXT, BIGINT, INTEGER and BOOLEAN columns.
-- Timestamps are microseconds since the epoch. Every table whose rows belong to an auth server
-- has a key that starts with auth_server_id, and cascades from it.

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE admin_tokens (
    id         TEXT PRIMARY KEY,
    name       TEXT   NOT NULL,
    token_hash TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE auth_servers (
    id                TEXT PRIMARY KEY,
    slug              TEXT   NOT NULL UNIQUE,
    name              TEXT   NOT NULL UNIQUE,
    description       TEXT   NOT NULL,
    audience          TEXT   NOT NULL,
    signing_algorithm TEXT   NOT NULL,
    trusted_origins   TEXT   NOT NULL, -- JSON array of origins
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);

CREATE TABLE auth_server_labels (
    auth_server_id TEXT NOT NULL REFERENCES auth_servers (id) ON DELETE CASCADE,
    label_key      TEXT NOT NULL,
    label_value    TEXT NOT NULL,
    PRIMARY KEY (auth_server_id, label_key)
);

CREATE TABLE scopes (
    auth_server_id      TEXT    NOT NULL REFERENCES auth_servers (id) ON DELETE CASCADE,
    id                  TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    description         TEXT    NOT NULL,
    is_default          BOOLEAN NOT NULL,
    include_in_metadata BOOLEAN NOT NULL,
    enabled             BOOLEAN NOT NULL,
    created_at          BIGINT  NOT NULL,
    updated_at          BIGINT  NOT NULL,
    PRIMARY KEY (auth_server_id, id),
    UNIQUE (auth_server_id, name)
);

CREATE TABLE claims (
    auth_server_id        TEXT    NOT NULL REFERENCES auth_servers (id) ON DELETE CASCADE,
    id                    TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    value                 TEXT    NOT NULL,
    include_in_token      BOOLEAN NOT NULL,
    include_in_all_scopes BOOLEAN NOT NULL,
    enabled               BOOLEAN NOT NULL,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    PRIMARY KEY (auth_server_id, id),
    UNIQUE (auth_server_id, name)
);

CREATE TABLE claim_scopes (
    auth_server_id TEXT    NOT NULL,
    claim_id       TEXT    NOT NULL,
    scope_id       TEXT    NOT NULL,
    position       INTEGER NOT NULL,
    PRIMARY KEY (auth_server_id, claim_id, scope_id),
    FOREIGN KEY (auth_server_id, claim_id) REFERENCES claims (auth_server_id, id) ON DELETE CASCADE,
    FOREIGN KEY (auth_server_id, scope_id) REFERENCES scopes (auth_server_id, id) ON DELETE CASCADE
);
CREATE INDEX claim_scopes_by_scope ON claim_scopes (auth_server_id, scope_id);

CREATE TABLE clients (
    auth_server_id             TEXT    NOT NULL REFERENCES auth_servers (id) ON DELETE CASCADE,
    id                         TEXT    NOT NULL,
    name                       TEXT    NOT NULL,
    grant_types                TEXT    NOT NULL, -- JSON array
    response_types             TEXT    NOT NULL, -- JSON array
    redirect_uris              TEXT    NOT NULL, -- JSON array
    login_uri                  TEXT,
    access_token_duration      INTEGER NOT NULL,
    id_token_duration          INTEGER NOT NULL,
    allow_all_scopes           BOOLEAN NOT NULL,
    token_endpoint_auth_method TEXT    NOT NULL,
    created_at                 BIGINT  NOT NULL,
    updated_at                 BIGINT  NOT NULL,
    PRIMARY KEY (auth_server_id, id),
    UNIQUE (auth_server_id, name)
);

CREATE TABLE client_labels (
    auth_server_id TEXT NOT NULL,
    client_id      TEXT NOT NULL,
    label_key      TEXT NOT NULL,
    label_value    TEXT NOT NULL,
    PRIMARY KEY (auth_server_id, client_id, label_key),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE
);

CREATE TABLE client_scopes (
    auth_server_id TEXT    NOT NULL,
    client_id      TEXT    NOT NULL,
    scope_id       TEXT    NOT NULL,
    position       INTEGER NOT NULL,
    PRIMARY KEY (auth_server_id, client_id, scope_id),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE,
    FOREIGN KEY (auth_server_id, scope_id) REFERENCES scopes (auth_server_id, id) ON DELETE CASCADE
);
CREATE INDEX client_scopes_by_scope ON client_scopes (auth_server_id, scope_id);

CREATE TABLE client_secrets (
    auth_server_id TEXT    NOT NULL,
    client_id      TEXT    NOT NULL,
    id             TEXT    NOT NULL,
    secret_hash    TEXT    NOT NULL,
    enabled        BOOLEAN NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    PRIMARY KEY (auth_server_id, client_id, id),
    FOREIGN KEY (auth_server_id, client_id) REFERENCES clients (auth_server_id, id) ON DELETE CASCADE
);
