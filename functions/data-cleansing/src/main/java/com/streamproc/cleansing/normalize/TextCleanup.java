package com.streamproc.cleansing.normalize;

import java.util.Locale;
import java.util.Set;

/** Small text steps every normaliser shares. */
public final class TextCleanup {
    /**
     * Values that sources put in a field when they have nothing to put there. They count as absent: a record
     * saying {@code "phone": "n/a"} has no phone, it does not have a broken one.
     */
    private static final Set<String> PLACEHOLDERS = Set.of("", "null", "nil", "none", "n/a", "na", "unknown", "-", "--");

    private TextCleanup() {
    }

    /** Trims every kind of Unicode space (no-break spaces included), not just ASCII whitespace. */
    public static String strip(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isSpace(raw.codePointAt(start))) {
            start += Character.charCount(raw.codePointAt(start));
        }
        while (end > start && isSpace(raw.codePointBefore(end))) {
            end -= Character.charCount(raw.codePointBefore(end));
        }
        return raw.substring(start, end);
    }

    static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || codePoint == '\uFEFF';
    }

    /** @return true when the value is absent in all but form */
    public static boolean isPlaceholder(String raw) {
        return raw == null || PLACEHOLDERS.contains(strip(raw).toLowerCase(Locale.ROOT));
    }
}
