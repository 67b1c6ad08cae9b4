package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Calls, pipelines and parentheses. */
class PipelineTest {

    @Test
    void functionCallTakesSpaceSeparatedArguments() {
        assertThat(eval("${ trunc 5 .AuthServer.Audience }")).isEqualTo("https");
        assertThat(eval("${ replace \"-\" \"_\" \"a-b-c\" }")).isEqualTo("a_b_c");
    }

    @Test
    void pipelinePassesLeftValueAsLastArgument() {
        assertThat(eval("${ \"xBilling\" | trimPrefix \"x\" | upper }")).isEqualTo("BILLING");
        assertThat(eval("${ \"a-b\" | replace \"-\" \"+\" }")).isEqualTo("a+b");
        assertThat(eval("${ 10 | sub 3 }")).isEqualTo(-7L);
    }

    @Test
    void pipelineStartingWithAFunctionCall() {
        assertThat(eval("${ now | date \"2006\" | len }")).isEqualTo(4L);
        assertThat(eval("${ .Client.Name | trim | lower | replace \" \" \"-\" }")).isEqualTo("billing-service");
    }

    @Test
    void parenthesesNestExpressions() {
        assertThat(eval("${ upper (trim .Client.Name) }")).isEqualTo("BILLING SERVICE");
        assertThat(eval("${ add (mul 2 3) (sub 10 (div 9 3)) }")).isEqualTo(13L);
        assertThat(eval("${ (\"a\") }")).isEqualTo("a");
    }

    @Test
    void pipelineInsideParentheses() {
        assertThat(eval("${ printf \"%s!\" (.Client.Name | trim | title) }")).isEqualTo("Billing Service!");
        assertThat(eval("${ (list 3 1 | len) | add 1 }")).isEqualTo(3L);
    }

    @Test
    void functionNameAsArgumentIsCalledWithoutArguments() {
        assertThat(eval("${ len uuidv4 }")).isEqualTo(36L);
        assertThat(eval("${ list now | len }")).isEqualTo(1L);
    }

    @Test
    void whitespaceInsideExpressionsIsFlexible() {
        assertThat(eval("${add   1\t2\n|\nadd 3}")).isEqualTo(6L);
        assertThat(eval("${ ( add 1 2 ) }")).isEqualTo(3L);
        assertThat(eval("${1|add 1}")).isEqualTo(2L);
    }

    @Test
    void severalExpressionsInOneValue() {
        assertThat(eval("${ .AuthServer.Name | lower }/${ .Client.ID }/${ add 1 1 }")).isEqualTo("payments/c-123/2");
    }
}
