package dev.tessera.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionRegistryTest {

    /** The functions DESIGN.md promises, Sprig-compatible. */
    private static final List<String> REQUIRED = List.of("uuidv4", "now", "date", "unixEpoch", "upper", "lower",
            "title", "trim", "trimPrefix", "trimSuffix", "replace", "trunc", "substr", "repeat", "quote", "default",
            "empty", "coalesce", "ternary", "randAlphaNum", "randAlpha", "randNumeric", "sha256sum", "b64enc", "b64dec",
            "toJson", "fromJson", "list", "dict", "join", "split", "add", "sub", "mul", "div", "mod", "max", "min", "int",
            "toString", "contains", "hasPrefix", "hasSuffix");

    @Test
    void everyPromisedFunctionIsRegistered() {
        assertThat(Functions.names()).containsAll(REQUIRED);
    }

    @Test
    void arityIsDescribedForMessages() {
        assertThat(Functions.lookup("trunc").arityText()).isEqualTo("2 arguments");
        assertThat(Functions.lookup("default").arityText()).isEqualTo("1 to 2 arguments");
        assertThat(Functions.lookup("add").arityText()).isEqualTo("any number of arguments");
        assertThat(Functions.lookup("mul").arityText()).isEqualTo("at least 1 argument");
        assertThat(Functions.lookup("upper").arityText()).isEqualTo("1 argument");
        assertThat(Functions.lookup("nope")).isNull();
    }
}
