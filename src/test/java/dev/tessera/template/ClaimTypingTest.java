package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three typing rules: static JSON, a single expression, and mixed text. */
class ClaimTypingTest {

    @Test
    void staticPlainTextStaysAString() throws Exception {
        ClaimTemplate t = ClaimTemplate.parse("payments-api");
        assertThat(t.isDynamic()).isFalse();
        assertThat(t.evaluate(null)).isEqualTo("payments-api");
        assertThat(t.source()).isEqualTo("payments-api");
    }

    @Test
    void staticJsonValuesBecomeJavaValues() {
        assertThat(eval("42")).isEqualTo(42L);
        assertThat(eval("-1.5")).isEqualTo(-1.5);
        assertThat(eval("true")).isEqualTo(true);
        assertThat(eval("null")).isNull();
        assertThat(eval("\"quoted\"")).isEqualTo("quoted");
        assertThat(eval("[1, \"a\", null]")).isEqualTo(java.util.Arrays.asList(1L, "a", null));
        assertThat(eval("{\"b\": {\"c\": [true]}, \"a\": 1}"))
                .isEqualTo(Map.of("b", Map.of("c", List.of(true)), "a", 1L));
        assertThat(eval("123456789012345678901234567890")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @Test
    void staticJsonObjectKeepsKeyOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) eval("{\"z\": 1, \"a\": 2, \"m\": 3}");
        assertThat(m.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void staticValueIsPrecomputedAndImmutable() throws Exception {
        ClaimTemplate t = ClaimTemplate.parse("{\"roles\": [\"admin\"]}");
        Object first = t.evaluate(Map.of());
        assertThat(t.evaluate(Map.of())).isSameAs(first);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) first;
        assertThatThrownBy(() -> m.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> roles = (List<Object>) m.get("roles");
        assertThatThrownBy(() -> roles.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void staticTextThatLooksAlmostLikeJsonStaysText() {
        assertThat(eval("{not json}")).isEqualTo("{not json}");
        assertThat(eval("007")).isEqualTo("007");
        assertThat(eval("")).isEqualTo("");
        assertThat(eval("costs $5 {or more}")).isEqualTo("costs $5 {or more}");
    }

    @Test
    void singleExpressionKeepsItsType() {
        assertThat(eval("${ list 1 \"a\" true }")).isEqualTo(List.of(1L, "a", true));
        assertThat(eval("${ dict \"k\" 1 }")).isEqualTo(Map.of("k", 1L));
        assertThat(eval("${ true }")).isEqualTo(true);
        assertThat(eval("${ 7 }")).isEqualTo(7L);
        assertThat(eval("${ 2.5 }")).isEqualTo(2.5);
        assertThat(eval("${ .Client.AllowAllScopes }")).isEqualTo(false);
        assertThat(eval("${ .Client.GrantTypes }")).isEqualTo(List.of("client_credentials", "authorization_code"));
    }

    @Test
    void singleExpressionTimeBecomesRfc3339Text() {
        assertThat(eval("${ .AuthServer.CreatedAt }")).isEqualTo("2024-03-05T07:08:09Z");
        assertThat(eval("${ .AuthServer.UpdatedAt }")).isEqualTo("2024-06-01T12:00:00.5Z");
    }

    @Test
    void singleExpressionStringIsHydratedWhenItIsJson() {
        assertThat(eval("${ list 1 2 | toJson }")).isEqualTo(List.of(1L, 2L));
        assertThat(eval("${ \"{\\\"a\\\":1}\" }")).isEqualTo(Map.of("a", 1L));
        assertThat(eval("${ .AuthServer.Labels.port }")).isEqualTo(8443L);
        assertThat(eval("${ \"1.25\" }")).isEqualTo(1.25);
        assertThat(eval("${ \"false\" }")).isEqualTo(false);
        assertThat(eval("${ .Client.Labels.flags }")).isEqualTo(Map.of("beta", true));
    }

    @Test
    void singleExpressionStringThatIsNotJsonOrIsNullOrQuotedStaysText() {
        assertThat(eval("${ \"null\" }")).isEqualTo("null");
        assertThat(eval("${ \"\\\"x\\\"\" }")).isEqualTo("\"x\"");
        assertThat(eval("${ \"123e4567-e89b\" }")).isEqualTo("123e4567-e89b");
        assertThat(eval("${ \"[1,\" }")).isEqualTo("[1,");
        assertThat(eval("${ \"01\" }")).isEqualTo("01");
        assertThat(eval("${ \"truex\" }")).isEqualTo("truex");
    }

    @Test
    void singleExpressionNilIsJsonNull() {
        assertThat(eval("${ .AuthServer.Description }")).isNull();
        assertThat(eval("${ .Client.Labels.missing }")).isNull();
    }

    @Test
    void singleExpressionMayHaveSpaceInsideTheBraces() {
        assertThat(eval("${.Client.ID}")).isEqualTo("c-123");
        assertThat(eval("${ \t.Client.ID\n }")).isEqualTo("c-123");
    }

    @Test
    void mixedTextConcatenates() throws Exception {
        ClaimTemplate t = ClaimTemplate.parse("${ .AuthServer.Audience }-${ .Client.ID }");
        assertThat(t.isDynamic()).isTrue();
        assertThat(t.evaluate(Templates.context())).isEqualTo("https://api.example.com/payments-c-123");
    }

    @Test
    void spaceOutsideTheBracesMakesTheValueMixedText() {
        assertThat(eval(" ${ 7 }")).isEqualTo(7L);
        assertThat(eval(" ${ \"x\" } ")).isEqualTo(" x ");
    }

    @Test
    void mixedTextPrintsValuesAsTextAndNilAsNothing() {
        assertThat(eval("n=${ 3 } f=${ 1.5 } b=${ true } nil=${ default \"\" nil }${ .AuthServer.Description }."))
                .isEqualTo("n=3 f=1.5 b=true nil=.");
        assertThat(eval("at ${ .AuthServer.CreatedAt }")).isEqualTo("at 2024-03-05T07:08:09Z");
    }

    @Test
    void mixedTextPrintsListsAndMapsAsJson() {
        assertThat(eval("grants: ${ .Client.GrantTypes }"))
                .isEqualTo("grants: [\"client_credentials\",\"authorization_code\"]");
        assertThat(eval("m=${ dict \"b\" 1 \"a\" (list \"<x>\") }")).isEqualTo("m={\"a\":[\"<x>\"],\"b\":1}");
    }

    @Test
    void mixedTextIsHydratedWhenTheResultIsJson() {
        assertThat(eval("[${ 1 }, ${ 2 }]")).isEqualTo(List.of(1L, 2L));
        assertThat(eval("{\"env\": \"${ .AuthServer.Labels.env }\"}")).isEqualTo(Map.of("env", "prod"));
        assertThat(eval("${ 1 }${ 2 }")).isEqualTo(12L);
    }

    @Test
    void dollarWithoutBraceIsLiteral() {
        assertThat(eval("$5 and ${ \"${\" } and }")).isEqualTo("$5 and ${ and }");
    }

    @Test
    void closingBraceInsideAStringDoesNotEndTheExpression() {
        assertThat(eval("${ \"a}b\" }")).isEqualTo("a}b");
        assertThat(eval("${ `}` }!")).isEqualTo("}!");
        assertThat(eval("${ '}' }")).isEqualTo(125L);
    }

    @Test
    void parseNullIsASyntaxError() {
        assertThatThrownBy(() -> ClaimTemplate.parse(null)).isInstanceOf(TemplateSyntaxException.class);
    }

    @Test
    void templatesWithTheSameSourceAreEqual() throws Exception {
        assertThat(ClaimTemplate.parse("${ uuidv4 }")).isEqualTo(ClaimTemplate.parse("${ uuidv4 }"))
                .hasToString("${ uuidv4 }");
    }
}
