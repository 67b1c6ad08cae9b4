package dev.tessera.template;

import dev.tessera.template.Token.Kind;

/**
 * Splits the inside of one {@code ${...}} into tokens, following the lexical rules of Go's
 * text/template actions: fields ({@code .Name}), identifiers, Go string, raw string, character and
 * number literals, parentheses and the pipe. The expression ends at the first {@code }} that is
 * not inside a literal, which is why the lexer (not a pre-scan) finds the end.
 */
final class Lexer {

    private final String src;
    private int pos;

    Lexer(String src, int start) {
        this.src = src;
        this.pos = start;
    }

    /** Reads the next token; at the end of the source it keeps returning EOF. */
    Token next() throws TemplateSyntaxException {
        if (pos >= src.length()) {
            return new Token(Kind.EOF, pos, pos, "", null);
        }
        int start = pos;
        char c = src.charAt(pos);
        switch (c) {
            case ' ', '\t', '\r', '\n' -> {
                while (pos < src.length() && isSpace(src.charAt(pos))) {
                    pos++;
                }
                return new Token(Kind.SPACE, start, pos, " ", null);
            }
            case '}' -> {
                return single(Kind.END);
            }
            case '(' -> {
                return single(Kind.LPAREN);
            }
            case ')' -> {
                return single(Kind.RPAREN);
            }
            case '|' -> {
                return single(Kind.PIPE);
            }
            case '"' -> {
                GoLiterals.Decoded d = GoLiterals.quoted(src, start);
                pos = d.end();
                return new Token(Kind.STRING, start, pos, src.substring(start, pos), d.value());
            }
            case '`' -> {
                GoLiterals.Decoded d = GoLiterals.raw(src, start);
                pos = d.end();
                return new Token(Kind.STRING, start, pos, src.substring(start, pos), d.value());
            }
            case '\'' -> {
                GoLiterals.Decoded d = GoLiterals.character(src, start);
                pos = d.end();
                return new Token(Kind.CHAR, start, pos, src.substring(start, pos), d.value());
            }
            case '.' -> {
                // ".5" is a number; ".Name" a field; "." alone is Go's dot
                if (pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
                    return number();
                }
                pos++;
                if (pos < src.length() && isIdentStart(src.codePointAt(pos))) {
                    String name = word();
                    checkTerminator("field");
                    return new Token(Kind.FIELD, start, pos, name, null);
                }
                checkTerminator("\".\"");
                return new Token(Kind.DOT, start, pos, ".", null);
            }
            case '+', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                return number();
            }
            case '$' -> throw error(start, "variables ($...) are not supported");
            case ':', '=' -> throw error(start, "variable assignments are not supported");
            default -> {
                int cp = src.codePointAt(pos);
                if (isIdentStart(cp)) {
                    String name = word();
                    checkTerminator("name");
                    return new Token(Kind.IDENT, start, pos, name, null);
                }
                throw error(start, "unexpected character '" + new String(Character.toChars(cp)) + "'");
            }
        }
    }

    private Token single(Kind kind) {
        pos++;
        return new Token(kind, pos - 1, pos, src.substring(pos - 1, pos), null);
    }

    private Token number() throws TemplateSyntaxException {
        int start = pos;
        pos = GoLiterals.scanNumber(src, pos);
        if (pos < src.length() && isAlphaNumeric(src.codePointAt(pos))) {
            throw error(start, "bad number syntax \"" + src.substring(start, pos + 1) + "\"");
        }
        String text = src.substring(start, pos);
        return new Token(Kind.NUMBER, start, pos, text, GoLiterals.number(text, start));
    }

    /** Reads letters, digits and underscores (Go's isAlphaNumeric). */
    private String word() {
        int start = pos;
        while (pos < src.length()) {
            int cp = src.codePointAt(pos);
            if (!isAlphaNumeric(cp)) {
                break;
            }
            pos += Character.charCount(cp);
        }
        return src.substring(start, pos);
    }

    /** A field or name must be followed by something that can end it, as in Go's atTerminator. */
    private void checkTerminator(String what) throws TemplateSyntaxException {
        if (pos >= src.length()) {
            return;
        }
        char c = src.charAt(pos);
        if (isSpace(c) || c == '.' || c == '|' || c == ')' || c == '(' || c == '}') {
            return;
        }
        int cp = src.codePointAt(pos);
        String hint = what.equals("field") ? " (for a label key with such characters use index .Client.Labels \"key\")" : "";
        throw error(pos, "bad character '" + new String(Character.toChars(cp)) + "' after " + what + hint);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(int cp) {
        return cp == '_' || Character.isLetter(cp);
    }

    static boolean isAlphaNumeric(int cp) {
        return cp == '_' || Character.isLetter(cp) || Character.isDigit(cp);
    }

    static TemplateSyntaxException error(int offset, String problem) {
        return new TemplateSyntaxException(offset + 1, problem);
    }
}
