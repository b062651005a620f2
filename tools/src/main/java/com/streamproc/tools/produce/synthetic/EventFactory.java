package com.streamproc.tools.produce.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Makes synthetic events of one contract. */
interface EventFactory {
    /** The next valid event, continuing whatever story the factory tells (an order's life, a user's session). */
    ObjectNode next();

    /**
     * An event that breaks the contract in a way the function quarantines (the contract-specific variants;
     * {@link SyntheticTraffic} adds generic ones).
     */
    ObjectNode invalid();

    /** The field whose removal makes an event break the schema, and that the partition key is read from. */
    String keyField();
}
