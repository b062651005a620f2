package com.streamproc.cleansing;

/** What cleansing made of one source record: a {@link CleansedRecord} to merge, or a {@link RejectedRecord}. */
public sealed interface CleansingOutcome permits CleansedRecord, RejectedRecord {
}
