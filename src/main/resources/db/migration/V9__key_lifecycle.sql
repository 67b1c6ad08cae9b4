-- Signing keys: each key carries its own algorithm and a lifecycle state.
--   next     published in JWKS, not signing yet; becomes active at activates_at
--   active   signs new tokens; exactly one per auth server (signing_keys_one_active)
--   retired  only verifies; published until removes_at (its last token's expiry plus clock skew),
--            then the row is deleted
-- Auth servers get an optional automatic rotation period.

ALTER TABLE signing_keys ADD COLUMN alg TEXT NOT NULL DEFAULT 'RS256';
UPDATE signing_keys SET alg = (SELECT a.signing_algorithm FROM auth_servers a WHERE a.id = signing_keys.auth_server_id);
ALTER TABLE signing_keys ADD COLUMN state TEXT NOT NULL DEFAULT 'active';
ALTER TABLE signing_keys ADD COLUMN activates_at BIGINT;
ALTER TABLE signing_keys ADD COLUMN retires_at BIGINT;
ALTER TABLE signing_keys ADD COLUMN removes_at BIGINT;
UPDATE signing_keys SET activates_at = created_at;
-- V4 retired the older of two racing keys with 30 days of grace after the newer one's creation.
UPDATE signing_keys SET state = 'retired', removes_at = retire_after, retires_at = retire_after - 2592000000000
WHERE NOT active;

-- The one-active rule moves from the boolean to the state; there is at most one next key too.
DROP INDEX signing_keys_one_active;
ALTER TABLE signing_keys DROP COLUMN active;
ALTER TABLE signing_keys DROP COLUMN retire_after;
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (auth_server_id) WHERE state = 'active';
CREATE UNIQUE INDEX signing_keys_one_next ON signing_keys (auth_server_id) WHERE state = 'next';

ALTER TABLE auth_servers ADD COLUMN key_rotation_period_days INTEGER;
