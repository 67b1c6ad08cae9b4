package dev.tessera.template;

/**
 * A claim template could not be parsed: the claim must not be saved.
 *
 * <p>The message is meant for the API caller, e.g. {@code unknown function "uper" at position 4};
 * {@link #position()} and {@link #problem()} give the two parts separately so a caller can build
 * its own message (for example prefixed with the claim field name).
 */
public final class TemplateSyntaxException extends Exception {

    private final int position;
    private final String problem;

    /**
     * @param position 1-based character position in the template source where the problem was found
     * @param problem  what is wrong, without the position
     */
    public TemplateSyntaxException(int position, String problem) {
        super(problem + " at position " + position);
        this.position = position;
        this.problem = problem;
    }

    /** 1-based character position in the template source (the first character is position 1). */
    public int position() {
        return position;
    }

    /** The problem without the position, e.g. {@code unknown function "uper"}. */
    public String problem() {
        return problem;
    }
}
