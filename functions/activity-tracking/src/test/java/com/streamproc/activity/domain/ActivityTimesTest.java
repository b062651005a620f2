package com.streamproc.activity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The hand-written paths of {@link ActivityTimes} against {@code java.time}, on random and mutated inputs. */
class ActivityTimesTest {
    private static final int INPUTS = 100_000;
    private static final String LAYOUT_CHARACTERS = "0123456789-+:.TZtz ";

    @Test
    void readsDateTimesWithOffsetExactlyAsJavaTimeDoes() {
        Random random = new Random(7);
        int fastAccepted = 0;
        for (int i = 0; i < INPUTS; i++) {
            String text = i % 2 == 0 ? dateTimeText(random) : mutated(dateTimeText(random), random);

            Object expected = outcome(OffsetDateTime::parse, text, OffsetDateTime::toInstant);
            Object actual = outcome(ActivityTimes::parseOffsetDateTime, text, Function.identity());

            assertThat(actual).as(text).isEqualTo(expected);
            if (ActivityTimes.parseCommon(text, true) != null) {
                fastAccepted++;
            }
        }
        // The comparison is only worth something if the hand-written path took a good share of the inputs.
        assertThat(fastAccepted).isGreaterThan(INPUTS / 10);
    }

    @Test
    void readsSeenInstantsExactlyAsInstantParseDoes() {
        Random random = new Random(11);
        int fastAccepted = 0;
        for (int i = 0; i < INPUTS; i++) {
            String written = ActivityTimes.seenText(randomInstant(random));
            String text = i % 2 == 0 ? written : mutated(written, random);

            Object expected = outcome(Instant::parse, text, Function.identity());
            Object actual = outcome(ActivityTimes::parseSeen, text, Function.identity());

            assertThat(actual).as(text).isEqualTo(expected);
            if (ActivityTimes.parseCommon(text, false) != null) {
                fastAccepted++;
            }
        }
        assertThat(fastAccepted).isGreaterThan(INPUTS / 10);
    }

    @Test
    void writesSeenInstantsHoursAndDaysAsJavaTimeDoes() {
        DateTimeFormatter seen = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
        Random random = new Random(13);
        for (int i = 0; i < INPUTS; i++) {
            Instant instant = randomInstant(random);

            String seenText = ActivityTimes.seenText(instant);
            LocalDate day = ActivityTimes.utcDay(instant);
            LocalDateTime utcHour = ActivityTimes.utcHour(instant);

            assertThat(seenText).isEqualTo(seen.format(instant));
            assertThat(day).isEqualTo(LocalDate.ofInstant(instant, ZoneOffset.UTC));
            assertThat(utcHour).isEqualTo(LocalDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS));
            assertThat(ActivityTimes.hourText(utcHour)).isEqualTo(hour.format(utcHour));
            assertThat(ActivityTimes.parseSeen(seenText)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Test
    void writesYearsBeyondFourDigitsThroughJavaTime() {
        Instant late = Instant.parse("+10000-01-01T00:00:00.123Z");

        String text = ActivityTimes.seenText(late);

        assertThat(text).isEqualTo("+10000-01-01T00:00:00.123Z");
        assertThat(ActivityTimes.parseSeen(text)).isEqualTo(late);
    }

    /** Mostly plausible date-times with offset, with fields now and then out of range and varying layouts. */
    private static String dateTimeText(Random random) {
        StringBuilder text = new StringBuilder();
        text.append(pad(random.nextInt(20) == 0 ? random.nextInt(10_000) : 1960 + random.nextInt(100), 4)).append('-')
                .append(pad(random.nextInt(14), 2)).append('-')
                .append(pad(random.nextInt(33), 2)).append(random.nextInt(30) == 0 ? 't' : 'T')
                .append(pad(random.nextInt(26), 2)).append(':')
                .append(pad(random.nextInt(62), 2));
        if (random.nextInt(20) != 0) {
            text.append(':').append(pad(random.nextInt(62), 2));
            int fraction = random.nextInt(12);
            if (fraction > 0) {
                text.append('.');
                for (int i = 0; i < fraction - 1; i++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
        }
        switch (random.nextInt(6)) {
            case 0, 1 -> text.append(random.nextInt(30) == 0 ? 'z' : 'Z');
            case 2, 3, 4 -> text.append(random.nextBoolean() ? '+' : '-').append(pad(random.nextInt(20), 2))
                    .append(':').append(pad(random.nextInt(62), 2));
            default -> text.append(random.nextBoolean() ? '+' : '-').append(pad(random.nextInt(19), 2))
                    .append(random.nextBoolean() ? ":" + pad(random.nextInt(60), 2) + ":" + pad(random.nextInt(62), 2)
                            : "");
        }
        return text.toString();
    }

    /** One to three random edits: a character replaced, inserted or removed. */
    private static String mutated(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(out.length() + 1);
            char c = LAYOUT_CHARACTERS.charAt(random.nextInt(LAYOUT_CHARACTERS.length()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, c);
                    }
                }
                case 1 -> out.insert(at, c);
                default -> {
                    if (at < out.length() && out.length() > 1) {
                        out.deleteCharAt(at);
                    }
                }
            }
        }
        return out.toString();
    }

    private static Instant randomInstant(Random random) {
        long first = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
        long end = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;
        long second = random.nextInt(10) == 0 ? first + (long) (random.nextDouble() * (end - first))
                : (long) (random.nextDouble() * 4_000_000_000L);
        return Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
    }

    private static String pad(int value, int width) {
        StringBuilder text = new StringBuilder(Integer.toString(value));
        while (text.length() < width) {
            text.insert(0, '0');
        }
        return text.toString();
    }

    /** The parsed instant, or the kind of failure. */
    private static <T> Object outcome(Function<String, T> parse, String text, Function<T, Instant> instant) {
        try {
            return instant.apply(parse.apply(text));
        } catch (DateTimeException e) {
            return "rejected";
        }
    }
}
