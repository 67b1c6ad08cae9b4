package dev.tessera.template;

/**
 * Internal, unchecked failure raised while evaluating. It is cheap (no stack trace) because a
 * failing template may be evaluated on every token request; {@link ClaimTemplate#evaluate}
 * turns it into the public checked {@link TemplateEvaluationException}.
 */
final class EvalError extends RuntimeException {

    EvalError(String message) {
        super(message, null, false, false);
    }
}
