package dev.tessera.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code %safeMsg}: the log message with control characters in its arguments escaped
 * ({@code \n}, {@code \r}, {@code \t}, {@code \}{@code uXXXX}). Arguments are where request values
 * go (paths, client ids, error details); the message pattern is written by us, so a deliberate
 * multi-line message (the first admin token's notice) keeps its lines.
 */
public final class EscapingMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        if (args == null || args.length == 0) {
            return event.getFormattedMessage();
        }
        Object[] escaped = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Throwable) {
                continue;
            }
            String text = String.valueOf(args[i]);
            if (needsEscaping(text)) {
                if (escaped == null) {
                    escaped = args.clone();
                }
                escaped[i] = escape(text);
            }
        }
        return escaped == null ? event.getFormattedMessage()
                : MessageFormatter.arrayFormat(event.getMessage(), escaped).getMessage();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (isControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
