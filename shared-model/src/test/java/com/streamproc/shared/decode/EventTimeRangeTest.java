package com.streamproc.shared.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimeRangeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1970-01-01T00:00:00Z, true",
        "1969-12-31T23:59:59.999999999Z, false",
        "1970-01-01T00:59:59+01:00, false",
        "2026-11-27T10:00:00+01:00, true",
        "9999-12-31T23:59:59.999999999Z, true",
        "9999-12-31T23:30:00-01:00, false",
        "+10000-01-01T00:00:00Z, false",
        "-999999999-01-01T00:00:00+01:00, false",
        "+999999999-12-31T23:59:59+18:00, false",
        "0000-01-01T00:00:00Z, false",
    })
    void containsInstantsWhoseUtcYearIsFrom1970To9999(String dateTime, boolean expected) {
        Instant instant = OffsetDateTime.parse(dateTime).toInstant();

        assertThat(EventTimeRange.contains(instant)).isEqualTo(expected);
    }
}
