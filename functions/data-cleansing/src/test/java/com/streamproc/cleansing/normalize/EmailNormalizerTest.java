package com.streamproc.cleansing.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailNormalizerTest {
    private final EmailNormalizer normalizer = new EmailNormalizer();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            jane.doe@example.com                      | jane.doe@example.com
            "  Jane.Doe@Example.COM  "                | jane.doe@example.com
            JANE.DOE@EXAMPLE.COM                      | jane.doe@example.com
            "\\tjane@example.org\\n"                  | jane@example.org
            "jane@example.com\\u00A0"                | jane@example.com
            mailto:Jane@Example.com                   | jane@example.com
            MAILTO:jane@example.com                   | jane@example.com
            Jane Doe <Jane.Doe@Example.com>           | jane.doe@example.com
            "<jane@example.com>"                      | jane@example.com
            jane+newsletter@example.co.uk             | jane+newsletter@example.co.uk
            j.o.h.n@gmail.com                         | j.o.h.n@gmail.com
            o'connor@example.ie                       | o'connor@example.ie
            user@xn--bcher-kva.de                     | user@bücher.de
            user@BÜCHER.de                            | user@bücher.de
            first_last-1@sub.domain.example.museum    | first_last-1@sub.domain.example.museum
            """)
    void normalisesUsableAddresses(String raw, String expected) {
        assertThat(normalizer.normalize(unescape(raw))).isEqualTo(Normalized.valid(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is invalid")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            jane.doe
            jane.doe@
            @example.com
            jane doe@example.com
            jane@@example.com
            jane@example
            jane@localhost
            jane@example.notatld
            jane@example..com
            jane@.example.com
            jane@-example.com
            jane.@example.com
            .jane@example.com
            jane@exam_ple.com
            jane@example.com, john@example.com
            mailto:
            """)
    void rejectsUnusableAddresses(String raw) {
        assertThat(normalizer.normalize(raw)).isEqualTo(Normalized.invalid(FieldReasons.INVALID_EMAIL));
    }

    @org.junit.jupiter.api.Test
    void rejectsAddressesLongerThanRfc5321Allows() {
        String longDomain = ("a".repeat(60) + ".").repeat(5) + "com";
        assertThat(normalizer.normalize("jane@" + longDomain)).isEqualTo(Normalized.invalid(FieldReasons.INVALID_EMAIL));
    }

    /** CSV cannot hold tabs and line breaks literally; the table writes them as escapes. */
    static String unescape(String raw) {
        return raw.replace("\\t", "\t").replace("\\n", "\n").replace("\\u00A0", "\u00A0");
    }
}
