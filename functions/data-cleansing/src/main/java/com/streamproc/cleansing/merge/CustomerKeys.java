package com.streamproc.cleansing.merge;

/** The customer's identity in the store: its normalised e-mail, or its E.164 phone when it has no e-mail. */
public final class CustomerKeys {
    public static final String EMAIL_PREFIX = "EMAIL#";
    public static final String PHONE_PREFIX = "PHONE#";

    private CustomerKeys() {
    }

    /** @param email an address as {@link com.streamproc.cleansing.normalize.EmailNormalizer} returns it */
    public static String forEmail(String email) {
        return EMAIL_PREFIX + email;
    }

    /** @param e164 a number as {@link com.streamproc.cleansing.normalize.PhoneNormalizer} returns it */
    public static String forPhone(String e164) {
        return PHONE_PREFIX + e164;
    }
}
