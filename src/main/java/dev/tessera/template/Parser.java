package dev.tessera.template;

import dev.tessera.template.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses one {@code ${...}} expression into a {@link Node}, following Go text/template's grammar
 * for pipelines: {@code command ('|' command)*}, where a command is a function name followed by
 * space-separated arguments, or a single operand. Function names and arities are resolved here,
 * so a template that parses can only fail at evaluation for reasons that depend on the data.
 */
final class Parser {

    /** Go's action keywords: a clear message beats "unknown function \"if\"". */
    private static final Set<String> ACTIONS = Set.of(
            "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue");

    /** A parsed expression and the offset just past its closing brace. */
    record Result(Node node, int end) {
    }

    /** An operand before we know whether it is a function name or a value. */
    private record Operand(Node node, String function, int position, boolean nil) {
    }

    private final Lexer lexer;
    private final int dollar;
    private Token peeked;

    private Parser(String src, int dollar) {
        this.lexer = new Lexer(src, dollar + 2);
        this.dollar = dollar;
    }

    /** Parses the expression whose {@code ${} starts at offset {@code dollar}. */
    static Result parse(String src, int dollar) throws TemplateSyntaxException {
        Parser p = new Parser(src, dollar);
        p.skipSpace();
        if (p.peek().kind() == Kind.END) {
            throw Lexer.error(dollar, "empty expression \"${}\"");
        }
        Node node = p.pipeline(0);
        Token end = p.next();
        if (end.kind() != Kind.END) {
            throw p.unexpected(end);
        }
        return new Result(node, end.end());
    }

    private Node pipeline(int depth) throws TemplateSyntaxException {
        Node value = command(null, depth);
        int commands = 1;
        while (peek().kind() == Kind.PIPE) {
            Token pipe = next();
            if (++commands > Limits.MAX_DEPTH) {
                throw Lexer.error(pipe.pos(), "pipeline has more than " + Limits.MAX_DEPTH + " commands");
            }
            value = command(value, depth);
        }
        return value;
    }

    /** Parses one command; {@code piped} is the value coming from the left of a '|', or null. */
    private Node command(Node piped, int depth) throws TemplateSyntaxException {
        List<Operand> operands = new ArrayList<>(4);
        skipSpace();
        while (!endsCommand(peek())) {
            operands.add(operand(depth));
            Token after = peek();
            if (after.kind() == Kind.SPACE) {
                skipSpace();
            } else if (!endsCommand(after)) {
                throw Lexer.error(after.pos(), "unexpected " + after.describe() + " (arguments are separated by spaces)");
            }
        }
        if (operands.isEmpty()) {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                throw unclosed();
            }
            throw Lexer.error(t.pos(), piped != null ? "missing function after \"|\"" : "missing value before " + t.describe());
        }
        Operand first = operands.get(0);
        if (first.function() == null) {
            if (first.nil()) {
                throw Lexer.error(first.position(), "nil is not a command");
            }
            if (operands.size() > 1 || piped != null) {
                throw Lexer.error(first.position(), "a value is not a function and cannot take arguments"
                        + (piped != null ? " (after \"|\" a function name must follow)" : ""));
            }
            return first.node();
        }
        int count = operands.size() - 1 + (piped != null ? 1 : 0);
        Node[] args = new Node[count];
        for (int i = 1; i < operands.size(); i++) {
            Operand op = operands.get(i);
            // a function name used as an argument is called without arguments, as in Go
            args[i - 1] = op.function() != null ? call(op.function(), new Node[0], op.position(), false) : op.node();
        }
        if (piped != null) {
            args[count - 1] = piped;
        }
        return call(first.function(), args, first.position(), piped != null);
    }

    private Node call(String name, Node[] args, int position, boolean piped) throws TemplateSyntaxException {
        FunctionSpec f = Functions.lookup(name);
        if (f == null) {
            if (ACTIONS.contains(name)) {
                throw Lexer.error(position, "\"" + name + "\" actions are not supported in claim templates, "
                        + "only expressions (try ternary or default)");
            }
            throw Lexer.error(position, "unknown function \"" + name + "\"");
        }
        if (!f.accepts(args.length)) {
            throw Lexer.error(position, "function \"" + name + "\" expects " + f.arityText() + ", got " + args.length
                    + (piped ? " (counting the value piped into it)" : ""));
        }
        return new Node.Call(f, args, position);
    }

    private Operand operand(int depth) throws TemplateSyntaxException {
        Token t = next();
        switch (t.kind()) {
            case FIELD -> {
                return new Operand(new Node.Field(FieldPaths.resolve(fieldNames(t), t.pos()), t.pos()), null, t.pos(), false);
            }
            case DOT -> throw Lexer.error(t.pos(), "\".\" on its own is not supported; use a field path such as .Client.Name");
            case IDENT -> {
                noFieldAfter(t);
                return switch (t.text()) {
                    case "true" -> new Operand(new Node.Constant(Boolean.TRUE, t.pos()), null, t.pos(), false);
                    case "false" -> new Operand(new Node.Constant(Boolean.FALSE, t.pos()), null, t.pos(), false);
                    case "nil" -> new Operand(new Node.Constant(null, t.pos()), null, t.pos(), true);
                    default -> new Operand(null, t.text(), t.pos(), false);
                };
            }
            case STRING, CHAR, NUMBER -> {
                noFieldAfter(t);
                return new Operand(new Node.Constant(t.value(), t.pos()), null, t.pos(), false);
            }
            case LPAREN -> {
                if (depth + 1 > Limits.MAX_DEPTH) {
                    throw Lexer.error(t.pos(), "expression nested more than " + Limits.MAX_DEPTH + " levels deep");
                }
                skipSpace();
                if (peek().kind() == Kind.RPAREN) {
                    throw Lexer.error(t.pos(), "empty parentheses");
                }
                Node inner = pipeline(depth + 1);
                skipSpace();
                Token close = next();
                if (close.kind() == Kind.EOF) {
                    throw unclosed();
                }
                if (close.kind() != Kind.RPAREN) {
                    throw Lexer.error(t.pos(), "unclosed \"(\"");
                }
                if (peek().kind() == Kind.FIELD) {
                    Token field = next();
                    inner = new Node.Chain(inner, fieldNames(field).toArray(String[]::new), field.pos());
                }
                return new Operand(inner, null, t.pos(), false);
            }
            case EOF -> throw unclosed();
            default -> throw unexpected(t);
        }
    }

    /** Collects {@code .A.B.C}: consecutive field tokens with nothing in between. */
    private List<String> fieldNames(Token first) throws TemplateSyntaxException {
        List<String> names = new ArrayList<>(3);
        names.add(first.text());
        Token last = first;
        while (peek().kind() == Kind.FIELD && peek().pos() == last.end()) {
            last = next();
            names.add(last.text());
        }
        if (peek().kind() == Kind.DOT && peek().pos() == last.end()) {
            throw Lexer.error(peek().pos(), "field path ends with \".\"");
        }
        return names;
    }

    private void noFieldAfter(Token t) throws TemplateSyntaxException {
        Token after = peek();
        if ((after.kind() == Kind.FIELD || after.kind() == Kind.DOT) && after.pos() == t.end()) {
            throw Lexer.error(after.pos(), "unexpected field after " + t.describe()
                    + " (fields can follow only a field path or a parenthesised expression)");
        }
    }

    private static boolean endsCommand(Token t) {
        return switch (t.kind()) {
            case PIPE, RPAREN, END, EOF -> true;
            default -> false;
        };
    }

    private TemplateSyntaxException unexpected(Token t) {
        if (t.kind() == Kind.EOF) {
            return unclosed();
        }
        return Lexer.error(t.pos(), "unexpected " + t.describe());
    }

    private TemplateSyntaxException unclosed() {
        return Lexer.error(dollar, "unclosed \"${\" (missing \"}\")");
    }

    private void skipSpace() throws TemplateSyntaxException {
        while (peek().kind() == Kind.SPACE) {
            next();
        }
    }

    private Token peek() throws TemplateSyntaxException {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    private Token next() throws TemplateSyntaxException {
        Token t = peek();
        peeked = null;
        return t;
    }
}
