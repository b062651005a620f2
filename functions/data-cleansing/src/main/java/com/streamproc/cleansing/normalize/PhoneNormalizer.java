package com.streamproc.cleansing.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises a phone number to E.164 ({@code +4915123456789}) with Google's libphonenumber.
 *
 * <p>The record's own country is the default region, so national numbers ({@code 030 1234567} from a German
 * record) resolve; numbers written internationally ({@code +44 …}, {@code 0044 …} where that is the region's
 * international prefix) resolve without one. A number must be <em>valid</em> for its region
 * ({@link PhoneNumberUtil#isValidNumber}), not just possible. Extensions are dropped: E.164 has none.
 */
public final class PhoneNormalizer {
    /** Longer input is not a phone number; libphonenumber itself stops at 250. */
    public static final int MAX_LENGTH = 64;

    private static final String UNKNOWN_REGION = "ZZ";
    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

    /**
     * @param raw           the number as the source sent it
     * @param defaultRegion ISO 3166-1 alpha-2 of the record's country, or {@code null} when it has none
     */
    public Normalized<String> normalize(String raw, String defaultRegion) {
        String candidate = TextCleanup.strip(raw);
        if (candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return Normalized.invalid(FieldReasons.INVALID_PHONE);
        }
        String region = defaultRegion == null ? UNKNOWN_REGION : defaultRegion;
        PhoneNumber number;
        try {
            number = phoneNumbers.parse(candidate, region);
        } catch (NumberParseException e) {
            boolean lacksRegion = e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE
                    && defaultRegion == null && !candidate.startsWith("+");
            return Normalized.invalid(lacksRegion ? FieldReasons.PHONE_NEEDS_COUNTRY : FieldReasons.INVALID_PHONE);
        }
        if (!phoneNumbers.isValidNumber(number)) {
            return Normalized.invalid(FieldReasons.INVALID_PHONE);
        }
        return Normalized.valid(phoneNumbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }
}
