package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static dev.tessera.template.Templates.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox: every way of asking for too much fails with a clear error. */
class LimitsTest {

    @Test
    void repeatCountIsBounded() {
        assertThat(evalError("${ repeat 100000 \"a\" }"))
                .isEqualTo("function \"repeat\" at position 4: repeat count 100000 is out of range (0 to 4096)");
    }

    @Test
    void functionOutputIsBounded() {
        assertThat(evalError("${ repeat 4096 \"abcde\" }"))
                .isEqualTo("function \"repeat\" at position 4: result would be 20480 characters, the limit is 16384");
        assertThat(evalError("${ replace \"a\" (repeat 100 \"b\") (repeat 4000 \"a\") }"))
                .isEqualTo("function \"replace\" at position 4: result would be 400000 characters, the limit is 16384");
        assertThat(evalError("${ join (repeat 4000 \"x\") (splitList \"\" (repeat 4000 \"a\")) }"))
                .isEqualTo("function \"join\" at position 4: output exceeds the limit of 16384 characters");
        assertThat(evalError("${ toJson (list (repeat 4096 \"abc\") (repeat 4096 \"abc\")) }"))
                .isEqualTo("function \"toJson\" at position 4: output exceeds the limit of 16384 characters");
        assertThat(evalError("${ b64enc (repeat 4096 \"abcd\") }"))
                .isEqualTo("function \"b64enc\" at position 4: output exceeds the limit of 16384 characters");
    }

    @Test
    void wholeValueIsBounded() {
        assertThat(evalError("${ repeat 4096 \"ab\" }${ repeat 4096 \"ab\" }!"))
                .isEqualTo("claim value: output exceeds the limit of 16384 characters");
        assertThat(evalError("${ splitList \"\" (repeat 4096 \"abcd\") }"))
                .isEqualTo("claim value is larger than 16384 characters as JSON");
        Map<String, Object> big = Map.of("Client", Map.of("Name", "n".repeat(20_000)));
        assertThat(catchThrowable(() -> ClaimTemplate.parse("${ .Client.Name }").evaluate(big)))
                .hasMessage("claim value is longer than 16384 characters");
    }

    @Test
    void fromJsonInputIsBounded() {
        Map<String, Object> big = Map.of("Client", Map.of("Name", "[" + "1,".repeat(9000) + "1]"));
        assertThat(catchThrowable(() -> ClaimTemplate.parse("${ fromJson .Client.Name | len }").evaluate(big)))
                .hasMessage("function \"fromJson\" at position 4: input is longer than 16384 characters");
    }

    @Test
    void jsonNestingIsBounded() {
        String deep = "[".repeat(70) + "]".repeat(70);
        assertThat(eval(deep)).isEqualTo(deep);
        Map<String, Object> ctx = Map.of("Client", Map.of("Name", deep));
        assertThat(catchThrowable(() -> ClaimTemplate.parse("${ fromJson .Client.Name }").evaluate(ctx)))
                .hasMessageStartingWith("function \"fromJson\" at position 4: invalid JSON");
    }

    @Test
    void expressionCountIsBounded() {
        assertThat(eval("${ 1 }x".repeat(64))).isEqualTo("1x".repeat(64));
        assertThat(syntaxError("${ 1 }x".repeat(65)).getMessage())
                .isEqualTo("claim value has more than 64 expressions at position 449");
    }

    @Test
    void nestingDepthIsBounded() {
        assertThat(eval("${ " + "(".repeat(32) + "1" + ")".repeat(32) + " }")).isEqualTo(1L);
        assertThat(syntaxError("${ " + "(".repeat(33) + "1" + ")".repeat(33) + " }").getMessage())
                .isEqualTo("expression nested more than 32 levels deep at position 36");
    }

    @Test
    void pipelineLengthIsBounded() {
        assertThat(eval("${ 0" + " | add1".repeat(31) + " }")).isEqualTo(31L);
        assertThat(syntaxError("${ 0" + " | add1".repeat(32) + " }").problem()).isEqualTo("pipeline has more than 32 commands");
    }

    @Test
    void totalOutputOfOneEvaluationIsBounded() {
        String call = "(len (repeat 4096 \"abcd\")) ";
        assertThat(evalError("${ add " + call.repeat(65) + "}"))
                .isEqualTo("function \"repeat\" at position 1742: evaluation produced more than 1048576 characters in total");
    }

    @Test
    void evaluationStepsAreBounded() {
        String call = "(len (splitList \"\" (repeat 4096 \"abcd\"))) ";
        assertThat(evalError("${ add " + call.repeat(7) + "}"))
                .isEqualTo("function \"splitList\" at position 266: evaluation exceeded 100000 steps");
    }
}
