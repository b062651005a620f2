package com.streamproc.orders.query;

import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.shared.aws.FunctionEnvironment;
import com.streamproc.shared.function.AnalystQuestions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
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
        OrderQueries queries = new OrderQueries(dynamoDb, new FunctionEnvironment(environment).required(OrderProcessingDescriptor.TABLE_VARIABLE));
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
}
