package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringFunctionsTest {

    @Test
    void upperAndLowerMapEachCodePoint() {
        assertThat(eval("${ upper \"abc-é\" }")).isEqualTo("ABC-É");
        assertThat(eval("${ lower \"ABC-É\" }")).isEqualTo("abc-é");
        // Go maps code point by code point: no "SS" for ß
        assertThat(eval("${ upper \"straße\" }")).isEqualTo("STRAßE");
    }

    @Test
    void titleUpperCasesWordStartsOnly() {
        assertThat(eval("${ title \"hello wORLD-wide_web\" }")).isEqualTo("Hello WORLD-Wide_web");
        assertThat(eval("${ untitle \"Hello World\" }")).isEqualTo("hello world");
    }

    @Test
    void trimRemovesUnicodeWhiteSpace() {
        assertThat(eval("${ trim .Client.Name }")).isEqualTo("Billing Service");
        assertThat(eval("${ trim \"\\u00a0\\t x \\n\" }")).isEqualTo("x");
        assertThat(eval("${ trimAll \"-$\" \"$-x-$\" }")).isEqualTo("x");
    }

    @Test
    void trimPrefixAndSuffixTakeTheAffixFirst() {
        assertThat(eval("${ trimPrefix \"https://\" .AuthServer.Audience }")).isEqualTo("api.example.com/payments");
        assertThat(eval("${ trimPrefix \"x\" \"abc\" }")).isEqualTo("abc");
        assertThat(eval("${ trimSuffix \"/payments\" .AuthServer.Audience }")).isEqualTo("https://api.example.com");
    }

    @Test
    void nospaceRemovesAllWhiteSpace() {
        assertThat(eval("${ nospace \" a b\\tc \" }")).isEqualTo("abc");
    }

    @Test
    void replaceReplacesEveryOccurrence() {
        assertThat(eval("${ replace \"a\" \"o\" \"banana\" }")).isEqualTo("bonono");
        assertThat(eval("${ replace \"x\" \"o\" \"banana\" }")).isEqualTo("banana");
        assertThat(eval("${ replace \"\" \"-\" \"ab\" }")).isEqualTo("-a-b-");
    }

    @Test
    void truncKeepsTheStartOrWithNegativeCountTheEnd() {
        assertThat(eval("${ trunc 5 \"hello world\" }")).isEqualTo("hello");
        assertThat(eval("${ trunc -5 \"hello world\" }")).isEqualTo("world");
        assertThat(eval("${ trunc 50 \"hello\" }")).isEqualTo("hello");
        assertThat(eval("${ trunc -50 \"hello\" }")).isEqualTo("hello");
        assertThat(eval("${ trunc 2 \"été\" }")).isEqualTo("ét");
    }

    @Test
    void truncNeedsAnInteger() {
        assertThat(evalError("${ trunc \"5\" \"hello\" }"))
                .isEqualTo("function \"trunc\" at position 4: argument 1 must be an integer, got string \"5\"");
        assertThat(evalError("${ trunc 1.5 \"hello\" }"))
                .isEqualTo("function \"trunc\" at position 4: argument 1 must be an integer, got float 1.5");
    }

    @Test
    void substrTakesStartAndEnd() {
        assertThat(eval("${ substr 0 5 \"hello world\" }")).isEqualTo("hello");
        assertThat(eval("${ substr 6 -1 \"hello world\" }")).isEqualTo("world");
        assertThat(eval("${ substr -1 5 \"hello world\" }")).isEqualTo("hello");
        assertThat(eval("${ substr 6 99 \"hello world\" }")).isEqualTo("world");
        assertThat(evalError("${ substr 5 2 \"hello\" }"))
                .isEqualTo("function \"substr\" at position 4: start 5 is after end 2 (the string has 5 characters)");
    }

    @Test
    void repeatRepeats() {
        assertThat(eval("${ repeat 3 \"ab\" }")).isEqualTo("ababab");
        assertThat(eval("${ repeat 0 \"ab\" }")).isEqualTo("");
        assertThat(evalError("${ repeat -1 \"ab\" }"))
                .isEqualTo("function \"repeat\" at position 4: repeat count -1 is out of range (0 to 4096)");
    }

    @Test
    void containsAndPrefixChecksTakeTheNeedleFirst() {
        assertThat(eval("${ contains \"example\" .AuthServer.Audience }")).isEqualTo(true);
        assertThat(eval("${ contains \"nope\" .AuthServer.Audience }")).isEqualTo(false);
        assertThat(eval("${ hasPrefix \"https\" .AuthServer.Audience }")).isEqualTo(true);
        assertThat(eval("${ hasSuffix \"payments\" .AuthServer.Audience }")).isEqualTo(true);
        assertThat(eval("${ .AuthServer.Audience | hasSuffix \"/x\" }")).isEqualTo(false);
    }

    @Test
    void stringFunctionsRefuseNonStrings() {
        assertThat(evalError("${ upper 5 }"))
                .isEqualTo("function \"upper\" at position 4: argument 1 must be a string, got integer 5");
        assertThat(evalError("${ .Client.GrantTypes | lower }"))
                .isEqualTo("function \"lower\" at position 25: argument 1 must be a string, got list of 2");
    }
}
