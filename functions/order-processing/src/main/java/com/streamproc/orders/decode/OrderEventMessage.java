package com.streamproc.orders.decode;

import java.util.List;

/**
 * An order event exactly as it is on the wire. Every scalar is read as text (JSON strings and numbers alike) so
 * that each rule the contract sets gets its own reason code in {@link OrderEventDecoder} instead of a generic
 * type error; unknown fields are ignored.
 */
record OrderEventMessage(String schemaVersion, String eventId, String type, String orderId, String customerId,
                         String occurredAt, String currency, List<ItemMessage> items, String total, String amount) {

    /** One element of {@code items}. */
    record ItemMessage(String sku, String quantity, String unitPrice) {
    }
}
