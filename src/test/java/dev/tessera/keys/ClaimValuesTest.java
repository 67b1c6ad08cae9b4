package dev.tessera.keys;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A claim value passes exactly when it reads back from a token's JSON as the verifier parses it. */
class ClaimValuesTest {

    @Test
    void valuesThatReadBackUnchangedPass() throws Exception {
        for (Object v : List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0.1, -0.0, 1.5e-300, Double.MAX_VALUE,
                new BigDecimal("1E+3"), new BigDecimal("9223372036854775807"), new BigDecimal("0.5"),
                new BigInteger("-9223372036854775808"), "text \uD83D\uDE00", Map.of("a", List.of(1L, "b", true)))) {
            assertThat(ClaimValues.problem(v)).as(String.valueOf(v)).isNull();
            assertThat(readBack(v)).as(String.valueOf(v)).isNotNull();
        }
    }

    @Test
    void numbersBeyondALongOrADoubleAreNamed() {
        assertThat(ClaimValues.problem(new BigDecimal("1E+400"))).contains("1E+400").contains("quote it");
        assertThat(ClaimValues.problem(new BigDecimal("123456789012345678901234567890"))).contains("does not fit");
        assertThat(ClaimValues.problem(new BigInteger("9223372036854775808"))).contains("does not fit");
        assertThat(ClaimValues.problem(new BigDecimal("0.1000000000000000000001"))).contains("does not fit");
        assertThat(ClaimValues.problem(Map.of("n", List.of(new BigDecimal("-1E+400"))))).contains("-1E+400");
        assertThat(ClaimValues.problem(Double.POSITIVE_INFINITY)).contains("non-finite");
    }

    @Test
    void invalidUnicodeAndDeepNestingAreRefused() {
        assertThat(ClaimValues.problem("a\uD800b")).contains("unpaired surrogate");
        assertThat(ClaimValues.problem("\uDC00")).contains("unpaired surrogate");
        Object deep = 1L;
        for (int i = 0; i < 17; i++) {
            deep = List.of(deep);
        }
        assertThat(ClaimValues.problem(deep)).contains("nested deeper");
    }

    @Test
    void theRefusedNumberReallyBreaksTheVerifiersParser() {
        assertThat(readBack(new BigDecimal("1E+400"))).isNull();
    }

    /** The value as the verifier reads it back from a token's payload, or null when the payload does not parse. */
    private static Object readBack(Object v) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("v", v);
        try {
            return JSONObjectUtils.parse(JSONObjectUtils.toJSONString(claims)).get("v");
        } catch (java.text.ParseException e) {
            return null;
        }
    }
}
