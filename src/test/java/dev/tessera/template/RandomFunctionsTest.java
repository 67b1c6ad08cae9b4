package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RandomFunctionsTest {

    @Test
    void uuidv4IsARandomVersion4Uuid() throws Exception {
        ClaimTemplate t = ClaimTemplate.parse("${ uuidv4 }");
        String a = (String) t.evaluate(Templates.context());
        String b = (String) t.evaluate(Templates.context());
        assertThat(a).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void uuidValidateAndParse() {
        assertThat(eval("${ uuidValidate .AuthServer.ID }")).isEqualTo(true);
        assertThat(eval("${ uuidValidate \"nope\" }")).isEqualTo(false);
        assertThat(eval("${ uuidParse \"{8F0C2A4E-7B1D-4C59-9E3A-1D2F3A4B5C6D}\" }"))
                .isEqualTo("8f0c2a4e-7b1d-4c59-9e3a-1d2f3a4b5c6d");
        assertThat(eval("${ uuidParse \"urn:uuid:8f0c2a4e-7b1d-4c59-9e3a-1d2f3a4b5c6d\" }"))
                .isEqualTo("8f0c2a4e-7b1d-4c59-9e3a-1d2f3a4b5c6d");
        assertThat(eval("${ uuidParse \"8f0c2a4e7b1d4c599e3a1d2f3a4b5c6d\" }")).isEqualTo("8f0c2a4e-7b1d-4c59-9e3a-1d2f3a4b5c6d");
        assertThat(evalError("${ uuidParse \"x\" }"))
                .isEqualTo("function \"uuidParse\" at position 4: invalid UUID string \"x\"");
    }

    @Test
    void randomStringsHaveTheRequestedLengthAndAlphabet() {
        assertThat((String) eval("${ randAlphaNum 16 }")).matches("[A-Za-z0-9]{16}");
        assertThat((String) eval("${ randAlpha 12 }")).matches("[A-Za-z]{12}");
        assertThat((String) eval("x${ randNumeric 9 }")).matches("x[0-9]{9}");
        assertThat((String) eval("${ randAscii 20 }")).matches("[ -~]{20}");
        assertThat(eval("${ randAlphaNum 0 }")).isEqualTo("");
    }

    @Test
    void randomLengthIsBounded() {
        assertThat(evalError("${ randAlphaNum 4097 }"))
                .isEqualTo("function \"randAlphaNum\" at position 4: length 4097 is out of range (0 to 4096)");
        assertThat(evalError("${ randNumeric -1 }"))
                .isEqualTo("function \"randNumeric\" at position 4: length -1 is out of range (0 to 4096)");
    }
}
