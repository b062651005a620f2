package com.streamproc.cleansing.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateNormalizerTest {
    private final DateNormalizer normalizer = new DateNormalizer();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            2024-03-05T10:15:30Z                | 2024-03-05T10:15:30Z
            2024-03-05T10:15:30.123Z            | 2024-03-05T10:15:30.123Z
            2024-03-05T10:15:30.123456789Z      | 2024-03-05T10:15:30.123456789Z
            2024-03-05t10:15:30z                | 2024-03-05T10:15:30Z
            2024-03-05T11:15:30+01:00           | 2024-03-05T10:15:30Z
            2024-03-05T11:15:30+0100            | 2024-03-05T10:15:30Z
            2024-03-05T05:15:30-05              | 2024-03-05T10:15:30Z
            2024-03-05T10:15:30                 | 2024-03-05T10:15:30Z
            2024-03-05T10:15                    | 2024-03-05T10:15:00Z
            2024-03-05 10:15:30                 | 2024-03-05T10:15:30Z
            2024-03-05 11:15:30+01:00           | 2024-03-05T10:15:30Z
            2024-03-05                          | 2024-03-05T00:00:00Z
            20240305                            | 2024-03-05T00:00:00Z
            "Tue, 5 Mar 2024 10:15:30 GMT"      | 2024-03-05T10:15:30Z
            1709633730                          | 2024-03-05T10:15:30Z
            1709633730123                       | 2024-03-05T10:15:30.123Z
            1709633730.5                        | 2024-03-05T10:15:30.500Z
            05.03.2024                          | 2024-03-05T00:00:00Z
            05.03.2024 10:15                    | 2024-03-05T10:15:00Z
            2024/03/05                          | 2024-03-05T00:00:00Z
            13/03/2024 10:15:30                 | 2024-03-13T10:15:30Z
            03/13/2024                          | 2024-03-13T00:00:00Z
            " 2024-03-05T10:15:30Z "            | 2024-03-05T10:15:30Z
            """)
    void readsTimestampsAsUtcInstants(String raw, String expected) {
        assertThat(normalizer.toInstant(raw)).isEqualTo(Normalized.valid(Instant.parse(expected)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1990-05-17                    | 1990-05-17
            19900517                      | 1990-05-17
            17/05/1990                    | 1990-05-17
            05/17/1990                    | 1990-05-17
            17-05-1990                    | 1990-05-17
            05-17-1990                    | 1990-05-17
            17.05.1990                    | 1990-05-17
            1.5.1990                      | 1990-05-01
            05/05/1990                    | 1990-05-05
            1990/05/17                    | 1990-05-17
            1990.05.17                    | 1990-05-17
            1990-5-7                      | 1990-05-07
            17 May 1990                   | 1990-05-17
            "May 17, 1990"                | 1990-05-17
            "Sep 3, 1985"                 | 1985-09-03
            3 september 1985              | 1985-09-03
            03-Sep-1985                   | 1985-09-03
            1990-05-17T00:00:00+02:00     | 1990-05-17
            1990-05-17T23:30:00-05:00     | 1990-05-17
            1990-05-17T08:00:00Z          | 1990-05-17
            642902400                     | 1990-05-17
            -315619200                    | 1960-01-01
            -315619200000                 | 1960-01-01
            29/02/2000                    | 2000-02-29
            """)
    void readsCalendarDates(String raw, String expected) {
        assertThat(normalizer.toDate(raw)).isEqualTo(Normalized.valid(LocalDate.parse(expected)));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            03/04/2020              | AMBIGUOUS_DATE
            1/2/1990                | AMBIGUOUS_DATE
            12/11/1985 10:00        | AMBIGUOUS_DATE
            03-04-2020              | AMBIGUOUS_DATE
            03/04/20                | UNPARSEABLE_DATE
            31/02/2020              | UNPARSEABLE_DATE
            29/02/2019              | UNPARSEABLE_DATE
            2020-13-01              | UNPARSEABLE_DATE
            2020-02-30              | UNPARSEABLE_DATE
            13/13/2020              | UNPARSEABLE_DATE
            2024-03-05T25:00:00Z    | UNPARSEABLE_DATE
            yesterday               | UNPARSEABLE_DATE
            20241399                | UNPARSEABLE_DATE
            1.2.3.4                 | UNPARSEABLE_DATE
            12345678901234567       | UNPARSEABLE_DATE
            1709633730123.5         | UNPARSEABLE_DATE
            Mar 2024                | UNPARSEABLE_DATE
            """)
    void rejectsAmbiguousAndUnreadableDates(String raw, String reason) {
        assertThat(normalizer.toDate(raw)).isEqualTo(Normalized.invalid(reason));
        assertThat(normalizer.toInstant(raw)).isEqualTo(Normalized.invalid(reason));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            +999999999-12-31T23:59:59-18:00     | +1000000000-01-01T17:59:59Z
            -999999999-01-01T00:00:00+18:00     | -1000000000-12-31T06:00:00Z
            +10000-01-01                        | +10000-01-01T00:00:00Z
            """)
    void readsEvenTheExtremeIsoYearsWithoutFailing(String raw, String expected) {
        // The range a field allows is the caller's to check (updatedAt: the UTC years 1970-9999).
        assertThat(normalizer.toInstant(raw)).isEqualTo(Normalized.valid(Instant.parse(expected)));
    }
}
