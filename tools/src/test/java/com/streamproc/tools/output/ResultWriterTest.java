package com.streamproc.tools.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultWriterTest {
    private final ResultTable result = new ResultTable(Column.text("currency"), Column.number("revenue"),
            Column.text("note"))
            .add("EUR", new BigDecimal("1234.50"), "plain")
            .add("JPY", new BigDecimal("700"), null)
            .add("GBP", new BigDecimal("-3.10"), "with, comma and \"quotes\"");

    private static String write(ResultTable table, OutputFormat format) {
        StringWriter text = new StringWriter();
        ResultWriter.write(table, format, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void tableAlignsColumnsAndRightAlignsNumbers() {
        List<String> lines = write(result, OutputFormat.TABLE).lines().toList();

        assertThat(lines).containsExactly(
                "currency  revenue  note",
                "--------  -------  ------------------------",
                "EUR       1234.50  plain",
                "JPY           700",
                "GBP         -3.10  with, comma and \"quotes\"",
                "(3 rows)");
    }

    @Test
    void csvQuotesFieldsWithCommasOrQuotesAndEndsLinesWithCrLf() {
        String csv = write(result, OutputFormat.CSV);

        assertThat(csv).isEqualTo("currency,revenue,note\r\n"
                + "EUR,1234.50,plain\r\n"
                + "JPY,700,\r\n"
                + "GBP,-3.10,\"with, comma and \"\"quotes\"\"\"\r\n");
    }

    @Test
    void jsonIsAnArrayOfObjectsWithExactNumbersAndNulls() throws Exception {
        String text = write(result, OutputFormat.JSON);
        JsonNode json = new ObjectMapper().readTree(text);

        assertThat(text).contains("\"revenue\" : 1234.50");
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(3);
        assertThat(json.get(0).get("revenue").isNumber()).isTrue();
        assertThat(json.get(0).get("revenue").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(json.get(1).get("note").isNull()).isTrue();
        assertThat(json.get(2).get("note").asText()).isEqualTo("with, comma and \"quotes\"");
    }

    @Test
    void emptyResultStillPrintsItsHeader() {
        ResultTable empty = new ResultTable(Column.text("orderId"));

        assertThat(write(empty, OutputFormat.TABLE).lines()).containsExactly("orderId", "-------", "(0 rows)");
        assertThat(write(empty, OutputFormat.CSV)).isEqualTo("orderId\r\n");
        assertThat(write(empty, OutputFormat.JSON).strip()).isEqualTo("[ ]");
    }

    @Test
    void listsAreJoinedInTextAndArraysInJson() throws Exception {
        ResultTable table = new ResultTable(Column.text("fieldReasons")).add(List.of("email:INVALID", "phone:MISSING"));

        assertThat(write(table, OutputFormat.CSV)).contains("email:INVALID|phone:MISSING");
        JsonNode json = new ObjectMapper().readTree(write(table, OutputFormat.JSON));
        assertThat(json.get(0).get("fieldReasons").isArray()).isTrue();
        assertThat(json.get(0).get("fieldReasons").get(1).asText()).isEqualTo("phone:MISSING");
    }
}
