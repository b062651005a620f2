package com.streamproc.tools.query;

import picocli.CommandLine.Option;

/** {@code --table}: the function's table, when it is not named after {@code --env}. */
public final class TableOption {
    @Option(names = "--table", paramLabel = "NAME", description = "Table to read (default: the function's, for --env)")
    String table;

    String orDefault(String defaultName) {
        return table != null ? table : defaultName;
    }
}
