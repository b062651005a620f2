package com.streamproc.orders.domain;

import java.util.Objects;

/**
 * One line of a placed order.
 *
 * @param sku       the product
 * @param quantity  how many, at least 1
 * @param unitPrice the price of one, in the order's currency
 */
public record LineItem(String sku, int quantity, Money unitPrice) {
    public LineItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }

    /** quantity × unitPrice in minor units. */
    public long lineTotalMinor() {
        return Math.multiplyExact(unitPrice.minor(), (long) quantity);
    }
}
