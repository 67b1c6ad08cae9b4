package dev.tessera.store;

import java.util.List;
import java.util.function.Function;

/** One page of results and the total number of matching rows. */
public record Page<T>(List<T> items, int number, int size, long total) {
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), number, size, total);
    }
}
