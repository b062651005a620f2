package com.streamproc.orders.decode;

import com.streamproc.orders.domain.EventHeader;
import com.streamproc.orders.domain.LineItem;
import com.streamproc.orders.domain.Money;
import com.streamproc.orders.domain.OrderEvent;
import com.streamproc.orders.domain.OrderEventType;
import com.streamproc.orders.domain.OrderReasons;
import com.streamproc.shared.decode.EventValidator;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.shared.decode.ReasonCodes;
import com.streamproc.shared.decode.RecordDecoder;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decodes one Kinesis record into an {@link OrderEvent}, enforcing every rule of the contract that needs no
 * stored state. Checks run in this order, so a record gets the most fundamental reason: JSON (shared decoder),
 * {@code schemaVersion}, {@code type}, ids, {@code occurredAt}, {@code currency}, then the money fields.
 */
public final class OrderEventDecoder implements RecordDecoder<OrderEvent> {
    /** The only schema version this function understands. */
    public static final String SCHEMA_VERSION = "1";
    /** Ids are DynamoDB key values and set members: keep them far below DynamoDB's key-size limits. */
    public static final int MAX_ID_LENGTH = 256;

    // A plain decimal: no sign other than a leading minus, no exponent, at most 30 digits in all.
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,10}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final JsonRecordDecoder<OrderEventMessage> json =
            new JsonRecordDecoder<>(OrderEventMessage.class, EventValidator.none());

    @Override
    public OrderEvent decode(ByteBuffer data) throws PoisonRecordException {
        return toEvent(json.decode(data));
    }

    /** An order's events go under its {@code orderId}: one shard, one lane, in order. */
    @Override
    public String requiredPartitionKey(OrderEvent event) {
        return event.orderId();
    }

    static OrderEvent toEvent(OrderEventMessage message) throws PoisonRecordException {
        String version = required(message.schemaVersion(), "schemaVersion");
        if (!SCHEMA_VERSION.equals(version)) {
            throw new PoisonRecordException(ReasonCodes.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion is not " + SCHEMA_VERSION);
        }
        OrderEventType type = OrderEventType.named(required(message.type(), "type"))
                .orElseThrow(() -> new PoisonRecordException(ReasonCodes.UNKNOWN_EVENT_TYPE, "type is not known"));
        String eventId = id(message.eventId(), "eventId");
        String orderId = id(message.orderId(), "orderId");
        boolean placing = type == OrderEventType.ORDER_PLACED;
        String customerId = placing || message.customerId() != null ? id(message.customerId(), "customerId") : null;
        Instant occurredAt = occurredAt(required(message.occurredAt(), "occurredAt"));
        boolean carriesMoney = placing || type == OrderEventType.PAYMENT_CAPTURED
                || type == OrderEventType.ORDER_REFUNDED;
        Currency currency = carriesMoney || message.currency() != null
                ? currency(required(message.currency(), "currency")) : null;
        EventHeader header = new EventHeader(eventId, orderId, customerId, occurredAt, currency);

        return switch (type) {
            case ORDER_PLACED -> placed(header, message);
            case PAYMENT_CAPTURED -> new OrderEvent.PaymentCaptured(header,
                    money(required(message.amount(), "amount"), currency, "amount"));
            case ORDER_REFUNDED -> new OrderEvent.OrderRefunded(header,
                    money(required(message.amount(), "amount"), currency, "amount"));
            case ORDER_SHIPPED -> new OrderEvent.OrderShipped(header);
            case ORDER_DELIVERED -> new OrderEvent.OrderDelivered(header);
            case ORDER_CANCELLED -> new OrderEvent.OrderCancelled(header);
        };
    }

    private static OrderEvent.OrderPlaced placed(EventHeader header, OrderEventMessage message)
            throws PoisonRecordException {
        if (message.items() == null) {
            throw missing("items");
        }
        if (message.items().isEmpty()) {
            throw new PoisonRecordException(OrderReasons.NO_ITEMS, "items is empty");
        }
        Currency currency = header.currency();
        List<LineItem> items = new ArrayList<>(message.items().size());
        long sum = 0;
        for (int i = 0; i < message.items().size(); i++) {
            OrderEventMessage.ItemMessage item = message.items().get(i);
            String path = "items[" + i + "]";
            if (item == null) {
                throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, "field " + path + ": is null");
            }
            String sku = required(item.sku(), path + ".sku");
            int quantity = quantity(required(item.quantity(), path + ".quantity"), path + ".quantity");
            Money unitPrice = money(required(item.unitPrice(), path + ".unitPrice"), currency, path + ".unitPrice");
            LineItem line = new LineItem(sku, quantity, unitPrice);
            try {
                sum = Math.addExact(sum, line.lineTotalMinor());
            } catch (ArithmeticException overflow) {
                throw new PoisonRecordException(OrderReasons.AMOUNT_OUT_OF_RANGE, "sum of items is too large");
            }
            items.add(line);
        }
        Money total = money(required(message.total(), "total"), currency, "total");
        if (total.minor() != sum) {
            throw new PoisonRecordException(OrderReasons.TOTAL_MISMATCH,
                    "total differs from the sum of quantity × unitPrice over items");
        }
        return new OrderEvent.OrderPlaced(header, items, total);
    }

    /**
     * Parses a money field. The value must be exact in minor units: {@code "12.50"} and {@code "12.500"} are
     * 1250 EUR cents, {@code "12.505"} is rejected; JPY allows no fraction at all.
     */
    static Money money(String text, Currency currency, String field) throws PoisonRecordException {
        String trimmed = text.trim();
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new PoisonRecordException(OrderReasons.INVALID_AMOUNT, field + " is not a plain decimal number");
        }
        BigDecimal value = new BigDecimal(trimmed);
        if (trimmed.startsWith("-") && value.signum() != 0) {
            throw new PoisonRecordException(OrderReasons.NEGATIVE_AMOUNT, field + " is negative");
        }
        int digits = currency.getDefaultFractionDigits();
        if (value.stripTrailingZeros().scale() > digits) {
            throw new PoisonRecordException(OrderReasons.TOO_MANY_DECIMALS,
                    field + " has more than " + digits + " decimals for " + currency.getCurrencyCode());
        }
        try {
            return new Money(currency, value.abs().movePointRight(digits).longValueExact());
        } catch (ArithmeticException overflow) {
            throw new PoisonRecordException(OrderReasons.AMOUNT_OUT_OF_RANGE, field + " is too large");
        }
    }

    private static int quantity(String text, String field) throws PoisonRecordException {
        String trimmed = text.trim();
        // "2.0" is a whole number written as a decimal; "2.5" is not.
        BigDecimal value;
        try {
            value = DECIMAL.matcher(trimmed).matches() ? new BigDecimal(trimmed) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value.signum() < 0 || value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.ONE) < 0
                || value.compareTo(BigDecimal.valueOf(OrderReasons.MAX_QUANTITY)) > 0) {
            throw new PoisonRecordException(OrderReasons.INVALID_QUANTITY,
                    field + " is not a whole number from 1 to " + OrderReasons.MAX_QUANTITY);
        }
        return value.intValueExact();
    }

    private static Currency currency(String code) throws PoisonRecordException {
        if (CURRENCY_CODE.matcher(code).matches()) {
            try {
                Currency currency = Currency.getInstance(code);
                if (currency.getDefaultFractionDigits() >= 0) {
                    return currency;
                }
            } catch (IllegalArgumentException unknown) {
                // Falls through to the poison below.
            }
        }
        throw new PoisonRecordException(OrderReasons.INVALID_CURRENCY,
                "currency is not an ISO 4217 code of a currency with minor units");
    }

    private static Instant occurredAt(String text) throws PoisonRecordException {
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // Stored instants are fixed-width UTC text, which needs a four-digit year.
            int utcYear = parsed.atZoneSameInstant(ZoneOffset.UTC).getYear();
            if (utcYear < 1970 || utcYear > 9999) {
                throw new PoisonRecordException(OrderReasons.INVALID_OCCURRED_AT, "occurredAt is out of range");
            }
            // Kept to the millisecond, as stored: the order read back equals the order written.
            return parsed.toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException(OrderReasons.INVALID_OCCURRED_AT,
                    "occurredAt is not an ISO-8601 date-time with offset");
        }
    }

    private static String id(String value, String field) throws PoisonRecordException {
        String id = required(value, field);
        if (id.length() > MAX_ID_LENGTH) {
            throw new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION,
                    "field " + field + ": longer than " + MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    private static String required(String value, String field) throws PoisonRecordException {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return value;
    }

    private static PoisonRecordException missing(String field) {
        return new PoisonRecordException(ReasonCodes.SCHEMA_VIOLATION, "missing required field " + field);
    }
}
