package dev.tessera.template;

/**
 * The parsed form of one {@code ${...}} expression. Pipelines are rewritten into nested
 * {@link Call}s by the parser ({@code a | f x} becomes {@code f x a}), so the evaluator only knows
 * four shapes. Nodes are immutable after parsing; the arrays are never handed out.
 */
sealed interface Node {

    /** 0-based offset in the template source, for error messages. */
    int position();

    /** A literal: String, Long, Double, Boolean, or null for {@code nil}. */
    record Constant(Object value, int position) implements Node {
    }

    /** A field path on the context, e.g. {@code [Client, Labels, env]} ({@code .Context.} already removed). */
    record Field(String[] path, int position) implements Node {
    }

    /** Field access on the result of a parenthesised expression, e.g. {@code (split "," .X)._0}. */
    record Chain(Node base, String[] path, int position) implements Node {
    }

    /** A function call with its arguments; for a pipeline stage the piped value is the last one. */
    record Call(FunctionSpec function, Node[] args, int position) implements Node {
    }
}
