package dev.tessera.template;

/** One piece of a claim value: literal text, or a {@code ${...}} expression. */
sealed interface Segment {

    /** Literal text copied to the output as is. */
    record Text(String text) implements Segment {
    }

    /** An expression whose printed value is inserted. */
    record Expression(Node node) implements Segment {
    }
}
