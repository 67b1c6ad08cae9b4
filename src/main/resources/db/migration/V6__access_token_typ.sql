-- The typ header of an auth server's access tokens: 'JWT' (default, as Kong Identity) or 'at+jwt' (RFC 9068).
ALTER TABLE auth_servers ADD COLUMN access_token_typ TEXT NOT NULL DEFAULT 'JWT';
