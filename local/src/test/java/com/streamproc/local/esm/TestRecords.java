package com.streamproc.local.esm;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds stream records and mapping parts for the event source mapping tests. */
final class TestRecords {
    static final String SHARD = "shardId-000000000000";
    static final BigInteger FIRST = new BigInteger("49590338271490256608559692538361571095921575989136588898");
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    static final SourceIdentity SOURCE = new SourceIdentity("arn:aws:kinesis:us-east-1:000000000000:stream/local-orders",
            "us-east-1", "arn:aws:iam::000000000000:role/local-function-role",
            "arn:aws:lambda:us-east-1:000000000000:function:local-orders");

    private TestRecords() {
    }

    /** {@code count} records with keys k0, k1, ... (cycling through {@code keys}), sequence numbers counting up. */
    static List<StreamRecord> records(int count, int keys, Instant arrival) {
        List<StreamRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record(i, "k" + (i % keys), arrival));
        }
        return records;
    }

    static StreamRecord record(int index, String key, Instant arrival) {
        String json = "{\"n\":" + index + ",\"key\":\"" + key + "\"}";
        return new StreamRecord(SHARD, FIRST.add(BigInteger.valueOf(index * 10L)).toString(), key,
                json.getBytes(StandardCharsets.UTF_8), arrival);
    }

    /** Index a record was built with (its {@code n}). */
    static int indexOf(StreamRecord record) {
        return new BigInteger(record.sequenceNumber()).subtract(FIRST).divide(BigInteger.TEN).intValue();
    }

    static List<Integer> indexes(List<StreamRecord> records) {
        return records.stream().map(TestRecords::indexOf).toList();
    }

    static String failureAt(StreamRecord record) {
        return "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + record.sequenceNumber() + "\"}]}";
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
