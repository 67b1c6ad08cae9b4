package dev.tessera.template;

/**
 * A lexical token inside {@code ${...}}.
 *
 * @param kind  what it is
 * @param pos   0-based offset of its first character in the template source
 * @param end   offset just past its last character
 * @param text  the field or identifier name (without the dot), otherwise the raw text
 * @param value the decoded literal value for STRING, CHAR and NUMBER tokens
 */
record Token(Kind kind, int pos, int end, String text, Object value) {

    enum Kind {
        SPACE, FIELD, DOT, IDENT, STRING, CHAR, NUMBER, LPAREN, RPAREN, PIPE,
        /** The closing brace of {@code ${...}}. */
        END,
        /** End of the template source before the closing brace. */
        EOF
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case SPACE -> "space";
            case FIELD -> "field ." + text;
            case DOT -> "\".\"";
            case IDENT -> "\"" + text + "\"";
            case STRING, CHAR, NUMBER -> "literal " + text;
            case LPAREN -> "\"(\"";
            case RPAREN -> "\")\"";
            case PIPE -> "\"|\"";
            case END -> "\"}\"";
            case EOF -> "end of value";
        };
    }
}
