package com.streamproc.cleansing.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryNormalizerTest {
    private final CountryNormalizer normalizer = new CountryNormalizer();

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            DE                          | DE
            de                          | DE
            " de "                      | DE
            DEU                         | DE
            Germany                     | DE
            GERMANY                     | DE
            Deutschland                 | DE
            USA                         | US
            U.S.A.                      | US
            U.S.                        | US
            us                          | US
            United States               | US
            united states of america    | US
            UK                          | GB
            GBR                         | GB
            Great Britain               | GB
            United Kingdom              | GB
            England                     | GB
            France                      | FR
            FRA                         | FR
            The Netherlands             | NL
            Holland                     | NL
            Nederland                   | NL
            Österreich                  | AT
            Osterreich                  | AT
            España                      | ES
            Espana                      | ES
            Schweiz                     | CH
            Switzerland                 | CH
            Côte d'Ivoire               | CI
            Cote d’Ivoire               | CI
            Ivory Coast                 | CI
            Czech Republic              | CZ
            Czechia                     | CZ
            South Korea                 | KR
            "Korea, Republic of"        | KR
            Bosnia & Herzegovina        | BA
            Bosnia and Herzegovina      | BA
            Brasil                      | BR
            Japan                       | JP
            Türkiye                     | TR
            """)
    void normalisesToAlpha2(String raw, String expected) {
        assertThat(normalizer.normalize(raw)).isEqualTo(Normalized.valid(expected));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is unknown")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ZZ
            XYZ
            Atlantis
            Europe
            Germany France
            D
            12
            """)
    void rejectsUnknownCountries(String raw) {
        assertThat(normalizer.normalize(raw)).isEqualTo(Normalized.invalid(FieldReasons.UNKNOWN_COUNTRY));
    }
}
