package com.streamproc.cleansing.normalize;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * Normalises a country to its ISO 3166-1 alpha-2 code ({@code "DE"}).
 *
 * <p>Accepted, case- and accent-insensitively, ignoring dots and punctuation: alpha-2 and alpha-3 codes; the
 * JDK's English country names ({@link Locale#getDisplayCountry}); a short alias table for names people write
 * that are not the ISO short name ("USA", "UK", "Great Britain", "Holland", "Czech Republic"…); and the JDK's
 * names in a few more languages ("Deutschland", "España", "Österreich"). English names and aliases win over the
 * other languages when two would clash.
 */
public final class CountryNormalizer {
    /** Names in these languages are accepted besides English. */
    private static final List<Locale> OTHER_LANGUAGES = List.of(Locale.GERMAN, Locale.FRENCH, Locale.ITALIAN,
            Locale.forLanguageTag("es"), Locale.forLanguageTag("pt"), Locale.forLanguageTag("nl"));

    /** Names in common use that are not the JDK's English short name. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("usa", "US"), Map.entry("u s", "US"),
            Map.entry("united states of america", "US"),
            Map.entry("uk", "GB"), Map.entry("great britain", "GB"), Map.entry("britain", "GB"),
            Map.entry("england", "GB"), Map.entry("scotland", "GB"), Map.entry("wales", "GB"),
            Map.entry("northern ireland", "GB"),
            Map.entry("united kingdom of great britain and northern ireland", "GB"),
            Map.entry("holland", "NL"), Map.entry("the netherlands", "NL"),
            Map.entry("czech republic", "CZ"), Map.entry("south korea", "KR"), Map.entry("korea republic of", "KR"),
            Map.entry("republic of korea", "KR"), Map.entry("north korea", "KP"), Map.entry("russian federation", "RU"),
            Map.entry("ivory coast", "CI"), Map.entry("uae", "AE"), Map.entry("vatican", "VA"),
            Map.entry("vatican city", "VA"), Map.entry("burma", "MM"), Map.entry("swaziland", "SZ"),
            Map.entry("cape verde", "CV"), Map.entry("turkiye", "TR"), Map.entry("turkey", "TR"),
            Map.entry("macedonia", "MK"), Map.entry("east timor", "TL"), Map.entry("el", "GR"),
            Map.entry("schweiz", "CH"), Map.entry("suisse", "CH"), Map.entry("svizzera", "CH"),
            Map.entry("osterreich", "AT"), Map.entry("deutschland", "DE"), Map.entry("brd", "DE"),
            Map.entry("espana", "ES"), Map.entry("italia", "IT"), Map.entry("nederland", "NL"),
            Map.entry("brasil", "BR"), Map.entry("polska", "PL"), Map.entry("sverige", "SE"),
            Map.entry("norge", "NO"), Map.entry("danmark", "DK"), Map.entry("suomi", "FI"),
            Map.entry("eire", "IE"), Map.entry("hellas", "GR"), Map.entry("nippon", "JP"), Map.entry("nihon", "JP"),
            Map.entry("prc", "CN"), Map.entry("mainland china", "CN"), Map.entry("hong kong sar", "HK"));

    private static final Map<String, String> INDEX = buildIndex();

    public Normalized<String> normalize(String raw) {
        String code = INDEX.get(key(raw));
        return code == null ? Normalized.invalid(FieldReasons.UNKNOWN_COUNTRY) : Normalized.valid(code);
    }

    /**
     * The lookup key: accents removed, lower case, dots removed ("U.S.A." is "usa"), any other non-alphanumeric
     * character a space, spaces collapsed, a leading "the " dropped.
     */
    static String key(String raw) {
        String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK || cp == '.') {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(Character.toLowerCase(cp));
            } else if (cp == '&') {
                out.append(out.length() > 0 ? " and" : "and");
                pendingSpace = true;
            } else {
                pendingSpace = out.length() > 0;
            }
        }
        String key = out.toString();
        return key.startsWith("the ") ? key.substring(4) : key;
    }

    private static Map<String, String> buildIndex() {
        Map<String, String> index = new HashMap<>();
        String[] codes = Locale.getISOCountries();
        for (String code : codes) {
            index.put(key(code), code);
            Locale country = new Locale("", code);
            try {
                index.put(key(country.getISO3Country()), code);
            } catch (MissingResourceException e) {
                // No alpha-3 known to the JDK for this code; the alpha-2 and names still work.
            }
        }
        for (String code : codes) {
            index.putIfAbsent(key(new Locale("", code).getDisplayCountry(Locale.ENGLISH)), code);
        }
        ALIASES.forEach((alias, code) -> index.putIfAbsent(key(alias), code));
        for (Locale language : OTHER_LANGUAGES) {
            for (String code : codes) {
                index.putIfAbsent(key(new Locale("", code).getDisplayCountry(language)), code);
            }
        }
        index.remove("");
        return Map.copyOf(index);
    }
}
