package dev.tessera.template;

/**
 * A claim template failed while being evaluated for a token, e.g. a division by zero or a function
 * given an argument of the wrong type. The token request must be refused: dropping the claim
 * silently would hand out a token its consumers do not expect.
 */
public final class TemplateEvaluationException extends Exception {

    /** @param message human-readable reason, naming the failing function where there is one */
    public TemplateEvaluationException(String message) {
        super(message);
    }
}
