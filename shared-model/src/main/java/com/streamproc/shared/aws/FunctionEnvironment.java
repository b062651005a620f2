package com.streamproc.shared.aws;

import java.util.Map;
import java.util.Set;

/** Reads a function's configuration from its environment variables, failing early and clearly at cold start. */
public final class FunctionEnvironment {
    private final Map<String, String> env;
    private final Set<String> readable;

    public FunctionEnvironment(Map<String, String> env) {
        this(env, null);
    }

    private FunctionEnvironment(Map<String, String> env, Set<String> readable) {
        this.env = Map.copyOf(env);
        this.readable = readable == null ? null : Set.copyOf(readable);
    }

    /**
     * The same variables, of which only {@code names} may be read: reading another one throws, so a function reads
     * exactly what its descriptor declares (and the template checks can trust the declaration).
     */
    public FunctionEnvironment restrictedTo(Set<String> names) {
        return new FunctionEnvironment(env, names);
    }

    private String get(String name) {
        if (readable != null && !readable.contains(name)) {
            throw new IllegalStateException("environment variable " + name
                    + " is read but not declared by the function's descriptor");
        }
        return env.get(name);
    }

    public static FunctionEnvironment system() {
        return new FunctionEnvironment(System.getenv());
    }

    /** @throws IllegalStateException naming the variable when it is unset or blank */
    public String required(String name) {
        String value = get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.trim();
    }

    public String optional(String name, String fallback) {
        String value = get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** @throws IllegalStateException naming the variable when it is set but not a positive integer */
    public int positiveInt(String name, int fallback) {
        String value = get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a positive integer");
        }
    }

    /** The variables as a map (only the readable ones when {@linkplain #restrictedTo restricted}). */
    public Map<String, String> asMap() {
        if (readable == null) {
            return env;
        }
        Map<String, String> visible = new java.util.HashMap<>(env);
        visible.keySet().retainAll(readable);
        return Map.copyOf(visible);
    }
}
