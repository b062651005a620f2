package com.streamproc.e2e.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Ways to break a valid record's bytes that every function must quarantine with a shared decoder code. */
public final class Poison {
    /**
     * The reason of a record that must be quarantined with some reason code, whichever: the hostile records
     * ({@link HostileRecords}) break several rules at once, and which one a decoder names first is its own business.
     */
    public static final String ANY_REASON = "*";

    private Poison() {
    }

    /** Cut off before its end: never well-formed JSON. */
    public static byte[] truncated(String json, Random random) {
        int cut = 1 + random.nextInt(Math.max(1, json.length() - 2));
        return json.substring(0, cut).getBytes(StandardCharsets.UTF_8);
    }

    /** One byte replaced by 0xFF, which never occurs in UTF-8. */
    public static byte[] invalidUtf8(String json, Random random) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(bytes, bytes.length);
        broken[1 + random.nextInt(bytes.length - 2)] = (byte) 0xFF;
        return broken;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
