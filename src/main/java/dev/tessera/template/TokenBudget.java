package dev.tessera.template;

/**
 * The template work all claims of one token may do together. Each claim is bounded on its own
 * ({@link Limits#MAX_STEPS} steps, {@link Limits#MAX_TOTAL_OUTPUT} characters); without a shared
 * budget ten claims near those limits made one token cost ten times as much. A token's claims
 * together get the budget of one claim. One instance per token, never shared between threads.
 */
public final class TokenBudget {
    /** Evaluation steps all claims of one token may use together. */
    public static final int MAX_STEPS = Limits.MAX_STEPS;
    /** Characters all claims of one token may produce together. */
    public static final int MAX_OUTPUT = Limits.MAX_TOTAL_OUTPUT;

    private final boolean enforced;
    private int steps;
    private int produced;

    private TokenBudget(boolean enforced) {
        this.enforced = enforced;
    }

    /** The budget of one token: evaluation fails once its claims together exceed it. */
    public static TokenBudget perToken() {
        return new TokenBudget(true);
    }

    /** Counts without failing, to measure what a set of claims costs (when a claim is saved). */
    public static TokenBudget measuring() {
        return new TokenBudget(false);
    }

    public int steps() {
        return steps;
    }

    public int produced() {
        return produced;
    }

    /** True when the work counted so far is more than one token may do. */
    public boolean exceeded() {
        return steps > MAX_STEPS || produced > MAX_OUTPUT;
    }

    void step(int n) {
        steps += n;
        if (enforced && steps > MAX_STEPS) {
            throw new EvalError("the token's claims together exceeded " + MAX_STEPS + " evaluation steps");
        }
    }

    void produced(int chars) {
        produced += chars;
        if (enforced && produced > MAX_OUTPUT) {
            throw new EvalError("the token's claims together produced more than " + MAX_OUTPUT + " characters");
        }
    }
}
