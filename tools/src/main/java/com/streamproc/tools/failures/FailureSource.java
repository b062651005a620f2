package com.streamproc.tools.failures;

import java.util.List;

/**
 * Where a function's on-failure records are: its SQS queue in AWS, a JSON-lines file on the local stack. Nothing is
 * lost by reading: a record leaves the source only by {@link #replayed}.
 */
public interface FailureSource extends AutoCloseable {
    /** Up to {@code limit} records, oldest first where the source knows the order. */
    List<FailureEntry> read(int limit);

    /** The range of {@code entry} was replayed in full: remove it (SQS) or mark it (file). */
    void replayed(FailureEntry entry);

    /** Gives the records read and not replayed back (SQS: visible again at once). */
    @Override
    void close();

    /** For messages: the queue URL or the file. */
    String describe();

    /** A source without records, described as {@code description}. */
    static FailureSource none(String description) {
        return new FailureSource() {
            @Override
            public List<FailureEntry> read(int limit) {
                return List.of();
            }

            @Override
            public void replayed(FailureEntry entry) {
                throw new IllegalStateException("no record was read from " + description);
            }

            @Override
            public void close() {
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
