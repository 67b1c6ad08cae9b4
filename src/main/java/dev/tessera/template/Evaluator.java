package dev.tessera.template;

import java.util.Map;

/**
 * Walks a parsed expression. No parsing, regular expressions or reflection happen here: field
 * paths are pre-split and functions pre-resolved, so an evaluation is a handful of map lookups and
 * direct calls.
 */
final class Evaluator {

    private static final Object[] NO_ARGS = new Object[0];

    private Evaluator() {
    }

    static Object eval(Node node, Map<String, Object> context, Evaluation evaluation) {
        evaluation.step(1);
        return switch (node) {
            case Node.Constant c -> c.value();
            case Node.Field f -> fields(context, f.path(), f.position());
            case Node.Chain c -> fields(eval(c.base(), context, evaluation), c.path(), c.position());
            case Node.Call c -> call(c, context, evaluation);
        };
    }

    private static Object call(Node.Call call, Map<String, Object> context, Evaluation evaluation) {
        Node[] argNodes = call.args();
        Object[] args = argNodes.length == 0 ? NO_ARGS : new Object[argNodes.length];
        for (int i = 0; i < argNodes.length; i++) {
            args[i] = eval(argNodes[i], context, evaluation);
        }
        FunctionSpec f = call.function();
        Object result;
        try {
            result = f.body().call(args, evaluation);
            if (result instanceof String s) {
                if (s.length() > Limits.MAX_OUTPUT) {
                    throw new EvalError("output exceeds the limit of " + Limits.MAX_OUTPUT + " characters");
                }
                evaluation.produced(s.length());
            }
        } catch (EvalError e) {
            throw new EvalError(where(call) + e.getMessage());
        } catch (RuntimeException e) {
            // a bug in a function must not escape as anything but an evaluation error
            throw new EvalError(where(call) + "internal error (" + e.getClass().getSimpleName() + ")");
        }
        return result;
    }

    private static String where(Node.Call call) {
        return "function \"" + call.function().name() + "\" at position " + (call.position() + 1) + ": ";
    }

    /** Follows a field path; a missing key or a nil on the way gives nil, as the spec asks. */
    private static Object fields(Object start, String[] path, int position) {
        Object current = start;
        for (String name : path) {
            if (current == null) {
                return null;
            }
            if (current instanceof Map<?, ?> m) {
                current = m.get(name);
            } else {
                throw new EvalError("cannot read field \"" + name + "\" of " + Values.describe(current)
                        + " at position " + (position + 1));
            }
        }
        return current;
    }
}
