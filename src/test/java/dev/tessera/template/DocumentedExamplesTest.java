package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The examples Kong Identity documents for dynamic claims behave as described. */
class DocumentedExamplesTest {

    @Test
    void uuidPerToken() {
        assertThat((String) eval("${ uuidv4 }")).hasSize(36);
    }

    @Test
    void clientName() {
        assertThat(eval("${ .Client.Name }")).isEqualTo("  Billing Service  ");
    }

    @Test
    void currentTimestampInIso8601() {
        assertThat((String) eval("${ now | date \"2006-01-02T15:04:05Z07:00\" }"))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    }

    @Test
    void audienceAndClientIdConcatenated() {
        assertThat(eval("${ .AuthServer.Audience }-${ .Client.ID }")).isEqualTo("https://api.example.com/payments-c-123");
    }

    @Test
    void environmentLabelWithDefault() {
        assertThat(eval("${ .Client.Labels.environment | default \"production\" }")).isEqualTo("production");
    }

    @Test
    void upperCaseClientName() {
        assertThat(eval("${ upper .Client.Name }")).isEqualTo("  BILLING SERVICE  ");
    }

    @Test
    void randomAlphanumericString() {
        assertThat((String) eval("${ randAlphaNum 16 }")).matches("[A-Za-z0-9]{16}");
    }

    @Test
    void trimAllExampleFromTheDocs() {
        assertThat(eval("${ trimAll \"-\" \"--a--\" }")).isEqualTo("a");
    }
}
