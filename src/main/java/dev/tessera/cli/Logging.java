package dev.tessera.cli;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.tessera.config.TesseraConfig;
import org.slf4j.LoggerFactory;

/** Console logging as text or one JSON object per line ({@code TESSERA_LOG_FORMAT}). */
final class Logging {
    private Logging() {
    }

    /** Writes out the queued log events and stops logging (the last step of a shutdown). */
    static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    /**
     * One line per event; the arguments of a message (request paths, client ids, anything a caller
     * sent) have their control characters escaped, so no value can start a forged log line.
     * JSON lines need no such step: the JSON encoder escapes control characters itself.
     */
    static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.getInstanceConverterMap().put("safeMsg", EscapingMessageConverter::new);
        layout.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{20} - %safeMsg%n");
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setLayout(layout);
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    static void configure(TesseraConfig.LogFormat format) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (format == TesseraConfig.LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithMarkers(false);
            json.setWithKVPList(false);
            json.setWithMDC(false);
            encoder = json;
            encoder.setContext(context);
            encoder.start();
        } else {
            encoder = textEncoder(context);
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        // Request threads hand log events to a queue; one thread writes them. A full queue blocks
        // rather than drops: every request keeps its log line.
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setQueueSize(16_384);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setMaxFlushTime(5_000); // on shutdown, time to write what is still queued
        async.addAppender(console);
        async.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
    }
}
