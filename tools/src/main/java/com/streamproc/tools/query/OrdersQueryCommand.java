package com.streamproc.tools.query;

import com.streamproc.orders.domain.Money;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderStatus;
import com.streamproc.orders.query.OrderQueries;
import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandGroup;
import com.streamproc.tools.cli.UtcDateConverter;
import com.streamproc.tools.output.Column;
import com.streamproc.tools.output.ResultTable;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code query orders}: the order-processing function's questions, answered by its own {@link OrderQueries}. */
@Command(name = "orders", mixinStandardHelpOptions = true,
        description = "Orders: by id, of a customer, by status on a day, revenue per day and currency.",
        subcommands = {OrdersQueryCommand.Get.class, OrdersQueryCommand.ByCustomer.class,
                OrdersQueryCommand.ByStatus.class, OrdersQueryCommand.Revenue.class})
public final class OrdersQueryCommand extends CommandGroup {
    public OrdersQueryCommand() {
        super("query orders: missing question (get, by-customer, by-status, revenue; try --help)");
    }

    abstract static class Question extends TableQuestion<OrderQueries> {
        Question() {
            super(PipelineFunction.parse(OrderProcessingDescriptor.NAME), OrderQueries::new);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One order by its id (GetItem).")
    static final class Get extends Question {
        @Option(names = "--order-id", required = true, paramLabel = "ID")
        String orderId;

        @Override
        ResultTable answer(OrderQueries queries) {
            return orders(queries.orderById(orderId).stream().toList());
        }
    }

    @Command(name = "by-customer", mixinStandardHelpOptions = true,
            description = "A customer's orders, newest placement first (Query on byCustomer, then the orders by key).")
    static final class ByCustomer extends Question {
        @Option(names = "--customer-id", required = true, paramLabel = "ID")
        String customerId;

        @Override
        ResultTable answer(OrderQueries queries) {
            return orders(queries.ordersOfCustomer(customerId, output.limit()));
        }
    }

    @Command(name = "by-status", mixinStandardHelpOptions = true,
            description = {"Orders that reached a status on a UTC day and are still in it",
                    "(Query on byChangeDay, then the status-change items and the orders by key)."})
    static final class ByStatus extends Question {
        @Option(names = "--status", required = true, paramLabel = "STATUS",
                description = "PLACED, PAID, SHIPPED, DELIVERED, CANCELLED or REFUNDED")
        OrderStatus status;

        @Option(names = "--day", required = true, paramLabel = "yyyy-MM-dd", converter = UtcDateConverter.class)
        LocalDate day;

        @Override
        ResultTable answer(OrderQueries queries) {
            List<Order> found = queries.ordersByStatusOnDay(status, day);
            return orders(found.subList(0, Math.min(found.size(), output.limit())));
        }
    }

    @Command(name = "revenue", mixinStandardHelpOptions = true,
            description = {"Revenue of a UTC day per currency: captured that day minus refunded that day",
                    "(Query on byChangeDay, then the status-change items and the orders by key). Amounts are exact",
                    "decimals in major units."})
    static final class Revenue extends Question {
        @Option(names = "--day", required = true, paramLabel = "yyyy-MM-dd", converter = UtcDateConverter.class)
        LocalDate day;

        @Option(names = "--currency", required = true, split = ",", paramLabel = "CODE",
                description = "ISO 4217 code(s), e.g. EUR or EUR,USD,GBP (the index is keyed by day and currency)")
        List<String> currencies;

        @Override
        ResultTable answer(OrderQueries queries) {
            ResultTable result = new ResultTable(Column.text("day"), Column.text("currency"), Column.number("revenue"));
            for (String code : new LinkedHashSet<>(currencies)) {
                Currency currency = currency(code);
                result.add(day.toString(), currency.getCurrencyCode(), queries.revenue(day, currency));
            }
            return result;
        }

        private Currency currency(String code) {
            try {
                Currency currency = Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
                if (currency.getDefaultFractionDigits() < 0) {
                    throw new IllegalArgumentException();
                }
                return currency;
            } catch (IllegalArgumentException e) {
                throw usageError("--currency: '" + code + "' is not an ISO 4217 code");
            }
        }
    }

    static ResultTable orders(List<Order> orders) {
        ResultTable result = new ResultTable(Column.text("orderId"), Column.text("customerId"), Column.text("status"),
                Column.text("currency"), Column.number("total"), Column.text("placedAt"), Column.text("statusAt"),
                Column.number("captured"), Column.text("capturedAt"), Column.number("refunded"),
                Column.text("refundedAt"), Column.text("lastEventType"));
        for (Order order : orders) {
            Function<Long, Object> money = minor -> minor == null ? null : Money.toDecimal(minor, order.currency());
            result.add(order.orderId(), order.customerId(), order.status().name(),
                    order.currency().getCurrencyCode(), money.apply(order.totalMinor()),
                    order.placedAt().toString(), order.statusAt().toString(),
                    money.apply(order.capture() == null ? null : order.capture().minor()),
                    order.capture() == null ? null : order.capture().at().toString(),
                    money.apply(order.refund() == null ? null : order.refund().minor()),
                    order.refund() == null ? null : order.refund().at().toString(),
                    order.lastEventType().name());
        }
        return result;
    }
}
