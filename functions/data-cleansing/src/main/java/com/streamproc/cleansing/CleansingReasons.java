package com.streamproc.cleansing;

/**
 * Record-level reason codes of the data-cleansing quarantine, besides the core's decoding codes
 * ({@code MALFORMED_JSON}, {@code SCHEMA_VIOLATION}, {@code UNSUPPORTED_SCHEMA_VERSION}, …). Field-level codes are
 * in {@link com.streamproc.cleansing.normalize.FieldReasons}.
 */
public final class CleansingReasons {
    /** Neither a usable e-mail nor a usable phone: nothing to identify the customer by. */
    public static final String NO_CONTACT_POINT = "NO_CONTACT_POINT";
    /**
     * {@code updatedAt} is not a readable, unambiguous timestamp, or its UTC year is outside 1970-9999: the record
     * cannot be ordered against others.
     */
    public static final String INVALID_UPDATED_AT = "INVALID_UPDATED_AT";
    /** {@code updatedAt} is further ahead of the function's clock than the allowed skew: it would win every merge. */
    public static final String UPDATED_AT_IN_FUTURE = "UPDATED_AT_IN_FUTURE";

    private CleansingReasons() {
    }
}
