package dev.tessera.token;

import dev.tessera.claim.Claim;
import dev.tessera.keys.TokenSize;
import dev.tessera.template.ClaimTemplate;
import dev.tessera.template.TemplateEvaluationException;
import dev.tessera.template.TemplateSyntaxException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks, when a claim is saved, that an auth server's static claims leave its tokens short
 * enough for introspection: a configuration that can only produce unreadable tokens is refused
 * then, not discovered token by token. Every enabled claim with {@code include_in_token} counts, as
 * if one token carried them all, with the longest client id and no scope. Template values are
 * only known per token; {@link AccessTokenIssuer} checks the real size before issuing.
 */
public final class StaticClaimsSize {
    private static final String LONGEST_CLIENT_ID = "x".repeat(36);
    private static final long LATEST_TIME = 99_999_999_999L;

    private StaticClaimsSize() {
    }

    /** Why tokens with these claims could be too long, or null when they cannot. */
    public static String problem(String issuer, String audience, List<Claim> claims) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (Claim c : claims) {
            if (c.enabled() && c.includeInToken()) {
                staticValue(c.value()).ifPresent(v -> payload.put(c.name(), v.value()));
            }
        }
        AccessTokenIssuer.putRegistered(payload, issuer, LONGEST_CLIENT_ID, audience, "", UUID.randomUUID(),
                LATEST_TIME, LATEST_TIME);
        int length = TokenSize.upperBound(payload);
        if (length <= TokenSize.MAX) {
            return null;
        }
        return "would make this auth server's tokens up to " + length + " characters long, more than the "
                + TokenSize.MAX + " that introspection reads (all enabled static claims with include_in_token count); "
                + "shorten the values or leave some claims out of tokens";
    }

    private record Value(Object value) {
    }

    private static Optional<Value> staticValue(String source) {
        try {
            ClaimTemplate t = ClaimTemplate.parse(source);
            return t.isDynamic() ? Optional.empty() : Optional.of(new Value(t.evaluate(null)));
        } catch (TemplateSyntaxException | TemplateEvaluationException e) {
            return Optional.empty(); // refused on its own account elsewhere
        }
    }
}
