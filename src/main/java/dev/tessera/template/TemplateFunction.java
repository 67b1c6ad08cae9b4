package dev.tessera.template;

/**
 * The body of a template function. Arguments arrive already evaluated, in Sprig order (a piped
 * value is the last one); the count has been checked against the arity at parse time. Failures
 * are thrown as {@link EvalError}; the evaluator adds the function name and position.
 */
@FunctionalInterface
interface TemplateFunction {

    Object call(Object[] args, Evaluation evaluation);
}
