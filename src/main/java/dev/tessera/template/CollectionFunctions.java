package dev.tessera.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists and maps: list, dict, join, split (a map with keys _0, _1, ... as in Sprig), splitList,
 * splitn, toStrings, index (Go's built-in), get, hasKey, len, first, last.
 */
final class CollectionFunctions {

    private CollectionFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("list", 0, FunctionSpec.VARIADIC, (a, ev) -> new ArrayList<>(Arrays.asList(a)));
        b.define("dict", 0, FunctionSpec.VARIADIC, (a, ev) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < a.length; i += 2) {
                // as Sprig: keys are converted to strings, a key without a value gets ""
                m.put(Values.toText(a[i]), i + 1 < a.length ? a[i + 1] : "");
            }
            return m;
        });
        b.define("join", 2, (a, ev) -> {
            String sep = Args.string(a, 0);
            List<String> parts = strings(a[1], ev);
            BoundedText out = BoundedText.create(16);
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    out.append(sep);
                }
                out.append(parts.get(i));
            }
            return out.toString();
        });
        b.define("split", 2, (a, ev) -> indexed(GoStrings.split(Args.string(a, 1), Args.string(a, 0), -1, ev)));
        b.define("splitList", 2, (a, ev) -> GoStrings.split(Args.string(a, 1), Args.string(a, 0), -1, ev));
        b.define("splitn", 3, (a, ev) -> indexed(GoStrings.split(Args.string(a, 2), Args.string(a, 0),
                Args.integer(a, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, "count"), ev)));
        b.define("toStrings", 1, (a, ev) -> strings(a[0], ev));
        b.define("index", 1, FunctionSpec.VARIADIC, (a, ev) -> {
            Object current = a[0];
            for (int i = 1; i < a.length && current != null; i++) {
                current = index(current, a, i);
            }
            return current;
        });
        b.define("get", 2, (a, ev) -> {
            Object v = Args.map(a, 0).get(Args.string(a, 1));
            return v == null && !Args.map(a, 0).containsKey(Args.string(a, 1)) ? "" : v;
        });
        b.define("hasKey", 2, (a, ev) -> Args.map(a, 0).containsKey(Args.string(a, 1)));
        b.define("len", 1, (a, ev) -> (long) switch (a[0]) {
            case null -> 0;
            case String s -> GoStrings.length(s);
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            default -> throw Args.wrongType(0, "a string, list or map", a[0]);
        });
        b.define("first", 1, (a, ev) -> {
            List<?> l = Args.list(a, 0);
            return l.isEmpty() ? null : l.get(0);
        });
        b.define("last", 1, (a, ev) -> {
            List<?> l = Args.list(a, 0);
            return l.isEmpty() ? null : l.get(l.size() - 1);
        });
    }

    /** Sprig's strslice: a list's non-nil elements as text; a single non-list value as one element. */
    private static List<String> strings(Object v, Evaluation ev) {
        if (v instanceof List<?> l) {
            ev.step(l.size());
            List<String> out = new ArrayList<>(l.size());
            for (Object e : l) {
                if (e != null) {
                    out.add(Values.toText(e));
                }
            }
            return out;
        }
        return v == null ? new ArrayList<>() : new ArrayList<>(List.of(Values.toText(v)));
    }

    /** Sprig's split result: {"_0": first, "_1": second, ...}. */
    private static Map<String, Object> indexed(List<String> parts) {
        Map<String, Object> m = new LinkedHashMap<>(parts.size() * 2);
        for (int i = 0; i < parts.size(); i++) {
            m.put("_" + i, parts.get(i));
        }
        return m;
    }

    private static Object index(Object collection, Object[] a, int i) {
        if (collection instanceof Map<?, ?> m) {
            return m.get(Args.string(a, i));
        }
        if (collection instanceof List<?> l) {
            long at = Args.integer(a, i);
            if (at < 0 || at >= l.size()) {
                throw new EvalError("index " + at + " out of range (the list has " + l.size() + " elements)");
            }
            return l.get((int) at);
        }
        throw new EvalError("cannot index " + Values.describe(collection));
    }
}
