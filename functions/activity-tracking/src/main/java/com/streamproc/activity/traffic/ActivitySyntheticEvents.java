package com.streamproc.activity.traffic;

import com.streamproc.activity.ActivityTrackingDescriptor;
import com.streamproc.shared.function.SyntheticEvents;
import java.time.Clock;
import java.util.Random;

/** Activity events made up for a run of {@code produce --generate}; never in the deployment zip. */
public final class ActivitySyntheticEvents implements SyntheticEvents {
    @Override
    public String functionName() {
        return ActivityTrackingDescriptor.NAME;
    }

    @Override
    public Generator generator(Random random, Clock clock, String run, long count) {
        return new ActivityFactory(random, clock, run, count);
    }
}
