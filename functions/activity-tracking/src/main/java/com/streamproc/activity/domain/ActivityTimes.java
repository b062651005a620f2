package com.streamproc.activity.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How times appear in keys and items: UTC days ({@code 2026-11-27}), UTC hours ({@code 2026-11-27T10}) and
 * first/last-seen instants with exactly three fraction digits, so that stored values sort as text in time order.
 *
 * <p>Every event goes through these on the batch's critical path, so the common layouts (four-digit years, the
 * layouts producers and this function write) are read and written by hand; anything else goes through
 * {@code java.time}, whose results the hand-written paths equal (checked in {@code ActivityTimesTest}).
 */
public final class ActivityTimes {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
    private static final DateTimeFormatter SEEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long SECONDS_PER_DAY = 86_400;
    /** Seconds from 0000-01-01T00:00:00Z to 10000-01-01T00:00:00Z: the instants written by hand. */
    private static final long FIRST_FOUR_DIGIT_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    private static final long END_FOUR_DIGIT_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;
    /** The largest offset {@link ZoneOffset} allows, in seconds. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private ActivityTimes() {
    }

    /** The UTC day, from the epoch second ({@code LocalDate.ofInstant} builds the zone's rules on every call). */
    public static LocalDate utcDay(Instant instant) {
        return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
    }

    public static LocalDateTime utcHour(Instant instant) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), 3600) * 3600, 0, ZoneOffset.UTC);
    }

    public static String hourText(LocalDateTime hour) {
        int year = hour.getYear();
        if (year < 0 || year > 9999) {
            return HOUR.format(hour);
        }
        char[] out = new char[13];
        date(out, year, hour.getMonthValue(), hour.getDayOfMonth());
        digits(out, 11, hour.getHour(), 2);
        return new String(out);
    }

    /** First/last seen are kept to the millisecond. */
    public static Instant seen(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code 2026-11-27T10:15:30.120Z}: the instant to the millisecond, in UTC. */
    public static String seenText(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < FIRST_FOUR_DIGIT_SECOND || second >= END_FOUR_DIGIT_SECOND) {
            return SEEN.format(instant);
        }
        long day = Math.floorDiv(second, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] out = new char[24];
        date(out, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    /** Reads what {@link #seenText} wrote (and any other text {@link Instant#parse} reads, the same way). */
    public static Instant parseSeen(String text) {
        Instant fast = parseCommon(text, false);
        return fast != null ? fast : Instant.parse(text);
    }

    /**
     * An ISO-8601 date-time with offset, as {@code OffsetDateTime.parse(text).toInstant()} reads it.
     *
     * @throws DateTimeException where that throws
     */
    public static Instant parseOffsetDateTime(String text) {
        Instant fast = parseCommon(text, true);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /**
     * {@code uuuu-MM-ddTHH:mm:ss}, then optionally {@code .} and 1-9 fraction digits, then {@code Z} or (with
     * {@code offsets}) {@code ±HH:MM}; a valid date and time only. Null for anything else, including valid text in
     * another layout: the caller then asks {@code java.time}.
     */
    static Instant parseCommon(String text, boolean offsets) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int digits = 0;
            at++;
            while (at < length && digits < 10 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                nanos = nanos * 10 + (text.charAt(at) - '0');
                digits++;
                at++;
            }
            if (digits == 0 || digits > 9) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (at >= length) {
            return null;
        }
        int offsetSeconds;
        char sign = text.charAt(at);
        if (sign == 'Z' && at + 1 == length) {
            offsetSeconds = 0;
        } else if (offsets && (sign == '+' || sign == '-') && at + 6 == length && text.charAt(at + 3) == ':') {
            int offsetHours = number(text, at + 1, 2);
            int offsetMinutes = number(text, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
            if (offsetSeconds > MAX_OFFSET_SECONDS) {
                return null;
            }
            offsetSeconds = sign == '-' ? -offsetSeconds : offsetSeconds;
        } else {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The non-negative decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** {@code uuuu-MM-ddT} at the start of {@code out}, for a four-digit year. */
    private static void date(char[] out, int year, int month, int day) {
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
    }

    private static void digits(char[] out, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
