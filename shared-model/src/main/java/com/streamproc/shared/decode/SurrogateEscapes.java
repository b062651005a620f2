package com.streamproc.shared.decode;

/**
 * Finds unpaired UTF-16 surrogates in JSON text.
 *
 * <p>The record's bytes have already been decoded as strict UTF-8, and strict UTF-8 cannot encode a lone surrogate
 * (the CESU-8 form is refused as {@link ReasonCodes#INVALID_UTF8}). So the only way a record can carry one is a
 * JSON escape: <code>&#92;uD800</code> not followed by a low-surrogate escape, or a low-surrogate escape
 * (<code>&#92;uDC00</code>) not preceded by a high one. Looking at the escapes is therefore exact, and much cheaper
 * than looking at every decoded string: a record without a backslash (most records) costs one
 * {@link String#indexOf(int)}, and the parse itself is not repeated.
 *
 * <p>Exact for well-formed JSON, where every backslash is inside a string and starts an escape. On text that is not
 * well-formed JSON the answer means nothing; the caller checks well-formedness before reporting it.
 */
final class SurrogateEscapes {
    private static final int ESCAPE_LENGTH = 6; // backslash, 'u', four hex digits

    private SurrogateEscapes() {
    }

    /**
     * @return the index in {@code json} of the first escape that is an unpaired surrogate, or -1 when there is none
     */
    static int firstUnpaired(String json) {
        int at = json.indexOf('\\');
        while (at >= 0) {
            if (at + 1 >= json.length() || json.charAt(at + 1) != 'u') {
                // A two-character escape (\\, \", \n, ...): skipping both keeps "\\u" from looking like an escape.
                at = json.indexOf('\\', at + 2);
                continue;
            }
            int unit = hexUnit(json, at + 2);
            if (unit < 0) {
                // Not a valid \\u escape: the parser rejects it as malformed JSON.
                at = json.indexOf('\\', at + 2);
            } else if (Character.isHighSurrogate((char) unit)) {
                int next = at + ESCAPE_LENGTH;
                boolean paired = json.startsWith("\\u", next)
                        && hexUnit(json, next + 2) >= 0
                        && Character.isLowSurrogate((char) hexUnit(json, next + 2));
                if (!paired) {
                    return at;
                }
                at = json.indexOf('\\', next + ESCAPE_LENGTH);
            } else if (Character.isLowSurrogate((char) unit)) {
                return at; // a low surrogate not consumed as the partner of a high one just before it
            } else {
                at = json.indexOf('\\', at + ESCAPE_LENGTH);
            }
        }
        return -1;
    }

    /** @return the value of the four ASCII hex digits at {@code from}, or -1 when they are not four hex digits */
    private static int hexUnit(String text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            char c = text.charAt(i);
            int digit;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            } else {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
