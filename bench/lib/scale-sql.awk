# Generates the --scale data set as plain SQL that runs on both SQLite and PostgreSQL
# (multi-row INSERTs, TRUE/FALSE, NULL), in one transaction. Used by bench/run while the
# server is stopped; see bench/README.md for why the scale set is not created through the API.
#
#   awk -v servers=10000 -v clients=100000 -v schema=NAME -f scale-sql.awk
#
# schema: PostgreSQL schema to SET search_path to (empty for SQLite).
#
# Per auth server n (1..servers): scopes read/write/admin; claims like the standard set
# (team = ${ .Client.Name | upper } in all scopes, tier = "gold" with scope read, tenant
# mixed text+template in all scopes); clients/servers clients with allow_scopes [read, write].
# No client secrets and no signing keys: secrets for the load-tested clients are created
# through the API, and Tessera generates a missing signing key on an auth server's first use.
#
# Identifiers are deterministic so bench/run can find the rows again:
#   auth server id  00000000-0000-4000-8000-<n, 12 digits>     slug  scale<n, 11 digits>
#   scope ids       0000000<k>-0000-4000-8000-<n>              (k = 1 read, 2 write, 3 admin)
#   claim ids       0000001<k>-0000-4000-8000-<n>              (k = 1 team, 2 tier, 3 tenant)
#   client ids      sc<n, 8 digits><j, 10 digits>              (20 characters, [a-z0-9])

function uuid(prefix, n) { return prefix "-0000-4000-8000-" sprintf("%012d", n) }
function server_id(n) { return uuid("00000000", n) }
function q(s) { gsub(/'/, "''", s); return "'" s "'" }

# Buffered multi-row INSERT: rows accumulate per table and are flushed every 500 rows.
function row(table, columns, values) {
    if (count[table] == 0) {
        printf "INSERT INTO %s (%s) VALUES\n(%s)", table, columns, values
    } else {
        printf ",\n(%s)", values
    }
    if (++count[table] == 500) {
        printf ";\n"
        count[table] = 0
    }
}
function flush(table) {
    if (count[table] > 0) {
        printf ";\n"
        count[table] = 0
    }
}

BEGIN {
    if (servers < 1 || clients < servers) {
        print "scale-sql.awk: need servers >= 1 and clients >= servers" > "/dev/stderr"
        exit 1
    }
    per = int(clients / servers)
    now = 1700000000000000   # µs; fixed so reruns produce identical data
    if (schema != "") printf "SET search_path TO %s;\n", schema
    print "BEGIN;"

    AS_COLS = "id, slug, name, description, audience, signing_algorithm, trusted_origins, created_at, updated_at"
    for (n = 1; n <= servers; n++) {
        row("auth_servers", AS_COLS, sprintf("%s, %s, %s, '', %s, 'RS256', '[]', %d, %d",
            q(server_id(n)), q(sprintf("scale%011d", n)), q(sprintf("scale-as-%d", n)),
            q(sprintf("https://api-%d.scale.test", n)), now + n, now + n))
    }
    flush("auth_servers")

    SC_COLS = "auth_server_id, id, name, description, is_default, include_in_metadata, enabled, created_at, updated_at"
    split("read write admin", scope_names, " ")
    for (n = 1; n <= servers; n++) {
        for (k = 1; k <= 3; k++) {
            row("scopes", SC_COLS, sprintf("%s, %s, %s, '', FALSE, FALSE, TRUE, %d, %d",
                q(server_id(n)), q(uuid("0000000" k, n)), q(scope_names[k]), now + n, now + n))
        }
    }
    flush("scopes")

    CL_COLS = "auth_server_id, id, name, value, include_in_token, include_in_all_scopes, enabled, created_at, updated_at"
    claim_name[1] = "team";   claim_value[1] = "${ .Client.Name | upper }";                        claim_all[1] = "TRUE"
    claim_name[2] = "tier";   claim_value[2] = "gold";                                             claim_all[2] = "FALSE"
    claim_name[3] = "tenant"; claim_value[3] = "tenant/${ .Client.Labels.tenant | default \"none\" }"; claim_all[3] = "TRUE"
    for (n = 1; n <= servers; n++) {
        for (k = 1; k <= 3; k++) {
            row("claims", CL_COLS, sprintf("%s, %s, %s, %s, TRUE, %s, TRUE, %d, %d",
                q(server_id(n)), q(uuid("0000001" k, n)), q(claim_name[k]), q(claim_value[k]), claim_all[k], now + n, now + n))
        }
    }
    flush("claims")
    for (n = 1; n <= servers; n++) {
        row("claim_scopes", "auth_server_id, claim_id, scope_id, position",
            sprintf("%s, %s, %s, 0", q(server_id(n)), q(uuid("00000012", n)), q(uuid("00000001", n))))
    }
    flush("claim_scopes")

    CLI_COLS = "auth_server_id, id, name, grant_types, response_types, redirect_uris, login_uri, " \
               "access_token_duration, id_token_duration, allow_all_scopes, token_endpoint_auth_method, created_at, updated_at"
    for (n = 1; n <= servers; n++) {
        for (j = 1; j <= per; j++) {
            row("clients", CLI_COLS, sprintf("%s, %s, %s, '[\"client_credentials\"]', '[\"token\"]', '[]', NULL, 3600, 300, FALSE, 'client_secret_post', %d, %d",
                q(server_id(n)), q(sprintf("sc%08d%010d", n, j)), q(sprintf("scale-as-%d-client-%d", n, j)), now + n, now + n))
        }
    }
    flush("clients")
    for (n = 1; n <= servers; n++) {
        for (j = 1; j <= per; j++) {
            for (k = 1; k <= 2; k++) {
                row("client_scopes", "auth_server_id, client_id, scope_id, position",
                    sprintf("%s, %s, %s, %d", q(server_id(n)), q(sprintf("sc%08d%010d", n, j)), q(uuid("0000000" k, n)), k - 1))
            }
        }
    }
    flush("client_scopes")
    print "COMMIT;"
}
