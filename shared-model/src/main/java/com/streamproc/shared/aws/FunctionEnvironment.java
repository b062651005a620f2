package com.streamproc.shared.aws;

import java.util.Map;

/** Reads a function's configuration from its environment variables, failing early and clearly at cold start. */
public final class FunctionEnvironment {
    private final Map<String, String> env;

    public FunctionEnvironment(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static FunctionEnvironment system() {
        return new FunctionEnvironment(System.getenv());
    }

    /** @throws IllegalStateException naming the variable when it is unset or blank */
    public String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.trim();
    }

    public String optional(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** @throws IllegalStateException naming the variable when it is set but not a positive integer */
    public int positiveInt(String name, int fallback) {
        String value = env.get(name);
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

    public Map<String, String> asMap() {
        return env;
    }
}
