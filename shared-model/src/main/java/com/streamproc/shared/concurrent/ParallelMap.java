package com.streamproc.shared.concurrent;

import java.util.List;
import java.util.function.Function;

/**
 * Runs a task on every input, possibly several at once; results in input order. The requests of one batch that do
 * not depend on each other (the chunks of a {@code BatchGetItem}, the writes of different items) go through one, so
 * that they take one round trip together instead of one each.
 */
public interface ParallelMap {
    /** One input at a time, on the caller's thread. */
    ParallelMap SEQUENTIAL = new ParallelMap() {
        @Override
        public <I, O> List<O> map(List<I> inputs, Function<I, O> task, Function<I, O> onFailure) {
            return inputs.stream().map(task).toList();
        }
    };

    /**
     * @param onFailure the result for an input whose task threw a transient or configuration failure; a
     *                  deterministic failure is thrown once every task has finished
     */
    <I, O> List<O> map(List<I> inputs, Function<I, O> task, Function<I, O> onFailure);

    /**
     * As {@link #map(List, Function, Function)}, while the caller's thread runs {@code meanwhile}: work that does not
     * depend on the tasks, done while their requests are in flight instead of after them. Returns once both are
     * done. Without concurrency, {@code meanwhile} runs first, then the tasks.
     */
    default <I, O> List<O> map(List<I> inputs, Function<I, O> task, Function<I, O> onFailure, Runnable meanwhile) {
        meanwhile.run();
        return map(inputs, task, onFailure);
    }
}
