package com.streamproc.e2e.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;

/** The UTC days a state check asks about. */
final class UtcDays {
    private UtcDays() {
    }

    /** {@code count} UTC days, starting {@code fromOffset} days from the day of {@code first}. */
    static Set<LocalDate> from(Instant first, int fromOffset, int count) {
        LocalDate day = LocalDate.ofInstant(first, ZoneOffset.UTC).plusDays(fromOffset);
        Set<LocalDate> days = new LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            days.add(day.plusDays(i));
        }
        return days;
    }
}
