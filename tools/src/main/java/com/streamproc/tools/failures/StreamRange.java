package com.streamproc.tools.failures;

import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/** What reading a given-up range back from its stream gave. */
public sealed interface StreamRange {

    /** Every record of the range, in sequence order, as the stream holds them (KPL aggregates as they are). */
    record Found(List<Record> records) implements StreamRange {
        public Found {
            records = List.copyOf(records);
        }
    }

    /** The range, or part of it, is no longer in the stream: trimmed by retention, or its shard is gone. */
    record Expired(String reason) implements StreamRange {
    }
}
