package dev.tessera.template;

/**
 * A named function with its arity.
 *
 * @param name    name used in templates
 * @param minArgs fewest arguments
 * @param maxArgs most arguments, or -1 for any number
 * @param body    the implementation
 */
record FunctionSpec(String name, int minArgs, int maxArgs, TemplateFunction body) {

    static final int VARIADIC = -1;

    boolean accepts(int count) {
        return count >= minArgs && (maxArgs == VARIADIC || count <= maxArgs);
    }

    /** "2 arguments", "1 to 2 arguments", "at least 1 argument", "any number of arguments". */
    String arityText() {
        if (maxArgs == VARIADIC && minArgs == 0) {
            return "any number of arguments";
        }
        if (maxArgs == VARIADIC) {
            return "at least " + plural(minArgs);
        }
        return minArgs == maxArgs ? plural(minArgs) : minArgs + " to " + plural(maxArgs);
    }

    private static String plural(int n) {
        return n == 1 ? "1 argument" : n + " arguments";
    }
}
