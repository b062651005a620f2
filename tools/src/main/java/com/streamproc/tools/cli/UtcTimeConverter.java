package com.streamproc.tools.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a point in time: {@code 2026-11-27T10:15:00Z}, {@code 2026-11-27T11:15+01:00}, {@code 2026-11-27T10:15}
 * (UTC) or {@code 2026-11-27} (UTC midnight).
 */
public final class UtcTimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        String text = value.trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a time: use 2026-11-27T10:15:00Z, "
                    + "2026-11-27T10:15 (UTC) or 2026-11-27");
        }
    }
}
