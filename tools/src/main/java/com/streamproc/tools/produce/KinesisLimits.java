package com.streamproc.tools.produce;

/** The PutRecords limits a request must respect, or Kinesis rejects it as a whole. */
public final class KinesisLimits {
    /** Records per PutRecords request. */
    public static final int MAX_RECORDS_PER_REQUEST = 500;
    /** Bytes per PutRecords request, data and partition keys together. */
    public static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    /** Bytes per record, data and partition key together. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;
    /** Unicode characters per partition key. */
    public static final int MAX_PARTITION_KEY_CHARS = 256;

    private KinesisLimits() {
    }
}
