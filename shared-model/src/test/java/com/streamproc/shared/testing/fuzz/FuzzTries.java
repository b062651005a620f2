package com.streamproc.shared.testing.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Sets a property's tries from the system property {@value #PROPERTY} when it is given (the {@code soak} profile
 * gives it), else leaves the {@code @Property(tries = ...)} of the normal build. Added to a class, it reaches the
 * class's properties.
 */
public final class FuzzTries implements AroundPropertyHook {
    public static final String PROPERTY = "fuzz.tries";

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(PROPERTY, "").trim();
        if (!tries.isEmpty()) {
            context.attributes().setTries(Integer.parseInt(tries));
        }
        return property.execute();
    }
}
