package com.streamproc.activity.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How times appear in keys and items: UTC days ({@code 2026-11-27}), UTC hours ({@code 2026-11-27T10}) and
 * first/last-seen instants with exactly three fraction digits, so that stored values sort as text in time order.
 */
public final class ActivityTimes {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
    private static final DateTimeFormatter SEEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ActivityTimes() {
    }

    public static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    public static LocalDateTime utcHour(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    }

    public static String hourText(LocalDateTime hour) {
        return HOUR.format(hour);
    }

    /** First/last seen are kept to the millisecond. */
    public static Instant seen(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String seenText(Instant instant) {
        return SEEN.format(instant);
    }

    public static Instant parseSeen(String text) {
        return Instant.parse(text);
    }
}
