package com.streamproc.orders.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money as a whole number of the currency's minor units (cents for EUR, yen for JPY): exact,
 * never a binary floating-point number.
 *
 * @param currency a currency with minor units ({@link Currency#getDefaultFractionDigits()} ≥ 0)
 * @param minor    the amount in minor units, never negative
 */
public record Money(Currency currency, long minor) {
    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency has no minor unit");
        }
        if (minor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    /** The amount in major units with the currency's scale ({@code 12.50} for 1250 EUR cents). */
    public BigDecimal toDecimal() {
        return toDecimal(minor, currency);
    }

    /** {@code minor} minor units of {@code currency} in major units, with the currency's scale. */
    public static BigDecimal toDecimal(long minor, Currency currency) {
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits());
    }

    /** {@code minor} minor units of {@code currency} in major units, with the currency's scale. */
    public static BigDecimal toDecimal(BigDecimal minor, Currency currency) {
        return minor.movePointLeft(currency.getDefaultFractionDigits())
                .setScale(currency.getDefaultFractionDigits());
    }
}
