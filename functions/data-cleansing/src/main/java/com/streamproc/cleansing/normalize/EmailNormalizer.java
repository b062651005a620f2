package com.streamproc.cleansing.normalize;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * Normalises an e-mail address into the form customers are deduplicated by.
 *
 * <ul>
 *   <li>Trimmed (Unicode whitespace too); a {@code mailto:} prefix and a display-name wrapper
 *       ({@code Jane <jane@example.com>}) are removed.</li>
 *   <li>Unicode NFC, then the <em>whole</em> address lower-cased. RFC 5321 lets a local part be case-sensitive,
 *       but no mainstream provider treats it so, and sources disagree on case ({@code Jane.Doe@} in the CRM,
 *       {@code jane.doe@} in the web shop): lower-casing is what makes those one customer. Provider-specific
 *       folding (Gmail dots, {@code +tags}) is <em>not</em> applied: elsewhere those are different mailboxes.</li>
 *   <li>Valid only if Apache Commons Validator's {@link EmailValidator} accepts it (no local-only or bare-TLD
 *       domains; the TLD must exist) and it fits RFC 5321's 254 characters.</li>
 *   <li>An internationalised domain is kept in its Unicode form ({@code xn--} labels are decoded), so both
 *       spellings of one domain give one customer.</li>
 * </ul>
 */
public final class EmailNormalizer {
    /** RFC 5321: a forward path holds at most 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;

    private static final String MAILTO = "mailto:";
    private final EmailValidator validator = EmailValidator.getInstance(false, false);

    public Normalized<String> normalize(String raw) {
        String candidate = TextCleanup.strip(raw);
        if (candidate.regionMatches(true, 0, MAILTO, 0, MAILTO.length())) {
            candidate = candidate.substring(MAILTO.length()).strip();
        }
        int open = candidate.lastIndexOf('<');
        if (candidate.endsWith(">") && open >= 0) {
            candidate = candidate.substring(open + 1, candidate.length() - 1).strip();
        }
        candidate = Normalizer.normalize(candidate, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (candidate.isEmpty() || candidate.length() > MAX_LENGTH || !validator.isValid(candidate)) {
            return Normalized.invalid(FieldReasons.INVALID_EMAIL);
        }
        int at = candidate.lastIndexOf('@');
        String domain = candidate.substring(at + 1);
        String unicodeDomain;
        try {
            unicodeDomain = Normalizer.normalize(IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED), Normalizer.Form.NFC)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Normalized.invalid(FieldReasons.INVALID_EMAIL);
        }
        return Normalized.valid(candidate.substring(0, at + 1) + unicodeDomain);
    }
}
