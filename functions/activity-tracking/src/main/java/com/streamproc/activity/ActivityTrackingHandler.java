package com.streamproc.activity;

import com.streamproc.activity.domain.ActivityEvent;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.function.StreamHandler;

/**
 * Lambda entry point for the activity stream: exact per-user-day, per-action-hour and daily-active-user aggregates.
 * Must run with {@code ParallelizationFactor: 1} and {@code ReportBatchItemFailures}; wired from
 * {@link ActivityTrackingDescriptor}.
 */
public final class ActivityTrackingHandler extends StreamHandler<ActivityEvent> {
    public static final String FUNCTION_NAME = ActivityTrackingDescriptor.NAME;

    /** Production: builds everything from the environment ({@code ACTIVITY_TABLE}, {@code QUARANTINE_TABLE}, ...). */
    public ActivityTrackingHandler() {
        super(new ActivityTrackingDescriptor());
    }

    public ActivityTrackingHandler(BatchProcessor<ActivityEvent> processor) {
        super(processor);
    }
}
