package com.streamproc.tools.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --env}: the environment name that prefixes every stream and table name of the stack. */
public final class EnvironmentOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private String env = "local";

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "local",
            description = "Environment name: streams and tables are <NAME>-orders, <NAME>-activity, ... "
                    + "(default: ${DEFAULT-VALUE}, the local stack)")
    void env(String value) {
        if (!value.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new ParameterException(spec.commandLine(),
                    "--env must be lower-case letters, digits and hyphens, starting with a letter (got '" + value + "')");
        }
        this.env = value;
    }

    public String env() {
        return env;
    }
}
