package dev.tessera.template;

/**
 * Per-evaluation budget: one small object per {@link ClaimTemplate#evaluate} call, never shared
 * between threads. The AST of a template is bounded by the source limit, so the step budget is a
 * second line of defence against functions whose work grows with their input.
 */
final class Evaluation {

    private final TokenBudget token;
    private int steps;
    private int produced;

    Evaluation() {
        this(null);
    }

    /** An evaluation that also charges the budget shared by the claims of one token (if not null). */
    Evaluation(TokenBudget token) {
        this.token = token;
    }

    /** Counts {@code n} units of work. */
    void step(int n) {
        steps += n;
        if (steps > Limits.MAX_STEPS) {
            throw new EvalError("evaluation exceeded " + Limits.MAX_STEPS + " steps");
        }
        if (token != null) {
            token.step(n);
        }
    }

    /** Counts characters produced by a function. */
    void produced(int chars) {
        produced += chars;
        if (produced > Limits.MAX_TOTAL_OUTPUT) {
            throw new EvalError("evaluation produced more than " + Limits.MAX_TOTAL_OUTPUT + " characters in total");
        }
        if (token != null) {
            token.produced(chars);
        }
    }
}
