package com.streamproc.e2e.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Ways to break a valid record's bytes that every function must quarantine with a shared decoder code. */
public final class Poison {
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
