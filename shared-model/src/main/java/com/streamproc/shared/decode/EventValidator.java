package com.streamproc.shared.decode;

/**
 * Business validation of a decoded event that needs no stored state (ranges, formats, sums). A rule that depends on
 * stored state (a lifecycle transition, say) belongs to the function's applier.
 *
 * @param <E> the function's event type
 */
@FunctionalInterface
public interface EventValidator<E> {
    /** @throws PoisonRecordException when the event breaks a rule of its contract */
    void validate(E event) throws PoisonRecordException;

    static <E> EventValidator<E> none() {
        return event -> { };
    }
}
