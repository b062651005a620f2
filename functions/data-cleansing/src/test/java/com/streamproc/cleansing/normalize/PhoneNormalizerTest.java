package com.streamproc.cleansing.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNormalizerTest {
    private final PhoneNormalizer normalizer = new PhoneNormalizer();

    @ParameterizedTest(name = "[{index}] \"{0}\" in {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NONE", textBlock = """
            +49 30 901820              | NONE | +4930901820
            030 901820                 | DE   | +4930901820
            (030) 90 18 20             | DE   | +4930901820
            0049 30 901820             | DE   | +4930901820
            +49 (0) 30 901820          | NONE | +4930901820
            0151 23456789              | DE   | +4915123456789
            +1 (650) 253-0000          | NONE | +16502530000
            650.253.0000               | US   | +16502530000
            1-650-253-0000             | US   | +16502530000
            (650) 253-0000 ext. 123    | US   | +16502530000
            020 7946 0018              | GB   | +442079460018
            +44 (0)20 7946 0018        | NONE | +442079460018
            07911 123456               | GB   | +447911123456
            01 23 45 67 89             | FR   | +33123456789
            +33 6 12 34 56 78          | DE   | +33612345678
            "  +41 44 668 18 00  "     | NONE | +41446681800
            044 668 18 00              | CH   | +41446681800
            +81 3-1234-5678            | NONE | +81312345678
            """)
    void normalisesToE164(String raw, String region, String expected) {
        assertThat(normalizer.normalize(raw, region)).isEqualTo(Normalized.valid(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" in {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NONE", textBlock = """
            030 901820            | NONE | PHONE_NEEDS_COUNTRY
            650-253-0000          | NONE | PHONE_NEEDS_COUNTRY
            12345                 | DE   | INVALID_PHONE
            +49 1                 | NONE | INVALID_PHONE
            +1 555 0100           | NONE | INVALID_PHONE
            +999 123456789        | NONE | INVALID_PHONE
            not a number          | DE   | INVALID_PHONE
            555-CALL-NOW-PLEASE   | US   | INVALID_PHONE
            +44 20 7946 001       | NONE | INVALID_PHONE
            """)
    void rejectsUnusableNumbers(String raw, String region, String reason) {
        assertThat(normalizer.normalize(raw, region)).isEqualTo(Normalized.invalid(reason));
    }

    @org.junit.jupiter.api.Test
    void rejectsInputTooLongToBeAPhoneNumber() {
        assertThat(normalizer.normalize("+49 30 901820" + " ".repeat(80), "DE")).isEqualTo(Normalized.valid("+4930901820"));
        assertThat(normalizer.normalize("+49 30 901820 " + "0".repeat(60), "DE"))
                .isEqualTo(Normalized.invalid(FieldReasons.INVALID_PHONE));
    }
}
