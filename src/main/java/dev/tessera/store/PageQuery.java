package dev.tessera.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds and runs the two statements of a list page (count and rows) from a {@link PageRequest}.
 *
 * @param from        e.g. {@code "clients t"}; columns in conditions are qualified with {@code t.}
 * @param columns     the selected columns
 * @param scope       the fixed condition, e.g. {@code "t.auth_server_id = ?"}, or empty
 * @param labelExists the EXISTS sub-query for a label filter with two placeholders (key, value),
 *                    or null when the resource has no labels
 */
public record PageQuery(String from, String columns, String scope, List<Object> scopeParams, String labelExists) {

    public <T> Page<T> run(Jdbc jdbc, PageRequest request, RowMapper<T> mapper) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>(scopeParams);
        if (!scope.isEmpty()) {
            where.append(" WHERE ").append(scope);
        }
        for (PageRequest.Condition c : request.conditions()) {
            where.append(where.isEmpty() ? " WHERE " : " AND ");
            switch (c) {
                case PageRequest.Equals eq -> {
                    where.append("t.").append(eq.column()).append(" = ?");
                    params.add(eq.value());
                }
                case PageRequest.Contains contains -> {
                    where.append("LOWER(t.").append(contains.column()).append(") LIKE ? ESCAPE '\\'");
                    params.add("%" + escapeLike(contains.value().toLowerCase(java.util.Locale.ROOT)) + "%");
                }
                case PageRequest.HasLabel label -> {
                    where.append(labelExists);
                    params.add(label.key());
                    params.add(label.value());
                }
            }
        }
        StringBuilder order = new StringBuilder(" ORDER BY ");
        for (PageRequest.Order o : request.orders()) {
            order.append("t.").append(o.column()).append(o.descending() ? " DESC, " : " ASC, ");
        }
        order.append("t.created_at ASC, t.id ASC");
        long total = jdbc.count("SELECT COUNT(*) FROM " + from + where, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(request.size());
        pageParams.add((long) (request.number() - 1) * request.size());
        List<T> rows = jdbc.query("SELECT " + columns + " FROM " + from + where + order + " LIMIT ? OFFSET ?",
                mapper, pageParams.toArray());
        return new Page<>(rows, request.number(), request.size(), total);
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
