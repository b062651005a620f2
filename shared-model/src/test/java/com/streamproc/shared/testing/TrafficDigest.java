package com.streamproc.shared.testing;

import com.streamproc.shared.traffic.TrafficRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A fingerprint of generated records (partition keys, bytes and what the generator expects, in order): a test pins a
 * generator's benchmark workload with it, so that a change to the generator that would change the benchmarks'
 * records fails a test instead of silently moving their figures.
 */
public final class TrafficDigest {
    private TrafficDigest() {
    }

    /** The SHA-256 of {@code records}, in hex. */
    public static String of(List<TrafficRecord> records) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (TrafficRecord record : records) {
            sha.update(record.partitionKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(record.data());
            sha.update((byte) 0);
            sha.update(record.expected().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
