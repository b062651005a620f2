package com.streamproc.e2e.generate;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What a customer-record-stream record is meant to be. */
public sealed interface CustomerIntent {

    /**
     * A record that cleanses, described by canonical values (what the normalisers must make of the messy input).
     *
     * @param customerKey {@code EMAIL#<address>} or {@code PHONE#<E.164>}
     * @param source      {@code system:recordId}
     * @param values      field name ({@code email}, {@code phone}, {@code fullName}, {@code country},
     *                    {@code birthDate}) to normalised value
     * @param drops       field name to the reason its present value is unusable
     */
    record Valid(String customerKey, String source, Instant updatedAt, Map<String, String> values,
                 Map<String, String> drops) implements CustomerIntent {
        public Valid {
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(updatedAt, "updatedAt");
            values = Map.copyOf(new TreeMap<>(values));
            drops = Map.copyOf(new TreeMap<>(drops));
        }
    }

    /**
     * Quarantined with this reason code.
     *
     * @param keyIfAccepted the customer key the record would have created had it been accepted (so the table must
     *                      not have it), or null
     */
    record Poison(String reason, String keyIfAccepted) implements CustomerIntent {
    }
}
