package dev.tessera.template;

/**
 * Sandbox limits. A claim template is written by an administrator but runs on every token
 * request, so nothing it does may take unbounded time or memory.
 */
final class Limits {

    /** Longest accepted template source, in characters. */
    static final int MAX_SOURCE_LENGTH = 4096;
    /** Most {@code ${...}} expressions in one value. */
    static final int MAX_EXPRESSIONS = 64;
    /** Deepest parenthesis nesting, and the most commands in one pipeline. */
    static final int MAX_DEPTH = 32;
    /** Longest string any single function, or the whole claim value, may produce (16 KiB). */
    static final int MAX_OUTPUT = 16 * 1024;
    /** Largest repeat count and random string length. */
    static final int MAX_REPEAT = 4096;
    /** Longest input accepted by fromJson. */
    static final int MAX_JSON_INPUT = 16 * 1024;
    /** Deepest JSON nesting read or written. */
    static final int MAX_JSON_DEPTH = 64;
    /** Evaluation steps (nodes visited plus elements processed by functions) per evaluation. */
    static final int MAX_STEPS = 100_000;
    /** Characters all functions together may produce in one evaluation (1 MiB). */
    static final int MAX_TOTAL_OUTPUT = 1024 * 1024;

    private Limits() {
    }
}
