package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodingFunctionsTest {

    @Test
    void hashes() {
        assertThat(eval("${ sha256sum \"abc\" }"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(eval("${ sha1sum \"abc\" }")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(eval("x${ adler32sum \"Wikipedia\" }")).isEqualTo("x300286872");
    }

    @Test
    void base64RoundTrip() {
        assertThat(eval("${ b64enc \"hello é\" }")).isEqualTo("aGVsbG8gw6k=");
        assertThat(eval("${ b64dec \"aGVsbG8gw6k=\" }")).isEqualTo("hello é");
        assertThat(eval("${ .Client.ID | b64enc | b64dec }")).isEqualTo("c-123");
    }

    @Test
    void badBase64IsAnError() {
        assertThat(evalError("${ b64dec \"abc\" }"))
                .isEqualTo("function \"b64dec\" at position 4: illegal base64 data: length 3 is not a multiple of 4");
        assertThat(evalError("${ b64dec \"ab!d\" }")).startsWith("function \"b64dec\" at position 4: illegal base64 data");
    }

    @Test
    void toJsonWritesLikeGo() {
        assertThat(eval("x${ dict \"b\" 1.0 \"a\" (list \"<&>\" nil 1e21 0.0000001) | toJson }"))
                .isEqualTo("x{\"a\":[\"\\u003c\\u0026\\u003e\",null,1e+21,1e-7],\"b\":1}");
        assertThat(eval("x${ \"<a>\" | toRawJson }")).isEqualTo("x\"<a>\"");
        assertThat(eval("x${ .Client.CreatedAt | toJson }")).isEqualTo("x\"2025-01-31T23:59:58.123456789Z\"");
        assertThat(eval("x${ \"tab\\there\\u2028\" | toJson }")).isEqualTo("x\"tab\\there\\u2028\"");
        assertThat(eval("x${ toJson nil }")).isEqualTo("xnull");
    }

    @Test
    void toPrettyJsonIndentsWithTwoSpaces() {
        assertThat(eval("x${ dict \"a\" (list 1 2) \"b\" (dict) | toPrettyJson }"))
                .isEqualTo("x{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
    }

    @Test
    void fromJsonParsesAnyJson() {
        assertThat(eval("${ fromJson \"{\\\"a\\\": [1, 2.5, \\\"x\\\"]}\" }"))
                .isEqualTo(Map.of("a", java.util.List.of(1L, 2.5, "x")));
        assertThat(eval("${ (fromJson .Client.Labels.flags).beta }")).isEqualTo(true);
        assertThat(eval("${ fromJson \"\\\"s\\\"\" }")).isEqualTo("s");
    }

    @Test
    void fromJsonRefusesInvalidJson() {
        assertThat(evalError("${ fromJson \"{\" }")).startsWith("function \"fromJson\" at position 4: invalid JSON");
        assertThat(evalError("${ fromJson \"1 2\" }"))
                .isEqualTo("function \"fromJson\" at position 4: invalid JSON: unexpected text after the JSON value");
        assertThat(evalError("${ fromJson \"\" }")).isEqualTo("function \"fromJson\" at position 4: invalid JSON: empty input");
    }
}
