package com.streamproc.local.esm;

/** Where a mapping sends the metadata of records it gives up on ({@code DestinationConfig.OnFailure}). */
@FunctionalInterface
public interface FailureDestination {
    void send(DiscardedBatch discarded);

    /** No destination configured: Lambda drops the records (they are still counted). */
    FailureDestination NONE = discarded -> { };
}
