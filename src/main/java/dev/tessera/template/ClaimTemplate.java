package dev.tessera.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A claim value parsed once at save time and evaluated per token. Thread-safe, immutable.
 *
 * <p>Text between {@code ${} and {@code }} is an expression in Go text/template syntax (field
 * paths, literals, function calls, parentheses and pipelines); everything else is literal text.
 * See {@code docs/CLAIM-TEMPLATES.md} for the language and the typing rules.
 */
public final class ClaimTemplate {

    private final String source;
    /** Null for a static value. */
    private final Segment[] segments;
    /** The expression when the value is exactly one {@code ${...}}, else null. */
    private final Node single;
    /** The precomputed value of a static template (immutable). */
    private final Object staticValue;
    /** Total length of the literal text, to size the output buffer. */
    private final int literalLength;

    private ClaimTemplate(String source, Segment[] segments, Node single, Object staticValue, int literalLength) {
        this.source = source;
        this.segments = segments;
        this.single = single;
        this.staticValue = staticValue;
        this.literalLength = literalLength;
    }

    /**
     * Parses a claim value.
     *
     * @param raw the value as entered by the administrator
     * @return the parsed template, ready to evaluate any number of times from any thread
     * @throws TemplateSyntaxException if the value is not a valid template (the claim must be refused);
     *                                 no other exception is thrown
     */
    public static ClaimTemplate parse(String raw) throws TemplateSyntaxException {
        if (raw == null) {
            throw new TemplateSyntaxException(1, "claim value is missing");
        }
        if (raw.length() > Limits.MAX_SOURCE_LENGTH) {
            throw new TemplateSyntaxException(Limits.MAX_SOURCE_LENGTH + 1, "claim value is " + raw.length()
                    + " characters long, the limit is " + Limits.MAX_SOURCE_LENGTH);
        }
        try {
            return doParse(raw);
        } catch (TemplateSyntaxException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // defensive: the contract is that parsing fails only with a syntax error
            throw new TemplateSyntaxException(1, "claim value could not be parsed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ClaimTemplate doParse(String raw) throws TemplateSyntaxException {
        int dollar = raw.indexOf("${");
        if (dollar < 0) {
            Object json = JsonReader.parseStatic(raw);
            return new ClaimTemplate(raw, null, null, json == JsonReader.NOT_JSON ? raw : json, raw.length());
        }
        List<Segment> segments = new ArrayList<>();
        int literalLength = 0;
        int expressions = 0;
        int pos = 0;
        while (dollar >= 0) {
            if (dollar > pos) {
                segments.add(new Segment.Text(raw.substring(pos, dollar)));
                literalLength += dollar - pos;
            }
            if (++expressions > Limits.MAX_EXPRESSIONS) {
                throw new TemplateSyntaxException(dollar + 1, "claim value has more than " + Limits.MAX_EXPRESSIONS
                        + " expressions");
            }
            Parser.Result parsed = Parser.parse(raw, dollar);
            segments.add(new Segment.Expression(parsed.node()));
            pos = parsed.end();
            dollar = raw.indexOf("${", pos);
        }
        if (pos < raw.length()) {
            segments.add(new Segment.Text(raw.substring(pos)));
            literalLength += raw.length() - pos;
        }
        Node single = segments.size() == 1 ? ((Segment.Expression) segments.get(0)).node() : null;
        return new ClaimTemplate(raw, segments.toArray(Segment[]::new), single, null, literalLength);
    }

    /** True when the value contains at least one {@code ${...}} expression. */
    public boolean isDynamic() {
        return segments != null;
    }

    /**
     * Evaluates the value for one token.
     *
     * @param context the data the template may read: a tree of {@code Map<String,Object>},
     *                {@code List<Object>}, String, Long, Double, Boolean, {@code java.time.Instant}
     *                and null, with keys {@code AuthServer} and {@code Client}; may be null for a
     *                static value
     * @return a JSON-ready value: String, Long, Double, BigDecimal, Boolean, List, Map or null. A
     *         static value is returned as the same immutable object on every call
     * @throws TemplateEvaluationException if evaluation fails (the token must be refused)
     */
    public Object evaluate(Map<String, Object> context) throws TemplateEvaluationException {
        return evaluate(context, null);
    }

    /**
     * Evaluates the value as one of a token's claims: the work also counts against {@code budget},
     * shared by all claims of that token (null: this claim's own limits only).
     *
     * @throws TemplateEvaluationException if evaluation fails or the token's budget is exhausted
     */
    public Object evaluate(Map<String, Object> context, TokenBudget budget) throws TemplateEvaluationException {
        if (segments == null) {
            return staticValue;
        }
        Map<String, Object> ctx = context == null ? Map.of() : context;
        Evaluation evaluation = new Evaluation(budget);
        try {
            if (single != null) {
                Object value = Evaluator.eval(single, ctx, evaluation);
                if (value instanceof String s && s.length() > Limits.MAX_OUTPUT) {
                    throw new EvalError("claim value is longer than " + Limits.MAX_OUTPUT + " characters");
                }
                return Values.toClaimValue(value);
            }
            BoundedText out = BoundedText.create(literalLength + 16 * segments.length);
            for (Segment segment : segments) {
                Object value = segment instanceof Segment.Expression e ? Evaluator.eval(e.node(), ctx, evaluation)
                        : ((Segment.Text) segment).text();
                try {
                    Values.appendText(value, out);
                } catch (EvalError e) {
                    throw new EvalError("claim value: " + e.getMessage());
                }
            }
            return JsonReader.hydrate(out.toString());
        } catch (EvalError e) {
            throw new TemplateEvaluationException(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            throw new TemplateEvaluationException("claim template failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The value exactly as given to {@link #parse}. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimTemplate t && t.source.equals(source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source);
    }

    @Override
    public String toString() {
        return source;
    }
}
