package com.streamproc.cleansing;

import com.streamproc.cleansing.merge.CustomerField;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A source record after normalisation, ready to merge into its customer.
 *
 * @param customerKey {@code EMAIL#<normalised e-mail>}, or {@code PHONE#<E.164>} when the record has no usable
 *                    e-mail
 * @param source      {@code "system:recordId"}
 * @param updatedAt   when the source last changed the record
 * @param values      the usable, normalised field values
 * @param dropped     the fields that were present but unusable, with their reason codes
 */
public record CleansedRecord(String customerKey, String source, Instant updatedAt,
                             Map<CustomerField, String> values, Map<CustomerField, String> dropped)
        implements CleansingOutcome {
    public CleansedRecord {
        Objects.requireNonNull(customerKey, "customerKey");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(updatedAt, "updatedAt");
        values = immutableCopy(values);
        dropped = immutableCopy(dropped);
    }

    private static Map<CustomerField, String> immutableCopy(Map<CustomerField, String> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(map));
    }
}
