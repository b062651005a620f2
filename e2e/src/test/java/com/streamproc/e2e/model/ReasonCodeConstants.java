package com.streamproc.e2e.model;

import com.streamproc.shared.decode.ReasonCodes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/** The reason codes a class declares as {@code public static final String} constants. */
public final class ReasonCodeConstants {
    private ReasonCodeConstants() {
    }

    /** The constants of {@code holder} and of the shared decoder's {@link ReasonCodes}. */
    public static Set<String> withShared(Class<?> holder) {
        Set<String> codes = new TreeSet<>(of(ReasonCodes.class));
        codes.addAll(of(holder));
        return codes;
    }

    public static Set<String> of(Class<?> holder) {
        Set<String> values = new TreeSet<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }
}
