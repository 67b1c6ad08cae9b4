package dev.tessera.template;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Formats an instant with a Go reference-time layout ("2006-01-02T15:04:05Z07:00"). The layout is
 * split into chunks once, with the same recognition rules as Go's {@code time.nextStdChunk}, so
 * that every layout Go users know prints the same here.
 */
final class GoTimeFormat {

    /** Go's time.RFC3339Nano: the format used whenever a time is printed or returned as a claim. */
    static final GoTimeFormat RFC3339_NANO = compile("2006-01-02T15:04:05.999999999Z07:00");

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private enum Std {
        LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND,
        LONG_YEAR, YEAR, PM_UPPER, PM_LOWER, TZ, ISO_TZ_SECONDS, ISO_TZ_COLON_SECONDS, ISO_TZ, ISO_TZ_COLON,
        ISO_TZ_SHORT, NUM_TZ_SECONDS, NUM_TZ_COLON_SECONDS, NUM_TZ, NUM_TZ_COLON, NUM_TZ_SHORT
    }

    /** Fractional seconds: {@code digits} digits after {@code separator}; trailing zeros dropped when {@code trim}. */
    private record Fraction(char separator, int digits, boolean trim) {
    }

    /** Each part is a literal String, a {@link Std} or a {@link Fraction}. */
    private final Object[] parts;

    private GoTimeFormat(Object[] parts) {
        this.parts = parts;
    }

    static GoTimeFormat compile(String layout) {
        List<Object> parts = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < layout.length()) {
            Object std = null;
            int len = 0;
            String rest = layout.substring(i);
            char c = layout.charAt(i);
            switch (c) {
                case 'J' -> {
                    if (rest.startsWith("January")) { std = Std.LONG_MONTH; len = 7; }
                    else if (rest.startsWith("Jan") && !lowerAt(rest, 3)) { std = Std.MONTH; len = 3; }
                }
                case 'M' -> {
                    if (rest.startsWith("Monday")) { std = Std.LONG_WEEKDAY; len = 6; }
                    else if (rest.startsWith("Mon") && !lowerAt(rest, 3)) { std = Std.WEEKDAY; len = 3; }
                    else if (rest.startsWith("MST")) { std = Std.TZ; len = 3; }
                }
                case '0' -> {
                    if (rest.length() >= 2 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
                        std = new Std[] {Std.ZERO_MONTH, Std.ZERO_DAY, Std.ZERO_HOUR12, Std.ZERO_MINUTE,
                            Std.ZERO_SECOND, Std.YEAR}[rest.charAt(1) - '1'];
                        len = 2;
                    } else if (rest.startsWith("002")) { std = Std.ZERO_YEAR_DAY; len = 3; }
                }
                case '1' -> {
                    if (rest.startsWith("15")) { std = Std.HOUR; len = 2; }
                    else { std = Std.NUM_MONTH; len = 1; }
                }
                case '2' -> {
                    if (rest.startsWith("2006")) { std = Std.LONG_YEAR; len = 4; }
                    else { std = Std.DAY; len = 1; }
                }
                case '_' -> {
                    if (rest.startsWith("_2006")) {
                        // a literal underscore followed by the year, as in Go
                        i++;
                        continue;
                    } else if (rest.startsWith("_2")) { std = Std.UNDER_DAY; len = 2; }
                    else if (rest.startsWith("__2")) { std = Std.UNDER_YEAR_DAY; len = 3; }
                }
                case '3' -> { std = Std.HOUR12; len = 1; }
                case '4' -> { std = Std.MINUTE; len = 1; }
                case '5' -> { std = Std.SECOND; len = 1; }
                case 'P' -> { if (rest.startsWith("PM")) { std = Std.PM_UPPER; len = 2; } }
                case 'p' -> { if (rest.startsWith("pm")) { std = Std.PM_LOWER; len = 2; } }
                case '-', 'Z' -> {
                    String p = c == '-' ? "-" : "Z";
                    boolean iso = c == 'Z';
                    if (rest.startsWith(p + "070000")) { std = iso ? Std.ISO_TZ_SECONDS : Std.NUM_TZ_SECONDS; len = 7; }
                    else if (rest.startsWith(p + "07:00:00")) { std = iso ? Std.ISO_TZ_COLON_SECONDS : Std.NUM_TZ_COLON_SECONDS; len = 9; }
                    else if (rest.startsWith(p + "0700")) { std = iso ? Std.ISO_TZ : Std.NUM_TZ; len = 5; }
                    else if (rest.startsWith(p + "07:00")) { std = iso ? Std.ISO_TZ_COLON : Std.NUM_TZ_COLON; len = 6; }
                    else if (rest.startsWith(p + "07")) { std = iso ? Std.ISO_TZ_SHORT : Std.NUM_TZ_SHORT; len = 3; }
                }
                case '.', ',' -> {
                    if (rest.length() > 1 && (rest.charAt(1) == '0' || rest.charAt(1) == '9')) {
                        char d = rest.charAt(1);
                        int j = 1;
                        while (j < rest.length() && rest.charAt(j) == d) {
                            j++;
                        }
                        // only a fraction if the run of digits ends here
                        if (j >= rest.length() || rest.charAt(j) < '0' || rest.charAt(j) > '9') {
                            std = new Fraction(c, Math.min(j - 1, 9), d == '9');
                            len = j;
                        }
                    }
                }
                default -> { }
            }
            if (std == null) {
                i++;
                continue;
            }
            if (i > literalStart) {
                parts.add(layout.substring(literalStart, i));
            }
            parts.add(std);
            i += len;
            literalStart = i;
        }
        if (literalStart < layout.length()) {
            parts.add(layout.substring(literalStart));
        }
        return new GoTimeFormat(parts.toArray());
    }

    private static boolean lowerAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    String format(Instant t, ZoneId zone) {
        BoundedText out = BoundedText.create(32);
        format(t, zone, out);
        return out.toString();
    }

    void format(Instant t, ZoneId zone, BoundedText out) {
        ZoneOffset offset = zone instanceof ZoneOffset o ? o : zone.getRules().getOffset(t);
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), offset);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else if (part instanceof Fraction f) {
                fraction(out, d.getNano(), f);
            } else {
                std(out, (Std) part, d, offset, zone, t);
            }
        }
    }

    private static void std(BoundedText out, Std std, LocalDateTime d, ZoneOffset offset, ZoneId zone, Instant t) {
        int hour = d.getHour();
        switch (std) {
            case LONG_MONTH -> out.append(MONTHS[d.getMonthValue() - 1]);
            case MONTH -> out.append(MONTHS[d.getMonthValue() - 1].substring(0, 3));
            case NUM_MONTH -> out.append(d.getMonthValue());
            case ZERO_MONTH -> pad(out, d.getMonthValue(), 2, '0');
            case LONG_WEEKDAY -> out.append(DAYS[d.getDayOfWeek().ordinal()]);
            case WEEKDAY -> out.append(DAYS[d.getDayOfWeek().ordinal()].substring(0, 3));
            case DAY -> out.append(d.getDayOfMonth());
            case UNDER_DAY -> pad(out, d.getDayOfMonth(), 2, ' ');
            case ZERO_DAY -> pad(out, d.getDayOfMonth(), 2, '0');
            case UNDER_YEAR_DAY -> pad(out, d.getDayOfYear(), 3, ' ');
            case ZERO_YEAR_DAY -> pad(out, d.getDayOfYear(), 3, '0');
            case HOUR -> pad(out, hour, 2, '0');
            case HOUR12 -> out.append(hour % 12 == 0 ? 12 : hour % 12);
            case ZERO_HOUR12 -> pad(out, hour % 12 == 0 ? 12 : hour % 12, 2, '0');
            case MINUTE -> out.append(d.getMinute());
            case ZERO_MINUTE -> pad(out, d.getMinute(), 2, '0');
            case SECOND -> out.append(d.getSecond());
            case ZERO_SECOND -> pad(out, d.getSecond(), 2, '0');
            case LONG_YEAR -> {
                int y = d.getYear();
                if (y < 0) {
                    out.append('-');
                }
                pad(out, Math.abs(y), 4, '0');
            }
            case YEAR -> pad(out, Math.floorMod(d.getYear(), 100), 2, '0');
            case PM_UPPER -> out.append(hour >= 12 ? "PM" : "AM");
            case PM_LOWER -> out.append(hour >= 12 ? "pm" : "am");
            case TZ -> out.append(abbreviation(zone, offset, t));
            default -> zoneOffset(out, std, offset.getTotalSeconds());
        }
    }

    private static void zoneOffset(BoundedText out, Std std, int seconds) {
        boolean iso = std.name().startsWith("ISO");
        if (iso && seconds == 0) {
            out.append('Z');
            return;
        }
        boolean colon = std.name().contains("COLON");
        boolean withSeconds = std.name().endsWith("SECONDS");
        boolean shortForm = std.name().endsWith("SHORT");
        int abs = Math.abs(seconds);
        out.append(seconds < 0 ? '-' : '+');
        pad(out, abs / 3600, 2, '0');
        if (!shortForm) {
            if (colon) {
                out.append(':');
            }
            pad(out, abs / 60 % 60, 2, '0');
        }
        if (withSeconds) {
            if (colon) {
                out.append(':');
            }
            pad(out, abs % 60, 2, '0');
        }
    }

    private static String abbreviation(ZoneId zone, ZoneOffset offset, Instant t) {
        String id = zone.getId();
        if (offset.getTotalSeconds() == 0 && (zone instanceof ZoneOffset || id.equals("UTC") || id.equals("Etc/UTC"))) {
            return "UTC";
        }
        if (zone instanceof ZoneOffset) {
            // Go prints an unnamed zone as -0700, or -07 when the minutes are zero
            BoundedText out = BoundedText.create(8);
            zoneOffset(out, offset.getTotalSeconds() % 3600 == 0 ? Std.NUM_TZ_SHORT : Std.NUM_TZ, offset.getTotalSeconds());
            return out.toString();
        }
        boolean dst = zone.getRules().isDaylightSavings(t);
        return TimeZone.getTimeZone(zone).getDisplayName(dst, TimeZone.SHORT, Locale.US);
    }

    private static void fraction(BoundedText out, int nanos, Fraction f) {
        String digits = Integer.toString(1_000_000_000 + nanos).substring(1, 1 + f.digits());
        if (f.trim()) {
            int end = digits.length();
            while (end > 0 && digits.charAt(end - 1) == '0') {
                end--;
            }
            if (end == 0) {
                return;
            }
            digits = digits.substring(0, end);
        }
        out.append(f.separator()).append(digits);
    }

    private static void pad(BoundedText out, int value, int width, char fill) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append(fill);
        }
        out.append(s);
    }
}
