package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field paths on the context: every listed field, .Context aliasing, labels and missing keys. */
class ContextFieldsTest {

    @Test
    void authServerFieldsResolve() {
        assertThat(eval("${ .AuthServer.ID }")).isEqualTo("8f0c2a4e-7b1d-4c59-9e3a-1d2f3a4b5c6d");
        assertThat(eval("${ .AuthServer.Name }")).isEqualTo("Payments");
        assertThat(eval("${ .AuthServer.Audience }")).isEqualTo("https://api.example.com/payments");
        assertThat(eval("${ .AuthServer.SigningAlgorithm }")).isEqualTo("RS256");
        // inner strings of a map are not hydrated: only a whole string value is
        assertThat(eval("${ .AuthServer.Labels }")).isEqualTo(Map.of("env", "prod", "team", "core", "port", "8443"));
    }

    @Test
    void clientFieldsResolve() {
        assertThat(eval("${ .Client.ID }")).isEqualTo("c-123");
        assertThat(eval("${ .Client.LoginURI }")).isEqualTo("https://login.example.com");
        assertThat(eval("${ .Client.RedirectURIs }")).isEqualTo(List.of("https://billing.example.com/cb"));
        assertThat(eval("${ .Client.ResponseTypes }")).isEqualTo(List.of("code"));
        assertThat(eval("${ .Client.CreatedAt }")).isEqualTo("2025-01-31T23:59:58.123456789Z");
        assertThat(eval("${ .Client.UpdatedAt | unixEpoch }")).isEqualTo(1738367998L);
    }

    @Test
    void contextPrefixResolvesLikeTheBarePath() {
        assertThat(eval("${ .Context.Client.ID }")).isEqualTo("c-123");
        assertThat(eval("${ .Context.AuthServer.Labels.env }-${ .AuthServer.Labels.env }")).isEqualTo("prod-prod");
    }

    @Test
    void labelsAreLookedUpByKey() {
        assertThat(eval("${ .Client.Labels.tier }")).isEqualTo("gold");
        assertThat(eval("${ index .Client.Labels \"app-name\" }")).isEqualTo("billing");
    }

    @Test
    void missingLabelIsNilAndWorksWithDefault() {
        assertThat(eval("${ .Client.Labels.environment }")).isNull();
        assertThat(eval("${ .Client.Labels.environment | default \"production\" }")).isEqualTo("production");
        assertThat(eval("env=${ .Client.Labels.environment }")).isEqualTo("env=");
    }

    @Test
    void missingIntermediateMapIsNil() throws Exception {
        ClaimTemplate t = ClaimTemplate.parse("${ .Client.Labels.tier }");
        assertThat(t.evaluate(Map.of())).isNull();
        assertThat(t.evaluate(null)).isNull();
        assertThat(t.evaluate(Map.of("Client", Map.of("ID", "x")))).isNull();
    }

    @Test
    void missingStringFieldReadsAsEmptyStringInStringFunctions() {
        assertThat(eval("${ upper .AuthServer.Description }")).isEqualTo("");
    }

    @Test
    void fieldOfAScalarIsAnEvaluationError() {
        Map<String, Object> odd = Map.of("Client", "not a map");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> ClaimTemplate.parse("${ .Client.ID }").evaluate(odd)))
                .isInstanceOf(TemplateEvaluationException.class)
                .hasMessage("cannot read field \"ID\" of string \"not a map\" at position 4");
    }

    @Test
    void fieldsCanFollowAParenthesisedExpression() {
        assertThat(eval("${ (split \",\" \"a,b,c\")._1 }")).isEqualTo("b");
        assertThat(eval("${ (fromJson \"{\\\"a\\\":{\\\"b\\\":5}}\").a.b }")).isEqualTo(5L);
        assertThat(eval("${ (dict \"k\" \"v\").missing }")).isNull();
        assertThat(evalError("${ (list 1).x }")).isEqualTo("cannot read field \"x\" of list of 1 at position 12");
    }

    @Test
    void callerSuppliedIntegersAndFloatsAreNormalised() throws Exception {
        Map<String, Object> ctx = Map.of("Client", Map.of("Labels", Map.of("n", 3, "f", 1.5f)));
        assertThat(ClaimTemplate.parse("${ .Client.Labels.n }").evaluate(ctx)).isEqualTo(3L);
        assertThat(ClaimTemplate.parse("${ .Client.Labels.f }").evaluate(ctx)).isEqualTo(1.5);
        assertThat(ClaimTemplate.parse("${ .Client.Labels }").evaluate(ctx)).isEqualTo(Map.of("n", 3L, "f", 1.5));
    }
}
