package dev.tessera.oauth.clientauth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Repeated failures are logged as summaries: a bounded number of lines, whatever the attacker sends. */
class FailureLogTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FailureLog.class);
    private final FailureLog failures = new FailureLog(100, 60);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aThousandFailuresOfOneClientFromOneSourceAreTwoLines() {
        for (int i = 0; i < 1000; i++) {
            failures.record("as-1", "client-1", "192.0.2.1", "wrong_secret");
        }
        assertThat(messages()).containsExactly("client authentication failed: client 'client-1' of auth server as-1 "
                + "from 192.0.2.1 (wrong_secret); further failures are summarised every 60 s");
        failures.flush();
        assertThat(messages()).hasSize(2).last().isEqualTo("client authentication failed 999 more times in the last 60 s: "
                + "client 'client-1' of auth server as-1 from 192.0.2.1 (wrong_secret)");
        failures.flush();
        assertThat(messages()).as("a quiet interval writes nothing").hasSize(2);
        failures.record("as-1", "client-1", "192.0.2.1", "wrong_secret");
        assertThat(messages()).as("after a quiet interval the next failure shows at once").hasSize(3);
    }

    @Test
    void manyDistinctIdsAndSourcesAreItemisedUpToALimitAndCountedBeyondIt() {
        for (int i = 0; i < 10_000; i++) {
            failures.record("as-1", "guess-" + i, "192.0.2." + (i % 250), "unknown_client");
        }
        assertThat(messages()).hasSize(100);
        failures.flush();
        assertThat(messages()).hasSize(101).last().isEqualTo("client authentication failed 9900 more times in the last 60 s "
                + "for other clients and sources (more than 100 distinct ones; not itemised)");
    }

    @Test
    void clientIdsAreCutShortAndControlCharactersReplaced() {
        failures.record("as-1", "evil\nFAKE LOG LINE" + "x".repeat(100), "192.0.2.1", "unknown_client");
        String line = messages().get(0);
        assertThat(line).doesNotContain("\n").contains("'evil?FAKE LOG LINE").contains("...'");
        assertThat(line.length()).isLessThan(260);
    }
}
