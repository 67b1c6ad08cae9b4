package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MathFunctionsTest {

    @Test
    void arithmeticOnInt64() {
        assertThat(eval("${ add 1 2 3 }")).isEqualTo(6L);
        assertThat(eval("${ add }")).isEqualTo(0L);
        assertThat(eval("${ add1 41 }")).isEqualTo(42L);
        assertThat(eval("${ sub 10 4 }")).isEqualTo(6L);
        assertThat(eval("${ mul 2 3 4 }")).isEqualTo(24L);
        assertThat(eval("${ div 7 2 }")).isEqualTo(3L);
        assertThat(eval("${ div -7 2 }")).isEqualTo(-3L);
        assertThat(eval("${ mod 7 3 }")).isEqualTo(1L);
        assertThat(eval("${ mod -7 3 }")).isEqualTo(-1L);
    }

    @Test
    void maxAndMin() {
        assertThat(eval("${ max 3 9 -2 }")).isEqualTo(9L);
        assertThat(eval("${ biggest 3 9 }")).isEqualTo(9L);
        assertThat(eval("${ min 3 9 -2 }")).isEqualTo(-2L);
        assertThat(eval("${ max 5 }")).isEqualTo(5L);
    }

    @Test
    void argumentsConvertLikeSprig() {
        assertThat(eval("${ add \"40\" 2 }")).isEqualTo(42L);
        assertThat(eval("${ add 1.9 1 }")).isEqualTo(2L);
        assertThat(eval("${ add true nil \"\" }")).isEqualTo(1L);
        assertThat(eval("${ .AuthServer.Labels.port | add 1 }")).isEqualTo(8444L);
        assertThat(eval("${ add \"0x10\" \"5.0\" }")).isEqualTo(21L);
    }

    @Test
    void overflowWrapsAsInGo() {
        assertThat(eval("${ add 9223372036854775807 1 }")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void divisionByZeroIsAnEvaluationError() {
        assertThat(evalError("${ div 1 0 }")).isEqualTo("function \"div\" at position 4: division by zero");
        assertThat(evalError("x ${ mod 1 (sub 2 2) }")).isEqualTo("function \"mod\" at position 6: division by zero");
    }

    @Test
    void nonNumericTextIsAnError() {
        assertThat(evalError("${ add 1 \"abc\" }"))
                .isEqualTo("function \"add\" at position 4: cannot convert string \"abc\" to an integer");
        assertThat(evalError("${ mul 2 (list 1) }"))
                .isEqualTo("function \"mul\" at position 4: argument 2 must be a number, got list of 1");
    }

    @Test
    void conversions() {
        assertThat(eval("${ int \"42\" }")).isEqualTo(42L);
        assertThat(eval("${ int 3.99 }")).isEqualTo(3L);
        assertThat(eval("${ int64 \"-5\" }")).isEqualTo(-5L);
        assertThat(eval("${ float64 \"2.5\" }")).isEqualTo(2.5);
        assertThat(eval("${ float64 3 }")).isEqualTo(3.0);
        assertThat(eval("${ atoi \"17\" }")).isEqualTo(17L);
        assertThat(evalError("${ atoi \"0x11\" }"))
                .isEqualTo("function \"atoi\" at position 4: cannot convert string \"0x11\" to an integer");
        assertThat(evalError("${ float64 \"NaN\" }"))
                .isEqualTo("function \"float64\" at position 4: cannot convert string \"NaN\" to a float");
    }
}
