package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFunctionsTest {

    @Test
    void quoteUsesGoEscapesAndSkipsNil() {
        assertThat(eval("${ quote \"a\\\"b\\n\" }")).isEqualTo("\"a\\\"b\\n\"");
        assertThat(eval("${ quote \"x\" 5 nil \"y\" }")).isEqualTo("\"x\" \"5\" \"y\"");
        assertThat(eval("${ quote \"é\\u00a0\\x01\" }")).isEqualTo("\"é\\u00a0\\x01\"");
        assertThat(eval("x=${ .Client.ID | quote }")).isEqualTo("x=\"c-123\"");
    }

    @Test
    void squoteWrapsInSingleQuotes() {
        assertThat(eval("${ squote \"a\" 1 }")).isEqualTo("'a' '1'");
    }

    @Test
    void catJoinsWithSpaces() {
        assertThat(eval("${ cat \"a\" 1 nil true }")).isEqualTo("a 1 true");
        assertThat(eval("${ cat \"\" \"b\" }")).isEqualTo(" b");
    }

    @Test
    void toStringPrintsAnyValue() {
        assertThat(eval("x${ toString 12 }")).isEqualTo("x12");
        // floats print as Go's %v does (a single expression would turn "1e+06" back into a number)
        assertThat(eval("x${ toString 1e6 }")).isEqualTo("x1e+06");
        assertThat(eval("x${ toString 1234567.0 }")).isEqualTo("x1.234567e+06");
        assertThat(eval("x${ toString 123456.5 }")).isEqualTo("x123456.5");
        assertThat(eval("x${ toString 0.0001 }")).isEqualTo("x0.0001");
        assertThat(eval("x${ toString 0.00001 }")).isEqualTo("x1e-05");
        assertThat(eval("x${ toString -2.0 }")).isEqualTo("x-2");
        assertThat(eval("${ toString .Client.AllowAllScopes }")).isEqualTo(false);
        assertThat(eval("${ toString nil }")).isEqualTo("");
        assertThat(eval("${ toString (list 1 \"a\") | printf \"%s!\" }")).isEqualTo("[1,\"a\"]!");
    }

    @Test
    void printAddsSpacesOnlyBetweenNonStrings() {
        assertThat(eval("${ print \"a\" \"b\" 1 2 }")).isEqualTo("ab1 2");
    }

    @Test
    void printfSupportsTheCommonVerbs() {
        assertThat(eval("${ printf \"%s-%d-%v-%t-%q-%%\" \"a\" 5 1.5 true \"q\" }")).isEqualTo("a-5-1.5-true-\"q\"-%");
        assertThat(eval("${ printf \"%.2f|%f\" 3.14159 2 }")).isEqualTo("3.14|2.000000");
        assertThat(eval("${ printf \"%x %X %x\" 255 255 \"hi\" }")).isEqualTo("ff FF 6869");
    }

    @Test
    void printfRefusesMismatchedArguments() {
        assertThat(evalError("${ printf \"%s %s\" \"a\" }"))
                .isEqualTo("function \"printf\" at position 4: missing argument for %s");
        assertThat(evalError("${ printf \"%s\" \"a\" \"b\" }"))
                .isEqualTo("function \"printf\" at position 4: 1 argument(s) left over for the format");
        assertThat(evalError("${ printf \"%5s\" \"a\" }")).startsWith("function \"printf\" at position 4: unsupported verb %5");
        assertThat(evalError("${ printf \"%d\" \"a\" }"))
                .isEqualTo("function \"printf\" at position 4: argument 2 must be an integer, got string \"a\"");
    }
}
