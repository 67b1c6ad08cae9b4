package dev.tessera.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary input must only ever produce a template or a syntax error, and evaluation only a
 * value or an evaluation error: no other exception may reach the claim API or the token endpoint.
 */
class RobustnessTest {

    private static final String[] PIECES = {"${", "}", " ", "(", ")", "|", ".", ".Client", ".Name", ".Labels", ".x",
        ".AuthServer", ".Context", "\"", "`", "'", "\\", "a", "1", "-", "0x", "1.5e3", "upper", "trunc", "add", "div",
        "0", "list", "dict", "split", "index", "fromJson", "toJson", "repeat", "4096", "nil", "true", "date",
        "\"2006\"", "now", "default", "$", "\"{}\"", "printf", "\"%d\"", "substr", "-1", "json", "_0", "x\ny"};

    @Test
    void randomInputNeverEscapesTheTwoCheckedExceptions() {
        Random random = new Random(20240305L);
        int parsed = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(14);
            for (int j = 0; j < n; j++) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String source = sb.toString();
            ClaimTemplate t;
            try {
                t = ClaimTemplate.parse(source);
            } catch (TemplateSyntaxException e) {
                assertThat(e.position()).as(source).isBetween(1, source.length() + 1);
                continue;
            }
            parsed++;
            try {
                t.evaluate(Templates.context());
            } catch (TemplateEvaluationException e) {
                assertThat(e.getMessage()).as(source).doesNotContain("internal error");
            }
        }
        assertThat(parsed).isGreaterThan(500);
    }
}
