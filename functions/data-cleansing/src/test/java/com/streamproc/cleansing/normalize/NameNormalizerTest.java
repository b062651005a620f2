package com.streamproc.cleansing.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class NameNormalizerTest {
    private final NameNormalizer normalizer = new NameNormalizer();

    static Stream<Arguments> messyNames() {
        return Stream.of(
                Arguments.of("Jane Doe", "Jane Doe"),
                Arguments.of("  Jane   Doe  ", "Jane Doe"),
                Arguments.of("Jane\tDoe", "Jane Doe"),
                Arguments.of("Jane\r\nDoe", "Jane Doe"),
                Arguments.of("Jane\u00A0Doe", "Jane Doe"),
                Arguments.of("Jane\u2003\u2009Doe", "Jane Doe"),
                Arguments.of("Ja\u200Bne Doe", "Jane Doe"),
                Arguments.of("\uFEFFJane Doe", "Jane Doe"),
                Arguments.of("Jos\u0065\u0301 Garc\u0069\u0301a", "José García"),
                Arguments.of("Zoë\u0000 Smith", "Zoë Smith"),
                Arguments.of("JOHN O'NEILL", "JOHN O'NEILL"),
                Arguments.of("mcdonald, ronald", "mcdonald, ronald"),
                Arguments.of("Anne-Marie  van der Berg", "Anne-Marie van der Berg"),
                Arguments.of("山田 太郎", "山田 太郎"),
                Arguments.of("\u0645\u062D\u0645\u062F \u0639\u0644\u064A", "محمد علي"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("messyNames")
    void collapsesWhitespaceTrimsAndComposes(String raw, String expected) {
        assertThat(normalizer.normalize(raw)).isEqualTo(Normalized.valid(expected));
    }

    static Stream<Arguments> unusableNames() {
        return Stream.of(
                Arguments.of(" \t ", FieldReasons.INVALID_NAME),
                Arguments.of("\u200B\u200B", FieldReasons.INVALID_NAME),
                Arguments.of("12345", FieldReasons.INVALID_NAME),
                Arguments.of("--- ...", FieldReasons.INVALID_NAME),
                Arguments.of("A".repeat(NameNormalizer.MAX_CODE_POINTS + 1), FieldReasons.NAME_TOO_LONG));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("unusableNames")
    void rejectsNamesWithoutLettersOrTooLong(String raw, String reason) {
        assertThat(normalizer.normalize(raw)).isEqualTo(Normalized.invalid(reason));
    }

    @Test
    void countsCharactersNotUtf16UnitsAgainstTheLimit() {
        String astral = "\uD835\uDC00".repeat(NameNormalizer.MAX_CODE_POINTS);

        assertThat(normalizer.normalize(astral).isValid()).isTrue();
    }
}
