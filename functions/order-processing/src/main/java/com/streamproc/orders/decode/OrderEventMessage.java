package com.streamproc.orders.decode;

import java.util.List;

/**
 * An order event exactly as it is on the wire. Every scalar is kept with its JSON type and text
 * ({@link WireScalar}), so that {@link OrderEventDecoder} checks {@code schemaVersion} before any other field is
 * judged, refuses a JSON type the contract does not allow (a string where a number belongs, a number where text
 * belongs) and gives every other rule its own reason code; unknown fields are ignored.
 */
record OrderEventMessage(WireScalar schemaVersion, WireScalar eventId, WireScalar type, WireScalar orderId,
                         WireScalar customerId, WireScalar occurredAt, WireScalar currency, List<ItemMessage> items,
                         WireScalar total, WireScalar amount) {

    /** One element of {@code items}. */
    record ItemMessage(WireScalar sku, WireScalar quantity, WireScalar unitPrice) {
    }
}
