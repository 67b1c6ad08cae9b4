package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogicFunctionsTest {

    @Test
    void defaultReplacesEmptyValues() {
        assertThat(eval("${ default \"x\" \"\" }")).isEqualTo("x");
        assertThat(eval("${ default \"x\" 0 }")).isEqualTo("x");
        assertThat(eval("${ default \"x\" false }")).isEqualTo("x");
        assertThat(eval("${ default \"x\" (list) }")).isEqualTo("x");
        assertThat(eval("${ default \"x\" \"y\" }")).isEqualTo("y");
        assertThat(eval("${ default \"x\" }")).isEqualTo("x");
        assertThat(eval("${ .AuthServer.Description | default .AuthServer.Name }")).isEqualTo("Payments");
    }

    @Test
    void emptyFollowsSprig() {
        assertThat(eval("${ empty \"\" }")).isEqualTo(true);
        assertThat(eval("${ empty nil }")).isEqualTo(true);
        assertThat(eval("${ empty (dict) }")).isEqualTo(true);
        assertThat(eval("${ empty 0.0 }")).isEqualTo(true);
        assertThat(eval("${ empty \" \" }")).isEqualTo(false);
        assertThat(eval("${ empty .Client.CreatedAt }")).isEqualTo(false);
    }

    @Test
    void coalesceReturnsFirstNonEmpty() {
        assertThat(eval("${ coalesce .Client.Labels.none \"\" .Client.Labels.tier \"z\" }")).isEqualTo("gold");
        assertThat(eval("${ coalesce nil \"\" }")).isNull();
    }

    @Test
    void ternaryTakesTheConditionLast() {
        assertThat(eval("${ ternary \"yes\" \"no\" true }")).isEqualTo("yes");
        assertThat(eval("${ .Client.AllowAllScopes | ternary \"all\" \"some\" }")).isEqualTo("some");
        assertThat(evalError("${ ternary 1 2 \"true\" }"))
                .isEqualTo("function \"ternary\" at position 4: argument 3 must be a boolean, got string \"true\"");
    }

    @Test
    void comparisons() {
        assertThat(eval("${ eq .Client.Labels.tier \"gold\" }")).isEqualTo(true);
        assertThat(eval("${ eq 1 2 3 1 }")).isEqualTo(true);
        assertThat(eval("${ eq 2 2.0 }")).isEqualTo(true);
        assertThat(eval("${ eq .Client.Labels.none nil }")).isEqualTo(true);
        assertThat(eval("${ ne \"a\" \"b\" }")).isEqualTo(true);
        assertThat(eval("${ lt 1 2 }")).isEqualTo(true);
        assertThat(eval("${ le 2 2 }")).isEqualTo(true);
        assertThat(eval("${ gt \"b\" \"a\" }")).isEqualTo(true);
        assertThat(eval("${ ge 1.5 2 }")).isEqualTo(false);
        assertThat(evalError("${ eq 1 \"1\" }"))
                .isEqualTo("function \"eq\" at position 4: cannot compare integer 1 with string \"1\"");
    }

    @Test
    void andOrNotReturnGoTruthiness() {
        assertThat(eval("${ and 1 \"x\" true }")).isEqualTo(true);
        assertThat(eval("${ and 1 \"\" true }")).isEqualTo("");
        assertThat(eval("${ or \"\" 0 \"x\" }")).isEqualTo("x");
        assertThat(eval("${ or \"\" 0 }")).isEqualTo(0L);
        assertThat(eval("${ not .Client.AllowAllScopes }")).isEqualTo(true);
        assertThat(eval("${ ternary \"a\" \"b\" (and .Client.Labels.tier (eq .AuthServer.Labels.env \"prod\")) }"))
                .isEqualTo("a");
    }
}
