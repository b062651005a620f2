package com.streamproc.cleansing.normalize;

import java.text.Normalizer;

/**
 * Normalises a person's name: control and invisible formatting characters removed, every run of whitespace
 * (tabs, line breaks, no-break spaces) collapsed to one space, trimmed, Unicode NFC (so "José" typed with a
 * combining accent equals "José" typed precomposed).
 *
 * <p>Case is kept as sent: "McDonald", "van der Berg" and "DE LA CRUZ" cannot be re-cased by rule without
 * getting some names wrong. A name needs at least one letter.
 */
public final class NameNormalizer {
    /** Longer names are dropped: no real name needs more, and stored items stay small. */
    public static final int MAX_CODE_POINTS = 200;

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    public Normalized<String> normalize(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean pendingSpace = false;
        boolean hasLetter = false;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (TextCleanup.isSpace(cp) || Character.isISOControl(cp)) {
                pendingSpace = out.length() > 0;
            } else if (Character.getType(cp) == Character.FORMAT
                    && cp != ZERO_WIDTH_NON_JOINER && cp != ZERO_WIDTH_JOINER) {
                // Zero-width spaces, BOMs, bidi marks: invisible, and they would split one name into two.
                continue;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
                hasLetter |= Character.isLetter(cp);
            }
        }
        if (!hasLetter) {
            return Normalized.invalid(FieldReasons.INVALID_NAME);
        }
        String name = Normalizer.normalize(out, Normalizer.Form.NFC);
        if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
            return Normalized.invalid(FieldReasons.NAME_TOO_LONG);
        }
        return Normalized.valid(name);
    }
}
