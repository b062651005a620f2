package com.streamproc.bench.bill;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Told by a {@link CapacityMeter} of every item a metered request wrote or read, with the item before and after:
 * what a model needs that looks at which keys the units land on, not only at their sum.
 */
public interface ItemListener {
    /**
     * A successful write of {@code table}.
     *
     * @param key    the item's key attributes (at least)
     * @param before the item before the write, null if there was none
     * @param after  the item after the write, null for a delete
     */
    void written(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> before,
                 Map<String, AttributeValue> after);

    /** A write whose condition failed, having met {@code stored} (null: no item); {@code attempted} may be null. */
    void conditionFailed(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> stored,
                         Map<String, AttributeValue> attempted);

    /** One item read by key; {@code item} null when none was found. */
    void read(String table, Map<String, AttributeValue> key, Map<String, AttributeValue> item, boolean consistent);
}
