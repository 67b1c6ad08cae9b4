package dev.tessera.template;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time functions: now, date, dateInZone, htmlDate, htmlDateInZone, unixEpoch, dateModify
 * (mustDateModify). Times are {@link Instant}s; {@code date} formats in UTC, where Sprig would
 * use the server's local zone, so tokens do not depend on where Tessera runs.
 */
final class TimeFunctions {

    /** Compiled layouts; templates use a handful of constant layouts, so the cache stays tiny. */
    private static final Map<String, GoTimeFormat> LAYOUTS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_LAYOUTS = 256;
    private static final GoTimeFormat HTML_DATE = GoTimeFormat.compile("2006-01-02");

    private TimeFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("now", 0, (a, ev) -> Instant.now());
        b.define("date", 2, (a, ev) -> layout(Args.string(a, 0)).format(Args.time(a, 1), ZoneOffset.UTC));
        b.define("dateInZone", 3, (a, ev) -> layout(Args.string(a, 0)).format(Args.time(a, 1), zone(a, 2)));
        b.define("htmlDate", 1, (a, ev) -> HTML_DATE.format(Args.time(a, 0), ZoneOffset.UTC));
        b.define("htmlDateInZone", 2, (a, ev) -> HTML_DATE.format(Args.time(a, 0), zone(a, 1)));
        b.define("unixEpoch", 1, (a, ev) -> Long.toString(Args.time(a, 0).getEpochSecond()));
        b.define("dateModify", 2, (a, ev) -> {
            long nanos = GoDuration.parse(Args.string(a, 0));
            try {
                return Args.time(a, 1).plusNanos(nanos);
            } catch (DateTimeException | ArithmeticException e) {
                throw new EvalError("time out of range");
            }
        });
        b.alias("mustDateModify", "dateModify");
    }

    private static GoTimeFormat layout(String layout) {
        GoTimeFormat f = LAYOUTS.get(layout);
        if (f == null) {
            f = GoTimeFormat.compile(layout);
            if (LAYOUTS.size() < MAX_CACHED_LAYOUTS) {
                LAYOUTS.put(layout, f);
            }
        }
        return f;
    }

    /** An IANA zone name or offset; "UTC", "" and "Local" mean UTC. */
    private static ZoneId zone(Object[] a, int i) {
        String name = Args.string(a, i);
        if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new EvalError("unknown time zone \"" + name + "\"");
        }
    }
}
