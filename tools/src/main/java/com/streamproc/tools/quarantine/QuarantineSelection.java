package com.streamproc.tools.quarantine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Which quarantined records to list or redrive. At most one of {@code reason} and {@code source} picks the index
 * (by reason if given, else by source, else by day); the other, if given, filters. {@code from}/{@code to} bound
 * {@code quarantinedAt} (to the second; {@code to} exclusive). {@code records} names records directly.
 *
 * @param records {@code shardId/sequenceNumber} ids; when not empty, the other criteria filter them
 */
public record QuarantineSelection(String reason, String source, Instant from, Instant to, List<String> records) {
    /** Days the day index is read for when no reason or source narrows the search, at most. */
    public static final int MAX_DAYS = 92;

    public QuarantineSelection {
        records = records == null ? List.of() : List.copyOf(records);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: --from must be before --to");
        }
    }

    /** A selection of everything quarantined on one UTC day. */
    public static QuarantineSelection day(LocalDate day) {
        return new QuarantineSelection(null, null, Instant.parse(day + "T00:00:00Z"),
                Instant.parse(day.plusDays(1) + "T00:00:00Z"), List.of());
    }

    /** True if anything at all narrows it (redrive refuses to take everything by default). */
    public boolean isNarrowed() {
        return reason != null || source != null || from != null || to != null || !records.isEmpty();
    }
}
