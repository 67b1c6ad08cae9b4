package dev.tessera.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.tessera.support.Backend;
import dev.tessera.support.OAuthFixture;
import dev.tessera.support.Servers;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A request value with line breaks must not forge a log line: control characters are escaped. */
class LogInjectionTest {
    private static final String FORGED = "2026-01-01T00:00:00.000Z INFO  d.t.a.AdminTokens - forged line";

    @Test
    void aClientIdWithANewlineStaysOnOneLogLine() {
        OAuthFixture fx = new OAuthFixture(Servers.get(Backend.SQLITE), "aud");
        String log = capture(() -> {
            var r = fx.post("/oauth/token", null, OAuthFixture.form("grant_type", "client_credentials",
                    "client_id", "evil\n" + FORGED + "\r\u2028x", "client_secret", "s"));
            assertThat(r.status()).isEqualTo(401);
        });
        assertThat(log).contains("client 'evil");
        assertThat(log.lines()).noneMatch(line -> line.startsWith(FORGED));
        assertThat(log).doesNotContain("\u2028");
    }

    @Test
    void controlCharactersInMessageArgumentsAreEscaped() {
        String log = capture(() -> LoggerFactory.getLogger("test").info("unknown client {}", "evil\n" + FORGED + "\r\u2028x"));
        assertThat(log).contains("unknown client evil\\n" + FORGED + "\\r\\u2028x");
        assertThat(log.lines()).noneMatch(line -> line.startsWith(FORGED));
    }

    @Test
    void developerWrittenMultiLineMessagesAreKept() {
        String log = capture(() -> LoggerFactory.getLogger("test").info("first\nsecond {}", "a\nb"));
        assertThat(log).contains("first\nsecond a\\nb");
    }

    private static String capture(Runnable action) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(Logging.textEncoder(context));
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            action.run();
        } finally {
            root.detachAppender(appender);
            appender.stop();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
