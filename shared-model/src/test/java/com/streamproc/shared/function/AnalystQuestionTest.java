package com.streamproc.shared.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.function.AnalystQuestion.Column;
import com.streamproc.shared.function.AnalystQuestion.Option;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalystQuestionTest {
    private static final Option DAY = Option.required("--day", "yyyy-MM-dd", "").day();
    private static final Option HOUR = Option.optional("--hour", "yyyy-MM-ddTHH", "").hour();
    private static final Option STATUS = Option.optional("--status", "STATUS", "").oneOf(List.of("PAID", "SHIPPED"));
    private static final Option CODES = Option.required("--currency", "CODE", "").list();

    private static QuestionArguments given(Map<String, List<String>> values) {
        return new QuestionArguments(values, 10);
    }

    @Test
    void daysAndHoursAreReadAsUtcAndMinutesAreDropped() {
        QuestionArguments arguments = given(Map.of("--day", List.of(" 2026-11-27 "), "--hour",
                List.of("2026-11-27T10:45")));

        assertThat(arguments.requiredDay("--day")).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(arguments.hour("--hour")).contains(LocalDateTime.of(2026, 11, 27, 10, 0));
        assertThat(given(Map.of("--hour", List.of("2026-11-27T10"))).hour("--hour"))
                .contains(LocalDateTime.of(2026, 11, 27, 10, 0));
    }

    @Test
    void aMalformedValueIsRefusedNamingItsOption() {
        assertThatThrownBy(() -> given(Map.of("--day", List.of("2026-13-01"))).check(List.of(DAY, HOUR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--day")
                .hasMessageContaining("'2026-13-01'").hasMessageContaining("yyyy-MM-dd");
        assertThatThrownBy(() -> given(Map.of("--day", List.of("2026-11-27"), "--hour", List.of("10:00")))
                .check(List.of(DAY, HOUR)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--hour");
    }

    @Test
    void choicesAreAcceptedInAnyCaseAndNothingElseIs() {
        given(Map.of("--status", List.of("shipped"))).check(List.of(STATUS));

        assertThatThrownBy(() -> given(Map.of("--status", List.of("LOST"))).check(List.of(STATUS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--status")
                .hasMessageContaining("[PAID, SHIPPED]");
    }

    @Test
    void aListOptionKeepsEveryValueAndAMissingOneReadsEmpty() {
        QuestionArguments arguments = given(Map.of("--currency", List.of("EUR", "JPY")));

        assertThat(arguments.list("--currency")).containsExactly("EUR", "JPY");
        assertThat(arguments.list("--other")).isEmpty();
        assertThat(arguments.optional("--other")).isEmpty();
        assertThatThrownBy(() -> arguments.required("--other")).hasMessage("missing --other");
        assertThat(CODES.several()).isTrue();
    }

    @Test
    void theQuestionsOwnCheckRunsAfterEachOptionsKind() {
        AnalystQuestion question = new AnalystQuestion("by-day", List.of("d"), List.of(DAY, HOUR),
                List.of(Column.number("n")), arguments -> {
                    if (arguments.hour("--hour").isPresent()) {
                        throw new IllegalArgumentException("--hour is not for this day");
                    }
                }, (dynamoDb, environment, arguments) -> List.of());

        question.checkArguments(given(Map.of("--day", List.of("2026-11-27"))));
        assertThatThrownBy(() -> question.checkArguments(given(Map.of("--day", List.of("2026-11-27"), "--hour",
                List.of("x"))))).hasMessageContaining("'x' is not an hour");
        assertThatThrownBy(() -> question.checkArguments(given(Map.of("--day", List.of("2026-11-27"), "--hour",
                List.of("2026-11-27T10"))))).hasMessage("--hour is not for this day");
    }

    @Test
    void namesAreTheOnesACommandLineCanOffer() {
        assertThatThrownBy(() -> new AnalystQuestion("ByDay", List.of(), List.of(), List.of(Column.text("a")),
                (dynamoDb, environment, arguments) -> List.of())).hasMessageContaining("ByDay");
        assertThatThrownBy(() -> Option.required("-d", "D", "")).hasMessageContaining("-d");
        assertThatThrownBy(() -> new AnalystQuestion("by-day", List.of(), List.of(), List.of(),
                (dynamoDb, environment, arguments) -> List.of())).hasMessageContaining("no columns");
        assertThatThrownBy(() -> new QuestionArguments(Map.of(), 0)).hasMessageContaining("limit");
    }
}
