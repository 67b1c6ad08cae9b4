package dev.tessera.template;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registry of every function a template may call. It is fixed at class initialisation: templates
 * cannot define functions, and nothing is looked up by reflection.
 */
final class Functions {

    private static final Map<String, FunctionSpec> ALL;

    static {
        Builder b = new Builder();
        StringFunctions.register(b);
        TextFunctions.register(b);
        MathFunctions.register(b);
        LogicFunctions.register(b);
        CollectionFunctions.register(b);
        EncodingFunctions.register(b);
        RandomFunctions.register(b);
        TimeFunctions.register(b);
        ALL = Map.copyOf(b.functions);
    }

    private Functions() {
    }

    /** The function called {@code name}, or null. */
    static FunctionSpec lookup(String name) {
        return ALL.get(name);
    }

    /** All function names, sorted (for documentation and tests). */
    static Set<String> names() {
        return new TreeSet<>(ALL.keySet());
    }

    /** Collects definitions from the function groups. */
    static final class Builder {

        private final Map<String, FunctionSpec> functions = new HashMap<>();

        /** Defines a function taking between {@code min} and {@code max} arguments (max -1: any). */
        void define(String name, int min, int max, TemplateFunction body) {
            if (functions.put(name, new FunctionSpec(name, min, max, body)) != null) {
                throw new IllegalStateException("function defined twice: " + name);
            }
        }

        /** Defines a function taking exactly {@code n} arguments. */
        void define(String name, int n, TemplateFunction body) {
            define(name, n, n, body);
        }

        /** Defines {@code alias} as another name of the already defined {@code name}. */
        void alias(String alias, String name) {
            FunctionSpec f = functions.get(name);
            define(alias, f.minArgs(), f.maxArgs(), f.body());
        }
    }
}
