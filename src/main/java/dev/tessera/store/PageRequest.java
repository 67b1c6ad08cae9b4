package dev.tessera.store;

import java.util.List;

/**
 * One page of a list: filters and sort orders on whitelisted columns (the admin layer maps
 * API field names to columns; user input never becomes SQL text), page number from 1.
 */
public record PageRequest(int number, int size, List<Condition> conditions, List<Order> orders) {

    public PageRequest {
        conditions = List.copyOf(conditions);
        orders = List.copyOf(orders);
    }

    public static PageRequest first(int size) {
        return new PageRequest(1, size, List.of(), List.of());
    }

    public sealed interface Condition {
    }

    /** column = value */
    public record Equals(String column, Object value) implements Condition {
    }

    /** column contains value, case-insensitively */
    public record Contains(String column, String value) implements Condition {
    }

    /** the row has the label key:value */
    public record HasLabel(String key, String value) implements Condition {
    }

    public record Order(String column, boolean descending) {
    }
}
