package com.streamproc.shared.function;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The functions on a class path, as their modules declare them ({@link FunctionDescriptor}). */
public final class FunctionDescriptors {
    private FunctionDescriptors() {
    }

    /** Every descriptor visible to this class's loader, ordered by name. */
    public static List<FunctionDescriptor<?>> all() {
        return all(FunctionDescriptors.class.getClassLoader());
    }

    /** Every descriptor visible to {@code loader}, ordered by name. */
    @SuppressWarnings("rawtypes")
    public static List<FunctionDescriptor<?>> all(ClassLoader loader) {
        List<FunctionDescriptor<?>> found = new ArrayList<>();
        for (FunctionDescriptor descriptor : ServiceLoader.load(FunctionDescriptor.class, loader)) {
            found.add(descriptor);
        }
        found.sort(Comparator.comparing(FunctionDescriptor::name));
        return List.copyOf(found);
    }

    /** The analysts' questions of the function named {@code functionName} visible to {@code loader}, if any. */
    public static java.util.Optional<AnalystQuestions> questionsOf(String functionName, ClassLoader loader) {
        for (AnalystQuestions questions : ServiceLoader.load(AnalystQuestions.class, loader)) {
            if (questions.functionName().equals(functionName)) {
                return java.util.Optional.of(questions);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The synthetic events of the function named {@code functionName} visible to {@code loader}, if any (a
     * function's module jar has them; its deployment zip does not).
     */
    public static java.util.Optional<SyntheticEvents> eventsOf(String functionName, ClassLoader loader) {
        for (SyntheticEvents events : ServiceLoader.load(SyntheticEvents.class, loader)) {
            if (events.functionName().equals(functionName)) {
                return java.util.Optional.of(events);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The descriptor whose name, event type, alias or template logical id is {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the known functions when none matches
     */
    public static FunctionDescriptor<?> named(String text) {
        return named(all(), text);
    }

    /** As {@link #named(String)}, among {@code descriptors}. */
    public static FunctionDescriptor<?> named(List<FunctionDescriptor<?>> descriptors, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        for (FunctionDescriptor<?> descriptor : descriptors) {
            if (value.equals(descriptor.name()) || value.equals(descriptor.eventType())
                    || descriptor.aliases().contains(value)
                    || value.equals(descriptor.templateIds().function().toLowerCase(Locale.ROOT))) {
                return descriptor;
            }
        }
        throw new IllegalArgumentException("unknown function '" + text + "', expected one of "
                + (descriptors.isEmpty() ? "(no function on the class path)" : descriptors.stream()
                .map(d -> d.name() + " (" + d.eventType() + ")").collect(Collectors.joining(", "))));
    }
}
