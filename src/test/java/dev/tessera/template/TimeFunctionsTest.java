package dev.tessera.template;

import static dev.tessera.template.Templates.eval;
import static dev.tessera.template.Templates.evalError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeFunctionsTest {

    @Test
    void dateFormatsWithGoLayoutsInUtc() {
        assertThat(eval("${ date \"2006-01-02T15:04:05Z07:00\" .AuthServer.CreatedAt }")).isEqualTo("2024-03-05T07:08:09Z");
        assertThat(eval("${ .AuthServer.CreatedAt | date \"Mon Jan _2 15:04:05 MST 2006\" }"))
                .isEqualTo("Tue Mar  5 07:08:09 UTC 2024");
        assertThat(eval("${ date \"Monday, January 2, 2006 3:04:05 PM\" .AuthServer.CreatedAt }"))
                .isEqualTo("Tuesday, March 5, 2024 7:08:09 AM");
        assertThat(eval("${ date \"02/01/06 03:04pm\" .AuthServer.CreatedAt }")).isEqualTo("05/03/24 07:08am");
        assertThat(eval("${ date \"day 002 (__2)\" .AuthServer.CreatedAt }")).isEqualTo("day 065 ( 65)");
        assertThat(eval("${ date \"Jan Janx January\" .AuthServer.CreatedAt }")).isEqualTo("Mar Janx March");
    }

    @Test
    void dateFormatsFractionalSeconds() {
        assertThat(eval("${ date \"15:04:05.000\" .Client.CreatedAt }")).isEqualTo("23:59:58.123");
        assertThat(eval("${ date \"15:04:05,000000\" .Client.CreatedAt }")).isEqualTo("23:59:58,123456");
        assertThat(eval("${ date \"at 05.999999999\" .Client.CreatedAt }")).isEqualTo("at 58.123456789");
        assertThat(eval("${ date \"15:04:05.999\" .AuthServer.CreatedAt }")).isEqualTo("07:08:09");
        assertThat(eval("${ date \"05.9\" .AuthServer.UpdatedAt }")).isEqualTo("00.5");
    }

    @Test
    void dateAcceptsUnixSecondsAndRfc3339Text() {
        assertThat(eval("${ date \"2006-01-02\" 0 }")).isEqualTo("1970-01-01");
        assertThat(eval("${ date \"15:04\" \"2024-03-05T07:08:09+02:00\" }")).isEqualTo("05:08");
        assertThat(evalError("${ date \"15:04\" \"yesterday\" }"))
                .isEqualTo("function \"date\" at position 4: argument 2 is not an RFC 3339 time: string \"yesterday\"");
        assertThat(evalError("${ date \"15:04\" true }"))
                .isEqualTo("function \"date\" at position 4: argument 2 must be a time, got boolean true");
    }

    @Test
    void dateInZoneUsesTheZoneOffsetAndAbbreviation() {
        assertThat(eval("${ dateInZone \"2006-01-02 15:04 MST -07:00\" .AuthServer.CreatedAt \"America/New_York\" }"))
                .isEqualTo("2024-03-05 02:08 EST -05:00");
        assertThat(eval("${ dateInZone \"15:04Z07:00|-0700|-07|-07:00:00|Z070000\" .AuthServer.CreatedAt \"Asia/Kolkata\" }"))
                .isEqualTo("12:38+05:30|+0530|+05|+05:30:00|+053000");
        assertThat(eval("${ dateInZone \"15:04 MST Z07:00\" .AuthServer.CreatedAt \"+02:00\" }")).isEqualTo("09:08 +02 +02:00");
        assertThat(eval("${ dateInZone \"15:04 MST\" .AuthServer.CreatedAt \"UTC\" }")).isEqualTo("07:08 UTC");
        assertThat(evalError("${ dateInZone \"15:04\" now \"Mars/Base\" }"))
                .isEqualTo("function \"dateInZone\" at position 4: unknown time zone \"Mars/Base\"");
    }

    @Test
    void htmlDate() {
        assertThat(eval("${ htmlDate .AuthServer.CreatedAt }")).isEqualTo("2024-03-05");
        assertThat(eval("${ htmlDateInZone .Client.CreatedAt \"Asia/Tokyo\" }")).isEqualTo("2025-02-01");
    }

    @Test
    void unixEpochReturnsSecondsAsTextWhichBecomesANumberClaim() {
        assertThat(eval("${ unixEpoch .AuthServer.CreatedAt }")).isEqualTo(1709622489L);
        assertThat(eval("t${ unixEpoch .AuthServer.CreatedAt }")).isEqualTo("t1709622489");
    }

    @Test
    void nowIsTheCurrentTime() {
        long before = Instant.now().getEpochSecond();
        long value = (Long) eval("${ now | unixEpoch }");
        assertThat(value).isBetween(before, before + 5);
        String iso = (String) eval("${ now }");
        assertThat(Instant.parse(iso).getEpochSecond()).isBetween(before, before + 5);
        assertThat((String) eval("${ now | date \"2006-01-02T15:04:05Z07:00\" }"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void dateModifyAddsAGoDuration() {
        assertThat(eval("${ dateModify \"+1h30m\" .AuthServer.CreatedAt }")).isEqualTo("2024-03-05T08:38:09Z");
        assertThat(eval("${ dateModify \"-1.5h\" .AuthServer.CreatedAt }")).isEqualTo("2024-03-05T05:38:09Z");
        assertThat(eval("${ .AuthServer.CreatedAt | dateModify \"250ms\" }")).isEqualTo("2024-03-05T07:08:09.25Z");
        assertThat(eval("${ .AuthServer.CreatedAt | mustDateModify \"1h1m1s1ms1us1ns\" | date \"15:04:05.000000000\" }"))
                .isEqualTo("08:09:10.001001001");
        assertThat(eval("${ .AuthServer.CreatedAt | dateModify \"24h\" | unixEpoch }")).isEqualTo(1709622489L + 86400);
    }

    @Test
    void dateModifyRefusesBadDurations() {
        assertThat(evalError("${ dateModify \"1x\" now }"))
                .isEqualTo("function \"dateModify\" at position 4: unknown unit \"x\" in duration \"1x\"");
        assertThat(evalError("${ dateModify \"10\" now }"))
                .isEqualTo("function \"dateModify\" at position 4: missing unit in duration \"10\"");
        assertThat(evalError("${ dateModify \"h\" now }"))
                .isEqualTo("function \"dateModify\" at position 4: invalid duration \"h\"");
        assertThat(evalError("${ dateModify \"99999999999999999999h\" now }"))
                .isEqualTo("function \"dateModify\" at position 4: duration \"99999999999999999999h\" is out of range");
    }
}
