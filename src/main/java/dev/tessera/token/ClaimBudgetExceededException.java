package dev.tessera.token;

/**
 * The claims a token would carry need more template work together than one token may use
 * ({@link dev.tessera.template.TokenBudget}). Which claims a token carries depends on the scopes
 * requested, so the OAuth layer answers {@code invalid_request}, not {@code server_error}.
 */
public final class ClaimBudgetExceededException extends RuntimeException {
    public ClaimBudgetExceededException(String message) {
        super(message, null, false, false);
    }
}
