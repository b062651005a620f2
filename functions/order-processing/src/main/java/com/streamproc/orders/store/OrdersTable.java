package com.streamproc.orders.store;

import com.streamproc.orders.domain.MoneyMovement;
import com.streamproc.orders.domain.Order;
import com.streamproc.orders.domain.OrderEventType;
import com.streamproc.orders.domain.OrderStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of the orders table (declared in {@code sam-template.yaml} as {@code OrdersTable}) and the mapping
 * between an {@link Order} and its item. One item per order, key {@code orderId}.
 *
 * <p>Instants are stored as fixed-width UTC text with milliseconds ({@code 2026-11-27T10:00:00.000Z}) so that
 * string order is time order in the index range keys. The index keys {@code statusDay}, {@code captureDay}
 * and {@code refundDay} are derived from the order, so they can never disagree with it.
 */
public final class OrdersTable {
    public static final String ORDER_ID = "orderId";
    public static final String STATUS = "status";
    public static final String CUSTOMER_ID = "customerId";
    public static final String CURRENCY = "currency";
    public static final String TOTAL_MINOR = "totalMinor";
    public static final String PLACED_AT = "placedAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String STATUS_AT = "statusAt";
    public static final String STATUS_DAY = "statusDay";
    public static final String LAST_EVENT_ID = "lastEventId";
    public static final String LAST_EVENT_TYPE = "lastEventType";
    public static final String APPLIED_EVENT_IDS = "appliedEventIds";
    public static final String REJECTED_RECORDS = "rejectedRecords";
    public static final String VERSION = "version";
    public static final String CAPTURED_MINOR = "capturedMinor";
    public static final String CAPTURED_AT = "capturedAt";
    public static final String CAPTURE_DAY = "captureDay";
    public static final String REFUNDED_MINOR = "refundedMinor";
    public static final String REFUNDED_AT = "refundedAt";
    public static final String REFUND_DAY = "refundDay";

    /** Orders of a customer, newest first: {@code customerId} = c, {@code ScanIndexForward=false}. */
    public static final String BY_CUSTOMER = "byCustomer";
    /** Orders that reached a status on a UTC day: {@code statusDay} = "PAID#2026-11-27", by {@code statusAt}. */
    public static final String BY_STATUS_DAY = "byStatusDay";
    /** Captures of a UTC day and currency: {@code captureDay} = "2026-11-27#EUR" (capturedMinor, currency). */
    public static final String BY_CAPTURE_DAY = "byCaptureDay";
    /** Refunds of a UTC day and currency: {@code refundDay} = "2026-11-27#EUR" (refundedMinor, currency). */
    public static final String BY_REFUND_DAY = "byRefundDay";

    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private OrdersTable() {
    }

    /** The {@code statusDay} key: "<STATUS>#<yyyy-MM-dd>". */
    public static String statusDay(OrderStatus status, LocalDate day) {
        return status.name() + "#" + day;
    }

    /** The {@code captureDay} / {@code refundDay} key: "<yyyy-MM-dd>#<CUR>". */
    public static String moneyDay(LocalDate day, Currency currency) {
        return day + "#" + currency.getCurrencyCode();
    }

    /** The UTC day of {@code instant}. */
    public static LocalDate utcDay(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** Fixed-width UTC text with milliseconds; finer digits are cut (events are kept to the millisecond). */
    public static String instantText(Instant instant) {
        return INSTANT_TEXT.format(instant);
    }

    /** The item of {@code order}. */
    public static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ORDER_ID, s(order.orderId()));
        item.put(STATUS, s(order.status().name()));
        item.put(CUSTOMER_ID, s(order.customerId()));
        item.put(CURRENCY, s(order.currency().getCurrencyCode()));
        item.put(TOTAL_MINOR, n(order.totalMinor()));
        item.put(PLACED_AT, s(instantText(order.placedAt())));
        item.put(STATUS_AT, s(instantText(order.statusAt())));
        item.put(STATUS_DAY, s(statusDay(order.status(), utcDay(order.statusAt()))));
        if (order.updatedAt() != null) {
            item.put(UPDATED_AT, s(instantText(order.updatedAt())));
        }
        item.put(LAST_EVENT_ID, s(order.lastEventId()));
        item.put(LAST_EVENT_TYPE, s(order.lastEventType().name()));
        item.put(APPLIED_EVENT_IDS, AttributeValue.fromSs(List.copyOf(order.appliedEventIds())));
        if (!order.rejectedRecords().isEmpty()) {
            Map<String, AttributeValue> rejected = new HashMap<>();
            order.rejectedRecords().forEach((sequence, reason) -> rejected.put(sequence, s(reason)));
            item.put(REJECTED_RECORDS, AttributeValue.fromM(rejected));
        }
        item.put(VERSION, n(order.version()));
        if (order.capture() != null) {
            item.put(CAPTURED_MINOR, n(order.capture().minor()));
            item.put(CAPTURED_AT, s(instantText(order.capture().at())));
            item.put(CAPTURE_DAY, s(moneyDay(utcDay(order.capture().at()), order.currency())));
        }
        if (order.refund() != null) {
            item.put(REFUNDED_MINOR, n(order.refund().minor()));
            item.put(REFUNDED_AT, s(instantText(order.refund().at())));
            item.put(REFUND_DAY, s(moneyDay(utcDay(order.refund().at()), order.currency())));
        }
        return item;
    }

    /** The order stored in {@code item} (a full item: from the table or an index projecting ALL). */
    public static Order fromItem(Map<String, AttributeValue> item) {
        TreeMap<String, String> rejected = new TreeMap<>();
        AttributeValue rejectedValue = item.get(REJECTED_RECORDS);
        if (rejectedValue != null && rejectedValue.hasM()) {
            rejectedValue.m().forEach((sequence, reason) -> rejected.put(sequence, reason.s()));
        }
        MoneyMovement capture = item.containsKey(CAPTURED_MINOR)
                ? new MoneyMovement(number(item, CAPTURED_MINOR), instant(item, CAPTURED_AT)) : null;
        MoneyMovement refund = item.containsKey(REFUNDED_MINOR)
                ? new MoneyMovement(number(item, REFUNDED_MINOR), instant(item, REFUNDED_AT)) : null;
        return new Order(
                text(item, ORDER_ID),
                OrderStatus.valueOf(text(item, STATUS)),
                text(item, CUSTOMER_ID),
                Currency.getInstance(text(item, CURRENCY)),
                number(item, TOTAL_MINOR),
                instant(item, PLACED_AT),
                instant(item, STATUS_AT),
                item.containsKey(UPDATED_AT) ? instant(item, UPDATED_AT) : null,
                text(item, LAST_EVENT_ID),
                OrderEventType.valueOf(text(item, LAST_EVENT_TYPE)),
                new LinkedHashSet<>(item.get(APPLIED_EVENT_IDS).ss()),
                capture,
                refund,
                rejected,
                number(item, VERSION));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("order item lacks " + name);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("order item lacks " + name);
        }
        return Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(text(item, name));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
