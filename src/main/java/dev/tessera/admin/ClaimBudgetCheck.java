package dev.tessera.admin;

import dev.tessera.authserver.AuthServer;
import dev.tessera.claim.Claim;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.snapshot.TemplateContexts;
import dev.tessera.template.ClaimTemplate;
import dev.tessera.template.TemplateEvaluationException;
import dev.tessera.template.TemplateSyntaxException;
import dev.tessera.template.TokenBudget;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The save-time half of the per-token template budget: a claim is refused (400 naming
 * {@code value}) when, with it, the auth server's enabled in-token claims together would need
 * more template work than one token may use. Every such claim counts, whatever its scopes, since
 * one token may carry them all. They are evaluated without a client (its data is not known
 * here), so work that grows with a client's data is caught when the token is issued.
 */
final class ClaimBudgetCheck {
    private ClaimBudgetCheck() {
    }

    /** Throws a 400 if {@code saved}, replacing the claim with its id among {@code existing}, breaks the budget. */
    static void require(AuthServer server, List<Claim> existing, Claim saved) {
        if (!countsInTokens(saved) || !isDynamic(saved.value())) {
            return;
        }
        Map<String, Object> context = Map.of("AuthServer", TemplateContexts.authServer(server), "Client", Map.of());
        TokenBudget budget = TokenBudget.perToken();
        UUID savedId = saved.id();
        try {
            evaluate(saved, context, budget);
            for (Claim c : existing) {
                if (!c.id().equals(savedId) && countsInTokens(c)) {
                    evaluate(c, context, budget);
                }
            }
        } catch (TemplateEvaluationException e) {
            throw ProblemException.invalid(InvalidParameter.of("body", "value", "invalid",
                    "with this value the auth server's claims would exceed what one token may use: " + e.getMessage()
                            + " (all claims of a token together may do " + TokenBudget.MAX_STEPS
                            + " evaluation steps and produce " + TokenBudget.MAX_OUTPUT + " characters)"));
        }
    }

    private static boolean countsInTokens(Claim c) {
        return c.enabled() && c.includeInToken();
    }

    private static boolean isDynamic(String value) {
        return value.contains("${");
    }

    /** Only the budget matters here: any other evaluation failure is the claim's own business. */
    private static void evaluate(Claim c, Map<String, Object> context, TokenBudget budget) throws TemplateEvaluationException {
        ClaimTemplate template;
        try {
            template = ClaimTemplate.parse(c.value());
        } catch (TemplateSyntaxException e) {
            return;
        }
        try {
            template.evaluate(context, budget);
        } catch (TemplateEvaluationException e) {
            if (budget.exceeded()) {
                throw e;
            }
        }
    }
}
