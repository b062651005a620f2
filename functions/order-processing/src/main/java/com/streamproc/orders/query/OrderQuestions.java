package com.streamproc.orders.query;

import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.orders.domain.Money;
import com.streamproc.orders.domain.Order;
import com.streamproc.shared.function.AnalystQuestion;
import com.streamproc.shared.function.AnalystQuestion.Column;
import com.streamproc.shared.function.AnalystQuestion.Option;
import com.streamproc.shared.function.AnalystQuestions;
import com.streamproc.shared.function.QuestionArguments;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The order-processing function's analyst questions, with {@link OrderQueries}. */
public final class OrderQuestions implements AnalystQuestions {
    @Override
    public String functionName() {
        return OrderProcessingDescriptor.NAME;
    }

    /** Revenue per currency and orders delivered, yesterday and today; the orders of {@code examples[0]}. */
    @Override
    public List<String> answer(DynamoDbClient dynamoDb, Map<String, String> environment, List<String> examples) {
        OrderQueries queries = queries(dynamoDb, environment);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> lines = new ArrayList<>();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
            List<String> revenue = new ArrayList<>();
            for (String currency : List.of("EUR", "USD", "JPY")) {
                BigDecimal amount = queries.revenue(day, Currency.getInstance(currency));
                revenue.add(currency + " " + amount.toPlainString());
            }
            int delivered = queries.ordersByStatusOnDay(OrderStatus.DELIVERED, day).size();
            lines.add("revenue on " + day + ": " + String.join(", ", revenue) + "; delivered that day: " + delivered
                    + (delivered == 1 ? " item" : " items"));
        }
        if (!examples.isEmpty()) {
            int orders = queries.ordersOfCustomer(examples.get(0), 50).size();
            lines.add("orders of the most active customer " + examples.get(0) + ": " + orders
                    + (orders == 1 ? " item" : " items"));
        }
        return lines;
    }

    @Override
    public String summary() {
        return "Orders: by id, of a customer, by status on a day, revenue per day and currency.";
    }

    @Override
    public List<AnalystQuestion> questions() {
        Option day = Option.required("--day", "yyyy-MM-dd", "").day();
        return List.of(
                new AnalystQuestion("get", List.of("One order by its id (GetItem)."),
                        List.of(Option.required("--order-id", "ID", "")), ORDER_COLUMNS,
                        (dynamoDb, environment, arguments) -> rows(queries(dynamoDb, environment)
                                .orderById(arguments.required("--order-id")).stream().toList())),
                new AnalystQuestion("by-customer",
                        List.of("A customer's orders, newest placement first (Query on byCustomer, then the orders by"
                                + " key)."),
                        List.of(Option.required("--customer-id", "ID", "")), ORDER_COLUMNS,
                        (dynamoDb, environment, arguments) -> rows(queries(dynamoDb, environment)
                                .ordersOfCustomer(arguments.required("--customer-id"), arguments.limit()))),
                new AnalystQuestion("by-status",
                        List.of("Orders that reached a status on a UTC day and are still in it",
                                "(Query on byChangeDay, then the status-change items and the orders by key)."),
                        List.of(Option.required("--status", "STATUS",
                                "PLACED, PAID, SHIPPED, DELIVERED, CANCELLED or REFUNDED").oneOf(STATUSES), day),
                        ORDER_COLUMNS,
                        (dynamoDb, environment, arguments) -> {
                            OrderStatus status = status(arguments.required("--status"));
                            List<Order> found = queries(dynamoDb, environment)
                                    .ordersByStatusOnDay(status, arguments.requiredDay("--day"));
                            return rows(found.subList(0, Math.min(found.size(), arguments.limit())));
                        }),
                new AnalystQuestion("revenue",
                        List.of("Revenue of a UTC day per currency: captured that day minus refunded that day",
                                "(Query on byChangeDay, then the status-change items and the orders by key). Amounts"
                                        + " are exact", "decimals in major units."),
                        List.of(day, Option.required("--currency", "CODE", "ISO 4217 code(s), e.g. EUR or EUR,USD,GBP"
                                + " (the index is keyed by day and currency)").list()),
                        List.of(Column.text("day"), Column.text("currency"), Column.number("revenue")),
                        OrderQuestions::revenue));
    }

    private static final List<String> STATUSES = Arrays.stream(OrderStatus.values()).map(Enum::name).toList();

    private static final List<Column> ORDER_COLUMNS = List.of(Column.text("orderId"), Column.text("customerId"),
            Column.text("status"), Column.text("currency"), Column.number("total"), Column.text("placedAt"),
            Column.text("statusAt"), Column.number("captured"), Column.text("capturedAt"), Column.number("refunded"),
            Column.text("refundedAt"), Column.text("lastEventType"));

    private static OrderQueries queries(DynamoDbClient dynamoDb, Map<String, String> environment) {
        return new OrderQueries(dynamoDb,
                new FunctionEnvironment(environment).required(OrderProcessingDescriptor.TABLE_VARIABLE));
    }

    private static List<List<Object>> revenue(DynamoDbClient dynamoDb, Map<String, String> environment,
                                              QuestionArguments arguments) {
        LocalDate day = arguments.requiredDay("--day");
        LinkedHashSet<Currency> currencies = new LinkedHashSet<>();
        arguments.list("--currency").forEach(code -> currencies.add(currency(code)));
        OrderQueries queries = queries(dynamoDb, environment);
        List<List<Object>> rows = new ArrayList<>();
        for (Currency currency : currencies) {
            rows.add(List.of(day.toString(), currency.getCurrencyCode(), queries.revenue(day, currency)));
        }
        return rows;
    }

    private static OrderStatus status(String text) {
        try {
            return OrderStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--status: '" + text + "' is not one of "
                    + Arrays.toString(OrderStatus.values()));
        }
    }

    private static Currency currency(String code) {
        try {
            Currency currency = Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException();
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--currency: '" + code + "' is not an ISO 4217 code");
        }
    }

    private static List<List<Object>> rows(List<Order> orders) {
        List<List<Object>> rows = new ArrayList<>();
        for (Order order : orders) {
            Function<Long, Object> money = minor -> minor == null ? null : Money.toDecimal(minor, order.currency());
            rows.add(Arrays.asList(order.orderId(), order.customerId(), order.status().name(),
                    order.currency().getCurrencyCode(), money.apply(order.totalMinor()),
                    order.placedAt().toString(), order.statusAt().toString(),
                    money.apply(order.capture() == null ? null : order.capture().minor()),
                    order.capture() == null ? null : order.capture().at().toString(),
                    money.apply(order.refund() == null ? null : order.refund().minor()),
                    order.refund() == null ? null : order.refund().at().toString(),
                    order.lastEventType().name()));
        }
        return rows;
    }
}
