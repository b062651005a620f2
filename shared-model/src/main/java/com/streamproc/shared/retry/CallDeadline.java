package com.streamproc.shared.retry;

import com.streamproc.shared.batch.Deadline;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deadline of the call running on this thread, for the SDK client's interceptor that bounds each call's
 * timeouts by it ({@link com.streamproc.shared.aws.DeadlineTimeouts}). {@link TransientRetry} sets it around
 * every call it makes.
 */
public final class CallDeadline {
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private CallDeadline() {
    }

    /** Runs {@code call} with {@code deadline} as this thread's call deadline. */
    public static <T> T within(Deadline deadline, Supplier<T> call) {
        Deadline previous = CURRENT.get();
        CURRENT.set(deadline);
        try {
            return call.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The deadline of the call running on this thread, if it runs under one. */
    public static Optional<Deadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
