package com.streamproc.cleansing.normalize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads dates and timestamps in the formats sources actually send, with {@code java.time}'s strict parsers.
 *
 * <p>Accepted:
 * <ul>
 *   <li>ISO-8601: {@code 2024-03-05}, {@code 2024-03-05T10:15:30Z}, with an offset ({@code +01:00}, {@code +0100},
 *       {@code +01}), without one (read as UTC), fractions of a second, a space instead of {@code T};
 *       the basic date {@code 20240305}; RFC 1123 ({@code Tue, 5 Mar 2024 10:15:30 GMT}).</li>
 *   <li>Numeric day/month/year: {@code yyyy/MM/dd}, {@code yyyy.MM.dd}, {@code dd.MM.yyyy} (always day first),
 *       {@code dd/MM/yyyy} and {@code MM/dd/yyyy} (also with {@code -}), each optionally followed by
 *       {@code HH:mm[:ss]}. A date that reads as two different days both ways (03/04/2020) is
 *       {@link FieldReasons#AMBIGUOUS_DATE}; one that reads the same (05/05/2020) or only one way (13/04/2020,
 *       04/13/2020) is accepted.</li>
 *   <li>English month names: {@code 5 March 2024}, {@code 5 Mar 2024}, {@code March 5, 2024}, {@code 05-Mar-2024}.</li>
 *   <li>Epoch numbers: up to 11 digits are seconds (a fraction allowed), 12 to 15 digits milliseconds; a leading
 *       minus for dates before 1970. Exactly 8 unsigned digits are the ISO basic date, not seconds.</li>
 * </ul>
 * Two-digit years are not accepted: their century is a guess.
 */
public final class DateNormalizer {
    private static final int BASIC_DATE_DIGITS = 8;
    private static final int MAX_EPOCH_SECOND_DIGITS = 11;
    private static final int MAX_EPOCH_MILLI_DIGITS = 15;
    private static final int MAX_LENGTH = 64;

    private static final DateTimeFormatter ISO_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter YEAR_DASH = numeric("uuuu-M-d");
    private static final DateTimeFormatter YEAR_SLASH = numeric("uuuu/M/d");
    private static final DateTimeFormatter YEAR_DOT = numeric("uuuu.M.d");
    private static final DateTimeFormatter DAY_DOT = numeric("d.M.uuuu");
    private static final DateTimeFormatter DAY_SLASH = numeric("d/M/uuuu");
    private static final DateTimeFormatter MONTH_SLASH = numeric("M/d/uuuu");
    private static final DateTimeFormatter DAY_DASH = numeric("d-M-uuuu");
    private static final DateTimeFormatter MONTH_DASH = numeric("M-d-uuuu");
    private static final List<DateTimeFormatter> NAMED_MONTH_FIRST = List.of(named("MMMM d, uuuu"),
            named("MMM d, uuuu"), named("MMMM d uuuu"), named("MMM d uuuu"));
    private static final DateTimeFormatter DAY_NAMED_DASH = named("d-MMM-uuuu");
    private static final List<DateTimeFormatter> DAY_NAMED_SPACE = List.of(named("d MMMM uuuu"), named("d MMM uuuu"));

    /**
     * Every other accepted layout. They are built so that at most one reading of a string exists, except for
     * the day-first/month-first pairs: when those give two different days, the date is ambiguous.
     */
    private static final List<DateTimeFormatter> LAYOUTS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.BASIC_ISO_DATE,
            YEAR_SLASH, YEAR_DOT, YEAR_DASH,
            DAY_DOT,
            DAY_SLASH, MONTH_SLASH,
            DAY_DASH, MONTH_DASH,
            DAY_NAMED_SPACE.get(0), DAY_NAMED_SPACE.get(1), NAMED_MONTH_FIRST.get(0), NAMED_MONTH_FIRST.get(1),
            NAMED_MONTH_FIRST.get(2), NAMED_MONTH_FIRST.get(3), DAY_NAMED_DASH,
            DateTimeFormatter.RFC_1123_DATE_TIME);

    /** Every layout, the ISO date-time first: for shapes {@link #candidates} does not know. */
    private static final List<DateTimeFormatter> ALL = concat(List.of(ISO_DATE_TIME), LAYOUTS);

    private static List<DateTimeFormatter> concat(List<DateTimeFormatter> first, List<DateTimeFormatter> rest) {
        List<DateTimeFormatter> all = new ArrayList<>(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    /** A timestamp as an instant; a date without a time is the start of its day in UTC. */
    public Normalized<Instant> toInstant(String raw) {
        Normalized<TemporalAccessor> read = read(raw);
        if (!(read instanceof Normalized.Valid<TemporalAccessor> valid)) {
            return Normalized.invalid(read.reasonOrNull());
        }
        TemporalAccessor value = valid.value();
        if (value instanceof Instant instant) {
            return Normalized.valid(instant);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return Normalized.valid(dateTime.toInstant());
        }
        if (value instanceof LocalDateTime dateTime) {
            return Normalized.valid(dateTime.toInstant(ZoneOffset.UTC));
        }
        return Normalized.valid(((LocalDate) value).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * A calendar date. A timestamp gives the date as written in its own offset (a birth date is a calendar day,
     * not an instant: {@code 1990-05-17T00:00:00+02:00} is 17 May, not 16 May UTC); an epoch number gives the
     * UTC date.
     */
    public Normalized<LocalDate> toDate(String raw) {
        Normalized<TemporalAccessor> read = read(raw);
        if (!(read instanceof Normalized.Valid<TemporalAccessor> valid)) {
            return Normalized.invalid(read.reasonOrNull());
        }
        TemporalAccessor value = valid.value();
        if (value instanceof Instant instant) {
            return Normalized.valid(LocalDate.ofInstant(instant, ZoneOffset.UTC));
        }
        if (value instanceof OffsetDateTime dateTime) {
            return Normalized.valid(dateTime.toLocalDate());
        }
        if (value instanceof LocalDateTime dateTime) {
            return Normalized.valid(dateTime.toLocalDate());
        }
        return Normalized.valid((LocalDate) value);
    }

    /** @return an {@link Instant}, {@link OffsetDateTime}, {@link LocalDateTime} or {@link LocalDate} */
    private Normalized<TemporalAccessor> read(String raw) {
        String text = TextCleanup.strip(raw);
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return Normalized.invalid(FieldReasons.UNPARSEABLE_DATE);
        }
        if (isEpochNumber(text)) {
            return epoch(text);
        }
        if (text.length() > 10 && text.charAt(10) == ' ' && text.charAt(4) == '-') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        Set<TemporalAccessor> readings = new LinkedHashSet<>();
        for (DateTimeFormatter layout : candidates(text)) {
            parse(layout, text, readings);
        }
        if (readings.isEmpty()) {
            return Normalized.invalid(FieldReasons.UNPARSEABLE_DATE);
        }
        if (readings.size() > 1) {
            return Normalized.invalid(FieldReasons.AMBIGUOUS_DATE);
        }
        return Normalized.valid(readings.iterator().next());
    }

    /**
     * The layouts that can read {@code text}, chosen by its shape (how many digits it starts with and what
     * follows them), so that the others are not tried: a layout that does not match throws, and throwing is what
     * reading a date cost. A shape not listed here tries every layout.
     */
    private static List<DateTimeFormatter> candidates(String text) {
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            if (Character.isLetter(text.charAt(0))) {
                List<DateTimeFormatter> named = new ArrayList<>(NAMED_MONTH_FIRST);
                named.add(DateTimeFormatter.RFC_1123_DATE_TIME);
                return named;
            }
            return ALL;
        }
        if (digits == text.length()) {
            return digits == BASIC_DATE_DIGITS ? List.of(DateTimeFormatter.BASIC_ISO_DATE) : ALL;
        }
        char separator = text.charAt(digits);
        boolean letterNext = digits + 1 < text.length() && Character.isLetter(text.charAt(digits + 1));
        if (digits == 4) {
            return switch (separator) {
                case '-' -> List.of(ISO_DATE_TIME, DateTimeFormatter.ISO_LOCAL_DATE, YEAR_DASH);
                case '/' -> List.of(YEAR_SLASH);
                case '.' -> List.of(YEAR_DOT);
                default -> ALL;
            };
        }
        if (digits <= 2) {
            return switch (separator) {
                case '.' -> List.of(DAY_DOT);
                case '/' -> List.of(DAY_SLASH, MONTH_SLASH);
                case '-' -> letterNext ? List.of(DAY_NAMED_DASH) : List.of(DAY_DASH, MONTH_DASH);
                case ' ' -> letterNext ? List.of(DAY_NAMED_SPACE.get(0), DAY_NAMED_SPACE.get(1),
                        DateTimeFormatter.RFC_1123_DATE_TIME) : ALL;
                default -> ALL;
            };
        }
        return ALL;
    }

    private static void parse(DateTimeFormatter layout, String text, Set<TemporalAccessor> readings) {
        try {
            readings.add(layout.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from));
        } catch (DateTimeParseException e) {
            // Not this layout.
        }
    }

    /** Digits with an optional sign and fraction, and not the 8-digit basic ISO date. */
    private static boolean isEpochNumber(String text) {
        boolean signed = text.charAt(0) == '-' || text.charAt(0) == '+';
        int digits = 0;
        int dots = 0;
        for (int i = signed ? 1 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                dots++;
            } else {
                return false;
            }
        }
        if (digits == 0 || dots > 1) {
            return false;
        }
        return signed || dots == 1 || digits != BASIC_DATE_DIGITS;
    }

    private static Normalized<TemporalAccessor> epoch(String text) {
        try {
            BigDecimal number = new BigDecimal(text);
            int integerDigits = number.abs().toBigInteger().toString().length();
            Instant instant;
            if (integerDigits <= MAX_EPOCH_SECOND_DIGITS) {
                BigDecimal seconds = number.setScale(0, RoundingMode.FLOOR);
                long nanos = number.subtract(seconds).movePointRight(9).setScale(0, RoundingMode.DOWN)
                        .longValueExact();
                instant = Instant.ofEpochSecond(seconds.longValueExact(), nanos);
            } else if (integerDigits <= MAX_EPOCH_MILLI_DIGITS && number.scale() <= 0) {
                instant = Instant.ofEpochMilli(number.longValueExact());
            } else {
                return Normalized.invalid(FieldReasons.UNPARSEABLE_DATE);
            }
            return Normalized.valid(instant);
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            return Normalized.invalid(FieldReasons.UNPARSEABLE_DATE);
        }
    }

    private static DateTimeFormatter numeric(String datePattern) {
        return new DateTimeFormatterBuilder()
                .appendPattern(datePattern)
                .optionalStart().appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static DateTimeFormatter named(String datePattern) {
        return new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(datePattern)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.STRICT);
    }
}
