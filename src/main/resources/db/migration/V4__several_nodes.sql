-- Several nodes on one database.

-- At most one active signing key per auth server, enforced here so that nodes creating an auth
-- server's first key at the same moment cannot both succeed (the loser reads the winner's key).
-- A database that already holds two keeps the newest active; the others are retired and stay
-- published for the longest token lifetime (30 days) after it, so tokens they signed still verify.
UPDATE signing_keys SET active = FALSE,
       retire_after = (SELECT MAX(k.created_at) FROM signing_keys k
                       WHERE k.auth_server_id = signing_keys.auth_server_id) + 2592000000000
WHERE active AND EXISTS (SELECT 1 FROM signing_keys k
                         WHERE k.auth_server_id = signing_keys.auth_server_id AND k.active
                           AND (k.created_at > signing_keys.created_at
                                OR (k.created_at = signing_keys.created_at AND k.kid > signing_keys.kid)));
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (auth_server_id) WHERE active;

-- Moves forward in every transaction that changes what nodes hold in memory (configuration under
-- an auth server, revocations). On PostgreSQL the change bus installs the triggers that bump it and
-- send the notification in that same transaction; a node that sees it move without having been
-- told reloads what it holds. One row.
CREATE TABLE change_counter (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
INSERT INTO change_counter (id, version) VALUES (1, 0);
