package com.streamproc.cleansing.normalize;

/**
 * Field-level reason codes: why one field's raw value was unusable. They appear as {@code "<field>:<CODE>"} in a
 * quarantined record's {@code fieldReasons} and in a customer's {@code droppedFields}.
 */
public final class FieldReasons {
    /** A field needed to accept the record is absent, null, blank or a placeholder such as "n/a". */
    public static final String MISSING = "MISSING";
    /** The value is neither a string nor a number (an object or array). */
    public static final String WRONG_TYPE = "WRONG_TYPE";
    /** Not an address Apache Commons Validator's EmailValidator accepts (or longer than 254 characters). */
    public static final String INVALID_EMAIL = "INVALID_EMAIL";
    /** libphonenumber could not parse it, or the number is not valid for its region. */
    public static final String INVALID_PHONE = "INVALID_PHONE";
    /** A national number (no leading + or 00) on a record without a usable country to say whose. */
    public static final String PHONE_NEEDS_COUNTRY = "PHONE_NEEDS_COUNTRY";
    /** Not an ISO 3166-1 alpha-2 or alpha-3 code, nor a known country name or alias. */
    public static final String UNKNOWN_COUNTRY = "UNKNOWN_COUNTRY";
    /** Nothing but whitespace, control characters or punctuation: no letter at all. */
    public static final String INVALID_NAME = "INVALID_NAME";
    /** Longer than {@link NameNormalizer#MAX_CODE_POINTS} characters after normalisation. */
    public static final String NAME_TOO_LONG = "NAME_TOO_LONG";
    /** Not a date in any accepted format. */
    public static final String UNPARSEABLE_DATE = "UNPARSEABLE_DATE";
    /** A numeric date that reads as two different days (03/04/2020: 3 April or 4 March). */
    public static final String AMBIGUOUS_DATE = "AMBIGUOUS_DATE";
    /**
     * A readable date outside the range its field allows: an {@code updatedAt} whose UTC year is not from 1970 to
     * 9999 ({@link com.streamproc.shared.decode.EventTimeRange}). Birth dates have their own code,
     * {@link #IMPLAUSIBLE_BIRTH_DATE}.
     */
    public static final String DATE_OUT_OF_RANGE = "DATE_OUT_OF_RANGE";
    /** A birth date before 1900-01-01 or after the record's own {@code updatedAt}. */
    public static final String IMPLAUSIBLE_BIRTH_DATE = "IMPLAUSIBLE_BIRTH_DATE";
    /** An {@code updatedAt} further in the future than the allowed clock skew. */
    public static final String IN_FUTURE = "IN_FUTURE";

    private FieldReasons() {
    }
}
