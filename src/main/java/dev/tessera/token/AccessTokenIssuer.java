package dev.tessera.token;

import dev.tessera.keys.ClaimValues;
import dev.tessera.keys.TokenSigner;
import dev.tessera.keys.TokenSize;
import dev.tessera.scope.Scope;
import dev.tessera.snapshot.AuthServerConfig;
import dev.tessera.snapshot.ClientEntry;
import dev.tessera.snapshot.CompiledClaim;
import dev.tessera.template.TemplateEvaluationException;
import dev.tessera.template.TokenBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds, signs and records a JWT access token (DESIGN §3): header {@code {typ, alg, kid}},
 * payload {@code iss sub client_id aud scope jti iat nbf exp} plus the selected custom claims.
 * The token is durably recorded before it is returned.
 */
public final class AccessTokenIssuer {
    private final TokenSigner signer;
    private final TokenLog tokenLog;
    private final Counter issued;

    public AccessTokenIssuer(TokenSigner signer, TokenLog tokenLog, MeterRegistry metrics) {
        this.signer = signer;
        this.tokenLog = tokenLog;
        this.issued = Counter.builder("tessera.tokens.issued").description("access tokens issued").register(metrics);
    }

    public record Issued(String jwt, UUID jti, long expiresIn, String scope) {
    }

    public Issued issue(AuthServerConfig server, ClientEntry client, List<Scope> granted, boolean namedScopes) {
        return issue(server, client, granted, namedScopes, client.client().id(), TokenIds.next());
    }

    /**
     * An access token for a user who signed in to the client (authorization code, implicit):
     * {@code sub} is the user's subject, {@code client_id} the client. The caller chooses the
     * {@code jti} (from {@link TokenIds#next()}) so that it can bind it to the grant before the
     * token exists: a replayed code then always finds the token to revoke.
     */
    public Issued issueForUser(AuthServerConfig server, ClientEntry client, List<Scope> granted, String subject, UUID jti) {
        return issue(server, client, granted, true, subject, jti);
    }

    private Issued issue(AuthServerConfig server, ClientEntry client, List<Scope> granted, boolean namedScopes,
                         String subject, UUID jti) {
        long nowMillis = System.currentTimeMillis();
        long now = nowMillis / 1000;
        long lifetime = client.client().accessTokenDuration();
        List<String> scopeNames = new ArrayList<>(granted.size());
        Set<UUID> scopeIds = new HashSet<>();
        for (Scope s : granted) {
            scopeNames.add(s.name());
            scopeIds.add(s.id());
        }
        String scope = String.join(" ", scopeNames);

        Map<String, Object> claims = new LinkedHashMap<>();
        TokenBudget budget = TokenBudget.perToken();
        for (CompiledClaim c : server.claims()) {
            if (ClaimSelector.inToken(c.claim(), scopeIds, namedScopes)) {
                claims.put(c.claim().name(), evaluate(c, client, budget));
            }
        }
        putRegistered(claims, server.issuer(), client.client().id(), server.server().audience(), scope, jti, now, now + lifetime);
        claims.put("sub", subject);

        String jwt;
        try {
            // The active key's own algorithm: during a rotation to a new algorithm the auth server's
            // setting is ahead of its active key.
            jwt = signer.signToken(server.activeKey(), server.server().accessTokenType().typ(), claims);
        } catch (IllegalArgumentException e) {
            // The signer's value check (one walk over the claims, on every token) names the claim
            // whose rendered value would not read back from the token, e.g. 1E+400.
            throw new TokenRefusedException(e.getMessage());
        }
        if (jwt.length() > TokenSize.MAX) {
            // Introspection would call it inactive: refuse it now, before it is recorded.
            throw new TokenTooLargeException("the access token would be " + jwt.length() + " characters long, more than the "
                    + TokenSize.MAX + " that introspection reads; its claims are too large together"
                    + (namedScopes ? " (ask for fewer scopes)" : ""));
        }
        try {
            tokenLog.append(new TokenRecord(server.server().id(), jti, client.client().id(), List.copyOf(scopeNames),
                    nowMillis * 1000, (now + lifetime) * 1_000_000));
        } catch (IllegalStateException e) {
            throw new TokenRefusedException("the token could not be recorded; try again");
        }
        issued.increment();
        return new Issued(jwt, jti, lifetime, scope);
    }

    /** The registered claims of DESIGN §3, after the custom ones (which therefore cannot override them). */
    static void putRegistered(Map<String, Object> claims, String issuer, String clientId, String audience, String scope,
                              UUID jti, long issuedAt, long expiresAt) {
        claims.put("iss", issuer);
        claims.put("sub", clientId);
        claims.put("client_id", clientId);
        claims.put("aud", List.of(audience));
        claims.put("scope", scope);
        claims.put("jti", jti.toString());
        claims.put("iat", issuedAt);
        claims.put("nbf", issuedAt);
        claims.put("exp", expiresAt);
    }

    /**
     * Evaluates one claim for this client; a failure refuses the token instead of dropping the claim,
     * and so does a value that would not read back from the token unchanged (e.g. 1E+400 from a template).
     */
    public static Object render(CompiledClaim c, ClientEntry client) {
        return render(c, client, null);
    }

    /**
     * Evaluates one claim of a userinfo response (or a claim test) and checks its value, charging
     * {@code budget}, which all claims of one response share. Tokens evaluate without the check:
     * the signer checks every value of a token anyway.
     *
     * @throws ClaimBudgetExceededException when the shared budget runs out
     */
    public static Object render(CompiledClaim c, ClientEntry client, TokenBudget budget) {
        Object value = evaluate(c, client, budget);
        String problem = ClaimValues.problem(value);
        if (problem != null) {
            throw new TokenRefusedException("claim '" + c.claim().name() + "' " + problem);
        }
        return value;
    }

    /** Evaluates without checking the value: for tokens, the signer checks every value once. */
    private static Object evaluate(CompiledClaim c, ClientEntry client, TokenBudget budget) {
        if (c.template() == null) {
            throw new TokenRefusedException("claim '" + c.claim().name() + "' has an invalid value: " + c.error());
        }
        try {
            return c.template().evaluate(client.templateContext(), budget);
        } catch (TemplateEvaluationException e) {
            if (budget != null && budget.exceeded()) {
                throw new ClaimBudgetExceededException("the claims of this token need more template work than one token "
                        + "may use (at claim '" + c.claim().name() + "': " + e.getMessage() + "); request fewer scopes "
                        + "or ask the administrator to simplify the claims");
            }
            throw new TokenRefusedException("claim '" + c.claim().name() + "' could not be rendered: " + e.getMessage());
        }
    }
}
