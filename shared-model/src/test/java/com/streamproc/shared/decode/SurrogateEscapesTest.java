package com.streamproc.shared.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurrogateEscapesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // JSON text (as written in a record)        | index of the first unpaired escape, -1 for none
        "{}                                          | -1",
        "{\"a\":\"plain text\"}                      | -1",
        "{\"a\":\"\\n\\t\\\"\\/\"}                   | -1",
        "{\"a\":\"\\u00e9\\u0041\"}                  | -1",
        "{\"a\":\"\\ud83d\\ude00\"}                  | -1",
        "{\"a\":\"\\uDBFF\\uDFFF\"}                  | -1",
        "{\"a\":\"\\\\ud800\"}                       | -1",
        "{\"a\":\"\\\\\\\\ud800\"}                   | -1",
        "{\"a\":\"\\ud800\"}                         | 6",
        "{\"a\":\"x\\udc00\"}                        | 7",
        "{\"a\":\"\\ud83d\\ude00\\ud83d\"}           | 18",
        "{\"a\":\"\\udc00\\ud800\"}                  | 6",
        "{\"a\":\"\\\\\\ud800\"}                     | 8",
        "{\"\\ud800\":1}                             | 2",
        "{\"a\":\"\\ud800\\u00e9\"}                  | 6",
        "{\"a\":\"\\ud800\\\\udc00\"}                | 6",
        "{\"a\":\"\\ud800\\udc0\"}                   | 6",
        "{\"a\":\"\\ud8\"}                           | -1",
    })
    void findsTheFirstEscapeThatIsAnUnpairedSurrogate(String json, int expected) {
        int index = SurrogateEscapes.firstUnpaired(json);

        assertThat(index).isEqualTo(expected);
    }
}
