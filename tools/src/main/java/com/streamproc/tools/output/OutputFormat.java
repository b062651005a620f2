package com.streamproc.tools.output;

/** How a result is printed: an aligned table for people, CSV or JSON for scripts and spreadsheets. */
public enum OutputFormat {
    TABLE, CSV, JSON
}
