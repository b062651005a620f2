package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.cleansing.decode.CustomerRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The IT's generator and the cleanser agree record by record, so the IT's comparison is about merging and storing. */
class GeneratedCustomerStreamTest {
    private final CustomerRecordDecoder decoder = DataCleansingDescriptor.newDecoder(
            Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyGeneratedRecordCleansesToWhatTheGeneratorExpects() {
        for (GeneratedCustomerStream.Item item : GeneratedCustomerStream.generate(42, 60, 10)) {
            ByteBuffer data = ByteBuffer.wrap(item.json().getBytes(StandardCharsets.UTF_8));
            if (item.expected() != null) {
                assertThat(decode(data)).as(item.partitionKey()).isEqualTo(item.expected());
            } else {
                assertThat(poisonReason(data)).as(item.partitionKey()).isEqualTo(item.poisonReason());
            }
        }
    }

    private CleansedRecord decode(ByteBuffer data) {
        try {
            return decoder.decode(data);
        } catch (PoisonRecordException e) {
            throw new AssertionError("unexpected poison " + e.reasonCode() + " " + e.fieldReasons());
        }
    }

    private String poisonReason(ByteBuffer data) {
        try {
            decoder.decode(data);
            return "none";
        } catch (PoisonRecordException e) {
            return e.reasonCode();
        }
    }
}
