package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Go literal syntax: strings with escapes, raw strings, characters, numbers, booleans, nil. */
class LiteralsTest {

    @Test
    void doubleQuotedStringsDecodeGoEscapes() {
        assertThat(eval("${ \"a\\tb\\nc\\\\d\\\"e\" }")).isEqualTo("a\tb\nc\\d\"e");
        assertThat(eval("${ \"\\a\\b\\f\\r\\v\" | len }")).isEqualTo(5L);
        assertThat(eval("${ \"\\u00e9\\U0001F600\" }")).isEqualTo("é😀");
        assertThat(eval("${ \"\\x41\\101\" }")).isEqualTo("AA");
    }

    @Test
    void hexAndOctalEscapesAreBytesDecodedAsUtf8() {
        assertThat(eval("${ \"\\xc3\\xa9t\\303\\251\" }")).isEqualTo("été");
    }

    @Test
    void rawStringsKeepBackslashesAndDropCarriageReturns() {
        assertThat(eval("${ `C:\\dir\\n` }")).isEqualTo("C:\\dir\\n");
        assertThat(eval("${ `a\r\nb` }")).isEqualTo("a\nb");
    }

    @Test
    void characterConstantsAreCodePoints() {
        assertThat(eval("${ 'a' }")).isEqualTo(97L);
        assertThat(eval("${ '\\n' }")).isEqualTo(10L);
        assertThat(eval("${ 'é' }")).isEqualTo(233L);
        assertThat(eval("${ '\\'' }")).isEqualTo(39L);
    }

    @Test
    void integerLiteralsInGoNotations() {
        assertThat(eval("${ 42 }")).isEqualTo(42L);
        assertThat(eval("${ -7 }")).isEqualTo(-7L);
        assertThat(eval("${ +7 }")).isEqualTo(7L);
        assertThat(eval("${ 0x1F }")).isEqualTo(31L);
        assertThat(eval("${ 0o17 }")).isEqualTo(15L);
        assertThat(eval("${ 017 }")).isEqualTo(15L);
        assertThat(eval("${ 0b101 }")).isEqualTo(5L);
        assertThat(eval("${ 1_000_000 }")).isEqualTo(1_000_000L);
        assertThat(eval("${ 9223372036854775807 }")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void floatLiteralsInGoNotations() {
        assertThat(eval("${ 1.5 }")).isEqualTo(1.5);
        assertThat(eval("${ 1e3 }")).isEqualTo(1000.0);
        assertThat(eval("${ .25 }")).isEqualTo(0.25);
        assertThat(eval("${ -2.5E-1 }")).isEqualTo(-0.25);
        assertThat(eval("${ 0x1p4 }")).isEqualTo(16.0);
        assertThat(eval("${ 1.0 }")).isEqualTo(1.0);
    }

    @Test
    void booleansAndNil() {
        assertThat(eval("${ true }")).isEqualTo(true);
        assertThat(eval("${ false }")).isEqualTo(false);
        assertThat(eval("${ list nil }")).isEqualTo(java.util.Collections.singletonList(null));
    }

    @Test
    void badLiteralsAreSyntaxErrors() {
        assertThat(syntaxError("${ \"abc }").getMessage()).isEqualTo("unterminated string at position 4");
        assertThat(syntaxError("${ `abc }").getMessage()).isEqualTo("unterminated raw string at position 4");
        assertThat(syntaxError("${ \"a\nb\" }").problem()).isEqualTo("unterminated string");
        assertThat(syntaxError("${ \"\\q\" }").getMessage()).isEqualTo("unknown escape sequence \\q at position 5");
        assertThat(syntaxError("${ \"\\'\" }").problem()).isEqualTo("unknown escape sequence \\'");
        assertThat(syntaxError("${ \"\\x4\" }").problem()).isEqualTo("escape sequence needs 2 hexadecimal digits");
        assertThat(syntaxError("${ \"\\uD800\" }").problem()).isEqualTo("escape sequence is not a valid Unicode code point");
        assertThat(syntaxError("${ '' }").problem()).isEqualTo("empty character constant");
        assertThat(syntaxError("${ 'ab' }").problem()).isEqualTo("unterminated or malformed character constant");
        assertThat(syntaxError("${ 12abc }").problem()).isEqualTo("bad number syntax \"12a\"");
        assertThat(syntaxError("${ 0x }").problem()).isEqualTo("bad number syntax \"0x\"");
        assertThat(syntaxError("${ 1__0 }").problem()).isEqualTo("bad number syntax \"1__0\"");
        assertThat(syntaxError("${ 1i }").problem()).isEqualTo("complex numbers are not supported");
        assertThat(syntaxError("${ 9223372036854775808 }").problem())
                .isEqualTo("number 9223372036854775808 does not fit in a 64-bit integer");
        assertThat(syntaxError("${ - }").problem()).isEqualTo("bad number syntax \"-\"");
    }
}
