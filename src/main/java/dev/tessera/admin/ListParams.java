package dev.tessera.admin;

import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import dev.tessera.store.Page;
import dev.tessera.store.PageRequest;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code page[size]}, {@code page[number]}, {@code sort} and {@code filter[...]} of a
 * list request against the fields one resource allows, and writes the
 * {@code {data, meta: {page: {number, size, total}}}} envelope.
 */
final class ListParams {
    static final int DEFAULT_SIZE = 10;
    static final int MAX_SIZE = 100;
    private static final Pattern FILTER = Pattern.compile("filter\\[([a-z_]+)](?:\\[([a-z_]+)])?");

    enum Kind { TEXT, EXACT, LABELS, BOOLEAN }

    record Filter(String column, Kind kind) {
    }

    /** The filters and sorts a resource allows: API name → column. */
    record Spec(Map<String, Filter> filters, Map<String, String> sorts) {
    }

    private ListParams() {
    }

    static PageRequest parse(Context ctx, Spec spec) {
        List<InvalidParameter> errors = new ArrayList<>();
        Map<String, List<String>> query = ctx.queryParamMap();
        int size = pageNumber(query, "page[size]", DEFAULT_SIZE, MAX_SIZE, errors);
        int number = pageNumber(query, "page[number]", 1, Integer.MAX_VALUE, errors);
        List<PageRequest.Order> orders = sort(first(query, "sort"), spec, errors);
        List<PageRequest.Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getKey().startsWith("filter")) {
                condition(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().getFirst(), spec, errors)
                        .ifPresent(conditions::add);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid request: " + errors.getFirst().field() + " "
                    + errors.getFirst().reason(), errors);
        }
        return new PageRequest(number, size, conditions, orders);
    }

    private static int pageNumber(Map<String, List<String>> query, String name, int dflt, int max,
                                  List<InvalidParameter> errors) {
        String v = first(query, name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                errors.add(InvalidParameter.min("query", name, "min", 1, "must be at least 1"));
            } else if (n > max) {
                errors.add(InvalidParameter.max("query", name, "max", max, "must be at most " + max));
            } else {
                return n;
            }
        } catch (NumberFormatException e) {
            errors.add(InvalidParameter.of("query", name, "is_integer", "must be an integer"));
        }
        return dflt;
    }

    private static List<PageRequest.Order> sort(String value, Spec spec, List<InvalidParameter> errors) {
        List<PageRequest.Order> orders = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return orders;
        }
        for (String part : value.split(",")) {
            String[] words = part.strip().split("\\s+");
            String field = words[0];
            boolean desc = false;
            if (field.startsWith("-")) {
                field = field.substring(1);
                desc = true;
            }
            String column = spec.sorts().get(field);
            if (column == null || words.length > 2
                    || (words.length == 2 && !words[1].equalsIgnoreCase("asc") && !words[1].equalsIgnoreCase("desc"))) {
                errors.add(new InvalidParameter("sort", "enum", "must be a comma-separated list of "
                        + String.join(", ", spec.sorts().keySet()) + ", each optionally followed by asc or desc",
                        "query", null, null, List.copyOf(spec.sorts().keySet())));
                return orders;
            }
            orders.add(new PageRequest.Order(column, desc || (words.length == 2 && words[1].equalsIgnoreCase("desc"))));
        }
        return orders;
    }

    private static java.util.Optional<PageRequest.Condition> condition(String key, String value, Spec spec,
                                                                      List<InvalidParameter> errors) {
        Matcher m = FILTER.matcher(key);
        Filter filter = m.matches() ? spec.filters().get(m.group(1)) : null;
        if (filter == null) {
            errors.add(new InvalidParameter(key, "enum", "is not a supported filter; supported: "
                    + String.join(", ", spec.filters().keySet()), "query", null, null, List.copyOf(spec.filters().keySet())));
            return java.util.Optional.empty();
        }
        String op = m.group(2) == null ? "eq" : m.group(2);
        boolean opOk = op.equals("eq") || (op.equals("contains") && filter.kind() == Kind.TEXT);
        if (!opOk) {
            errors.add(InvalidParameter.of("query", key, "invalid", "operator " + op + " is not supported here"));
            return java.util.Optional.empty();
        }
        switch (filter.kind()) {
            case LABELS -> {
                int colon = value.indexOf(':');
                if (colon <= 0) {
                    errors.add(InvalidParameter.of("query", key, "is_label", "must be key:value"));
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new PageRequest.HasLabel(value.substring(0, colon), value.substring(colon + 1)));
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    errors.add(InvalidParameter.of("query", key, "is_boolean", "must be true or false"));
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new PageRequest.Equals(filter.column(), Boolean.parseBoolean(value)));
            }
            default -> {
                if (op.equals("contains")) {
                    return java.util.Optional.of(new PageRequest.Contains(filter.column(), value));
                }
                return java.util.Optional.of(new PageRequest.Equals(filter.column(), value));
            }
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    static <T> Map<String, Object> envelope(Page<T> page, Function<T, Object> render) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("number", page.number());
        meta.put("size", page.size());
        meta.put("total", page.total());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", page.items().stream().map(render).toList());
        out.put("meta", Map.of("page", meta));
        return out;
    }
}
