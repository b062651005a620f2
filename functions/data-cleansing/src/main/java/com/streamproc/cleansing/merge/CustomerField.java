package com.streamproc.cleansing.merge;

/** The customer fields that are normalised and merged field by field. */
public enum CustomerField {
    EMAIL("email"),
    PHONE("phone"),
    FULL_NAME("fullName"),
    COUNTRY("country"),
    BIRTH_DATE("birthDate");

    private final String attribute;

    CustomerField(String attribute) {
        this.attribute = attribute;
    }

    /** The field's name in the contract, in reason codes, and as the DynamoDB attribute. */
    public String attribute() {
        return attribute;
    }
}
