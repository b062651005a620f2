package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every analyst question against a known data set that went the whole way: JSON lines → producer → Kinesis → the
 * functions' handlers → DynamoDB → query CLI, in each output format.
 */
@ExtendWith(EmulatorStackExtension.class)
class QueryIT {
    private static final String ENV = "queryit";
    private static ToolContext tools;

    @BeforeAll
    static void seed(EmulatorStack stack, @TempDir Path dir) throws Exception {
        tools = ItContexts.of(stack);
        try (LocalPipeline pipeline = new LocalPipeline(stack, ENV)) {
            produce(dir, "orders", List.of(
                    order("o1-placed", "ORDER_PLACED", "ord-1", "2026-11-26T09:00:00Z",
                            "\"customerId\":\"cust-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOOK\",\"quantity\":2,"
                                    + "\"unitPrice\":\"12.50\"},{\"sku\":\"PEN\",\"quantity\":1,\"unitPrice\":\"3.99\"}],"
                                    + "\"total\":\"28.99\""),
                    order("o1-paid", "PAYMENT_CAPTURED", "ord-1", "2026-11-26T09:05:00Z",
                            "\"currency\":\"EUR\",\"amount\":\"28.99\""),
                    order("o1-shipped", "ORDER_SHIPPED", "ord-1", "2026-11-26T10:00:00Z", null),
                    order("o2-placed", "ORDER_PLACED", "ord-2", "2026-11-26T11:00:00Z",
                            "\"customerId\":\"cust-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"MUG\",\"quantity\":1,"
                                    + "\"unitPrice\":\"10.00\"}],\"total\":\"10.00\""),
                    order("o2-paid", "PAYMENT_CAPTURED", "ord-2", "2026-11-26T11:05:00Z",
                            "\"currency\":\"EUR\",\"amount\":\"10.00\""),
                    order("o2-refund", "ORDER_REFUNDED", "ord-2", "2026-11-26T12:00:00Z",
                            "\"currency\":\"EUR\",\"amount\":\"4.00\""),
                    order("o3-placed", "ORDER_PLACED", "ord-3", "2026-11-26T08:00:00Z",
                            "\"customerId\":\"cust-2\",\"currency\":\"JPY\",\"items\":[{\"sku\":\"TEA\",\"quantity\":3,"
                                    + "\"unitPrice\":\"1200\"}],\"total\":\"3600\""),
                    order("o3-paid", "PAYMENT_CAPTURED", "ord-3", "2026-11-26T08:30:00Z",
                            "\"currency\":\"JPY\",\"amount\":\"3600\""),
                    order("o4-placed", "ORDER_PLACED", "ord-4", "2026-11-25T23:00:00Z",
                            "\"customerId\":\"cust-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"CAP\",\"quantity\":1,"
                                    + "\"unitPrice\":\"5.00\"}],\"total\":\"5.00\""),
                    order("o4-cancel", "ORDER_CANCELLED", "ord-4", "2026-11-26T07:00:00Z", null)));
            produce(dir, "activity", List.of(
                    activity("a1", "u-1", "page_view", "2026-11-26T10:05:00Z"),
                    activity("a2", "u-1", "page_view", "2026-11-26T10:20:00Z"),
                    activity("a3", "u-1", "click", "2026-11-26T10:30:00Z"),
                    activity("a4", "u-1", "page_view", "2026-11-26T11:40:00Z"),
                    activity("a5", "u-2", "page_view", "2026-11-26T10:50:00Z"),
                    activity("a5", "u-2", "page_view", "2026-11-26T10:50:00Z")));
            produce(dir, "customers", List.of(
                    "{\"schemaVersion\":1,\"sourceSystem\":\"crm\",\"sourceRecordId\":\"c-1\","
                            + "\"updatedAt\":\"2026-11-20T09:00:00Z\",\"email\":\" Ada.Lovelace@Example.COM \","
                            + "\"phone\":\"020 7946 0018\",\"country\":\"UK\",\"fullName\":\"Ada Lovelace\"}",
                    "{\"schemaVersion\":1,\"sourceSystem\":\"shop\",\"sourceRecordId\":\"s-9\","
                            + "\"updatedAt\":\"2026-11-21T09:00:00Z\",\"email\":\"ada.lovelace@example.com\","
                            + "\"phone\":\"+44 20 7946 0019\",\"fullName\":\"Ada King\"}",
                    "{\"schemaVersion\":1,\"sourceSystem\":\"support\",\"sourceRecordId\":\"t-5\","
                            + "\"updatedAt\":\"2026-11-22T09:00:00Z\",\"phone\":\"+49 30 901820\",\"country\":\"DE\"}"));
            assertThat(pipeline.deliverNew(TestFunctions.ORDER_PROCESSING)).isEqualTo(10);
            assertThat(pipeline.deliverNew(TestFunctions.ACTIVITY_TRACKING)).isEqualTo(6);
            assertThat(pipeline.deliverNew(TestFunctions.DATA_CLEANSING)).isEqualTo(3);
        }
    }

    private static void produce(Path dir, String type, List<String> lines) throws Exception {
        Path file = dir.resolve(type + ".jsonl");
        Files.write(file, lines);
        CommandRun run = CommandRun.run(tools, "produce", "--env", ENV, "--input", type + "=" + file, "--quiet");
        assertThat(run.exitCode()).as("produce %s: %s", type, run.err()).isEqualTo(ExitCodes.OK);
    }

    private static String order(String eventId, String type, String orderId, String at, String rest) {
        return "{\"schemaVersion\":1,\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"orderId\":\"" + orderId
                + "\",\"occurredAt\":\"" + at + "\"" + (rest == null ? "" : "," + rest) + "}";
    }

    private static String activity(String eventId, String userId, String action, String at) {
        return "{\"schemaVersion\":1,\"eventId\":\"" + eventId + "\",\"userId\":\"" + userId + "\",\"action\":\""
                + action + "\",\"occurredAt\":\"" + at + "\"}";
    }

    private static List<Map<String, String>> query(String format, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("query"));
        all.addAll(List.of(args));
        all.addAll(List.of("--env", ENV, "--format", format));
        CommandRun run = CommandRun.run(tools, all.toArray(String[]::new));
        assertThat(run.exitCode()).as("%s: %s", all, run.err()).isEqualTo(ExitCodes.OK);
        return PrintedRows.parse(format, run.out());
    }

    /** The rows, each cut down to the named columns. */
    private static List<Map<String, String>> columns(List<Map<String, String>> rows, String... names) {
        List<Map<String, String>> cut = new ArrayList<>();
        for (Map<String, String> row : rows) {
            Map<String, String> kept = new LinkedHashMap<>();
            for (String name : names) {
                assertThat(row).containsKey(name);
                kept.put(name, row.get(name));
            }
            cut.add(kept);
        }
        return cut;
    }

    private static Map<String, String> row(String... pairs) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void answersAskTheFunctionsOwnQuestionsWithoutACommandPerFunction(String format) throws Exception {
        List<Map<String, String>> rows = query(format, "answers", "customers", "--example", "ada.lovelace@example.com",
                "--example", "nobody@example.com");

        assertThat(rows).containsExactly(
                row("function", "data-cleansing", "answer", "customer with e-mail \"ADA.LOVELACE@EXAMPLE.COM\": found,"
                        + " 2 source records merged: [crm:c-1, shop:s-9]"),
                row("function", "data-cleansing", "answer", "customer with e-mail \"NOBODY@EXAMPLE.COM\": not found"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void answersOfEveryFunctionWhenNoneIsNamed(String format) throws Exception {
        List<Map<String, String>> rows = query(format, "answers", "--example", "ada.lovelace@example.com");

        assertThat(rows).extracting(r -> r.get("function")).containsOnly("activity-tracking", "data-cleansing",
                "order-processing");
        assertThat(rows).contains(row("function", "data-cleansing", "answer", "customer with e-mail"
                + " \"ADA.LOVELACE@EXAMPLE.COM\": found, 2 source records merged: [crm:c-1, shop:s-9]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void orderById(String format) throws Exception {
        assertThat(columns(query(format, "orders", "get", "--order-id", "ord-1"),
                "orderId", "customerId", "status", "currency", "total", "captured", "refunded", "lastEventType"))
                .containsExactly(row("orderId", "ord-1", "customerId", "cust-1", "status", "SHIPPED", "currency", "EUR",
                        "total", "28.99", "captured", "28.99", "refunded", "", "lastEventType", "ORDER_SHIPPED"));
        assertThat(query(format, "orders", "get", "--order-id", "ord-404")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void ordersOfACustomerNewestFirst(String format) throws Exception {
        assertThat(columns(query(format, "orders", "by-customer", "--customer-id", "cust-1"), "orderId", "status"))
                .containsExactly(row("orderId", "ord-2", "status", "REFUNDED"),
                        row("orderId", "ord-1", "status", "SHIPPED"),
                        row("orderId", "ord-4", "status", "CANCELLED"));
        assertThat(columns(query(format, "orders", "by-customer", "--customer-id", "cust-1", "--limit", "1"),
                "orderId")).containsExactly(row("orderId", "ord-2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void ordersByStatusOnADay(String format) throws Exception {
        assertThat(columns(query(format, "orders", "by-status", "--status", "SHIPPED", "--day", "2026-11-26"),
                "orderId", "statusAt")).containsExactly(row("orderId", "ord-1", "statusAt", "2026-11-26T10:00:00Z"));
        assertThat(columns(query(format, "orders", "by-status", "--status", "cancelled", "--day", "2026-11-26"),
                "orderId")).containsExactly(row("orderId", "ord-4"));
        assertThat(columns(query(format, "orders", "by-status", "--status", "PAID", "--day", "2026-11-26"),
                "orderId", "currency", "total")).containsExactly(row("orderId", "ord-3", "currency", "JPY", "total", "3600"));
        // Every order placed that day has moved on since.
        assertThat(query(format, "orders", "by-status", "--status", "PLACED", "--day", "2026-11-26")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void revenuePerDayAndCurrency(String format) throws Exception {
        assertThat(query(format, "orders", "revenue", "--day", "2026-11-26", "--currency", "EUR,JPY,USD"))
                .containsExactly(
                        row("day", "2026-11-26", "currency", "EUR", "revenue", "34.99"),
                        row("day", "2026-11-26", "currency", "JPY", "revenue", "3600"),
                        row("day", "2026-11-26", "currency", "USD", "revenue", "0.00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void userDayPerActionWithFirstAndLastSeen(String format) throws Exception {
        assertThat(query(format, "activity", "user-day", "--user-id", "u-1", "--day", "2026-11-26"))
                .containsExactly(
                        row("userId", "u-1", "day", "2026-11-26", "action", "click", "count", "1",
                                "firstSeen", "2026-11-26T10:30:00Z", "lastSeen", "2026-11-26T10:30:00Z"),
                        row("userId", "u-1", "day", "2026-11-26", "action", "page_view", "count", "3",
                                "firstSeen", "2026-11-26T10:05:00Z", "lastSeen", "2026-11-26T11:40:00Z"),
                        row("userId", "u-1", "day", "2026-11-26", "action", "*", "count", "4",
                                "firstSeen", "2026-11-26T10:05:00Z", "lastSeen", "2026-11-26T11:40:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void actionCountPerHour(String format) throws Exception {
        assertThat(query(format, "activity", "action-hour", "--action", "page_view", "--hour", "2026-11-26T10"))
                .containsExactly(row("action", "page_view", "hour", "2026-11-26T10", "count", "3"));
        List<Map<String, String>> day = query(format, "activity", "action-hour", "--action", "page_view", "--day",
                "2026-11-26");
        assertThat(day).hasSize(24);
        assertThat(day.get(10)).isEqualTo(row("action", "page_view", "hour", "2026-11-26T10", "count", "3"));
        assertThat(day.get(11)).isEqualTo(row("action", "page_view", "hour", "2026-11-26T11", "count", "1"));
        assertThat(day.stream().mapToLong(r -> Long.parseLong(r.get("count"))).sum()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void distinctActiveUsersPerDay(String format) throws Exception {
        assertThat(query(format, "activity", "active-users", "--day", "2026-11-25", "--to-day", "2026-11-26"))
                .containsExactly(row("day", "2026-11-25", "activeUsers", "0"),
                        row("day", "2026-11-26", "activeUsers", "2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void customerByEmail(String format) throws Exception {
        assertThat(columns(query(format, "customers", "by-email", "--email", " ADA.Lovelace@example.COM"),
                "customerKey", "email", "phone", "fullName", "country", "sources"))
                .containsExactly(row("customerKey", "EMAIL#ada.lovelace@example.com", "email", "ada.lovelace@example.com",
                        "phone", "+442079460019", "fullName", "Ada King", "country", "GB",
                        "sources", "crm:c-1|shop:s-9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"table", "csv", "json"})
    void customersByPhone(String format) throws Exception {
        assertThat(columns(query(format, "customers", "by-phone", "--phone", "+44 20 7946 0019"), "customerKey"))
                .containsExactly(row("customerKey", "EMAIL#ada.lovelace@example.com"));
        assertThat(columns(query(format, "customers", "by-phone", "--phone", "030 901820", "--region", "DE"),
                "customerKey", "phone", "country", "sources"))
                .containsExactly(row("customerKey", "PHONE#+4930901820", "phone", "+4930901820", "country", "DE",
                        "sources", "support:t-5"));
    }
}
