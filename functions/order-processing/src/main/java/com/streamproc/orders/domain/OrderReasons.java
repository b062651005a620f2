package com.streamproc.orders.domain;

/**
 * Reason codes of the order-processing function's poison records, in addition to the shared decoder's
 * ({@link com.streamproc.shared.decode.ReasonCodes}). Stable: analysts filter the quarantine on them.
 */
public final class OrderReasons {
    // Rules checked on the event alone, when decoding.

    /** {@code currency} is not an ISO 4217 code with minor units. */
    public static final String INVALID_CURRENCY = "INVALID_CURRENCY";
    /** A money field is not a plain decimal number ({@code "12.50"}). */
    public static final String INVALID_AMOUNT = "INVALID_AMOUNT";
    /** A money field is negative. */
    public static final String NEGATIVE_AMOUNT = "NEGATIVE_AMOUNT";
    /** A money field has more (non-zero) decimals than the currency's minor unit allows. */
    public static final String TOO_MANY_DECIMALS = "TOO_MANY_DECIMALS";
    /** A money value (or a line total, or the sum of lines) does not fit in 64-bit minor units. */
    public static final String AMOUNT_OUT_OF_RANGE = "AMOUNT_OUT_OF_RANGE";
    /**
     * An item's quantity is a JSON number but not a JSON integer from 1 to {@value #MAX_QUANTITY} (0, -1, 1.5, and
     * also 2.0 or 2E0: written with a fraction or exponent). A quantity that is no JSON number at all ({@code "2"},
     * {@code true}) is a {@code SCHEMA_VIOLATION}.
     */
    public static final String INVALID_QUANTITY = "INVALID_QUANTITY";
    /** An ORDER_PLACED event has an empty {@code items} list. */
    public static final String NO_ITEMS = "NO_ITEMS";
    /** An ORDER_PLACED event's {@code total} is not the sum of quantity × unitPrice over its items. */
    public static final String TOTAL_MISMATCH = "TOTAL_MISMATCH";
    /**
     * {@code occurredAt} is not an ISO-8601 date-time with an offset, or its UTC year is outside 1970–9999
     * ({@link com.streamproc.shared.decode.EventTimeRange}).
     */
    public static final String INVALID_OCCURRED_AT = "INVALID_OCCURRED_AT";

    // Rules that depend on the stored order, checked when applying.

    /** The event is for an order that was never placed. */
    public static final String ORDER_UNKNOWN = "ORDER_UNKNOWN";
    /** The lifecycle does not allow the event in the order's current status (a second ORDER_PLACED included). */
    public static final String INVALID_TRANSITION = "INVALID_TRANSITION";
    /** A PAYMENT_CAPTURED amount differs from the order total. */
    public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    /** An ORDER_REFUNDED amount is larger than the captured amount. */
    public static final String REFUND_EXCEEDS_CAPTURE = "REFUND_EXCEEDS_CAPTURE";
    /** The event's currency differs from the order's. */
    public static final String CURRENCY_MISMATCH = "CURRENCY_MISMATCH";
    /** The event names a different customer than the order's. */
    public static final String CUSTOMER_MISMATCH = "CUSTOMER_MISMATCH";

    /** The largest quantity of one line. */
    public static final int MAX_QUANTITY = 1_000_000;

    private OrderReasons() {
    }
}
