package com.streamproc.cleansing;

import com.fasterxml.jackson.databind.JsonNode;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.CustomerKeys;
import com.streamproc.cleansing.normalize.CountryNormalizer;
import com.streamproc.cleansing.normalize.DateNormalizer;
import com.streamproc.cleansing.normalize.EmailNormalizer;
import com.streamproc.cleansing.normalize.FieldReasons;
import com.streamproc.cleansing.normalize.NameNormalizer;
import com.streamproc.cleansing.normalize.Normalized;
import com.streamproc.cleansing.normalize.PhoneNormalizer;
import com.streamproc.shared.decode.EventTimeRange;
import com.streamproc.shared.decode.ReasonCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a {@link CustomerRecord} into a {@link CleansedRecord}, or a {@link RejectedRecord} when it cannot be
 * cleansed.
 *
 * <p>A record is rejected when it cannot be ordered ({@code updatedAt} unreadable, ambiguous, or too far in the
 * future) or cannot be placed ({@code NO_CONTACT_POINT}: neither a usable e-mail nor a usable phone). An optional
 * field that is present but unusable does not reject the record: it is left out of the merge and listed in
 * {@link CleansedRecord#dropped()} with its reason code.
 *
 * <p>Deterministic, apart from the future check against the clock: the same record always cleanses the same way,
 * which is what makes replays safe. Thread-safe.
 */
public final class CustomerRecordCleanser {
    /** How far ahead of this function's clock a source's {@code updatedAt} may be (producer clock skew). */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(15);
    /** Birth dates before this are typos or placeholders (0001-01-01, 1800-01-01). */
    public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    public static final int MAX_SOURCE_SYSTEM_LENGTH = 64;
    public static final int MAX_SOURCE_RECORD_ID_LENGTH = 128;

    private final Clock clock;
    private final Duration maxFutureSkew;
    private final EmailNormalizer emails = new EmailNormalizer();
    private final PhoneNormalizer phones = new PhoneNormalizer();
    private final CountryNormalizer countries = new CountryNormalizer();
    private final NameNormalizer names = new NameNormalizer();
    private final DateNormalizer dates = new DateNormalizer();

    public CustomerRecordCleanser(Clock clock, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    public CustomerRecordCleanser(Clock clock) {
        this(clock, DEFAULT_MAX_FUTURE_SKEW);
    }

    public CleansingOutcome cleanse(CustomerRecord record) {
        if (record.schemaVersion() != CustomerRecord.SCHEMA_VERSION) {
            return new RejectedRecord(ReasonCodes.UNSUPPORTED_SCHEMA_VERSION,
                    "schemaVersion " + record.schemaVersion() + " is not supported, expected "
                            + CustomerRecord.SCHEMA_VERSION, List.of());
        }
        String idProblem = sourceIdProblem(record);
        if (idProblem != null) {
            return new RejectedRecord(ReasonCodes.SCHEMA_VIOLATION, idProblem, List.of());
        }

        List<String> fieldReasons = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String primary = null;

        Instant updatedAt = null;
        Normalized<Instant> readUpdatedAt = read(record.updatedAt(), dates::toInstant);
        if (readUpdatedAt == null) {
            primary = CleansingReasons.INVALID_UPDATED_AT;
            fieldReasons.add("updatedAt:" + FieldReasons.MISSING);
            problems.add("updatedAt is empty");
        } else if (readUpdatedAt instanceof Normalized.Invalid<Instant> invalid) {
            primary = CleansingReasons.INVALID_UPDATED_AT;
            fieldReasons.add("updatedAt:" + invalid.reasonCode());
            problems.add("updatedAt is not a usable timestamp");
        } else if (!EventTimeRange.contains(readUpdatedAt.valueOrNull())) {
            // Before the future check: a year beyond 9999 is no clock running fast. No source changed a record
            // before 1970 (an epoch 0 placeholder is 1970-01-01, inside).
            primary = CleansingReasons.INVALID_UPDATED_AT;
            fieldReasons.add("updatedAt:" + FieldReasons.DATE_OUT_OF_RANGE);
            problems.add("updatedAt is outside the UTC years " + EventTimeRange.describe());
        } else if (readUpdatedAt.valueOrNull().isAfter(clock.instant().plus(maxFutureSkew))) {
            primary = CleansingReasons.UPDATED_AT_IN_FUTURE;
            fieldReasons.add("updatedAt:" + FieldReasons.IN_FUTURE);
            problems.add("updatedAt is more than " + maxFutureSkew.toMinutes() + " minutes in the future");
        } else {
            updatedAt = readUpdatedAt.valueOrNull();
        }

        Map<CustomerField, Normalized<String>> fields = new EnumMap<>(CustomerField.class);
        Normalized<String> country = read(record.country(), countries::normalize);
        String region = country == null ? null : country.valueOrNull();
        fields.put(CustomerField.EMAIL, read(record.email(), emails::normalize));
        fields.put(CustomerField.PHONE, read(record.phone(), raw -> phones.normalize(raw, region)));
        fields.put(CustomerField.FULL_NAME, read(record.fullName(), names::normalize));
        fields.put(CustomerField.COUNTRY, country);
        LocalDate latestBirthDate = updatedAt != null
                ? LocalDate.ofInstant(updatedAt, ZoneOffset.UTC) : LocalDate.now(clock);
        fields.put(CustomerField.BIRTH_DATE, read(record.birthDate(), raw -> birthDate(raw, latestBirthDate)));

        Normalized<String> email = fields.get(CustomerField.EMAIL);
        Normalized<String> phone = fields.get(CustomerField.PHONE);
        String customerKey = null;
        if (email != null && email.isValid()) {
            customerKey = CustomerKeys.forEmail(email.valueOrNull());
        } else if (phone != null && phone.isValid()) {
            customerKey = CustomerKeys.forPhone(phone.valueOrNull());
        } else if (primary == null) {
            primary = CleansingReasons.NO_CONTACT_POINT;
        }
        if (customerKey == null) {
            problems.add("no usable email or phone");
        }

        Map<CustomerField, String> values = new EnumMap<>(CustomerField.class);
        Map<CustomerField, String> dropped = new EnumMap<>(CustomerField.class);
        for (CustomerField field : CustomerField.values()) {
            Normalized<String> result = fields.get(field);
            boolean contactPoint = field == CustomerField.EMAIL || field == CustomerField.PHONE;
            if (result == null) {
                if (customerKey == null && contactPoint) {
                    fieldReasons.add(field.attribute() + ":" + FieldReasons.MISSING);
                }
            } else if (result instanceof Normalized.Invalid<String> invalid) {
                dropped.put(field, invalid.reasonCode());
                fieldReasons.add(field.attribute() + ":" + invalid.reasonCode());
            } else {
                values.put(field, result.valueOrNull());
            }
        }

        if (primary != null) {
            return new RejectedRecord(primary, String.join("; ", problems), fieldReasons);
        }
        return new CleansedRecord(customerKey, record.sourceKey(), updatedAt, values, dropped);
    }

    private Normalized<String> birthDate(String raw, LocalDate latest) {
        Normalized<LocalDate> date = dates.toDate(raw);
        if (date instanceof Normalized.Invalid<LocalDate> invalid) {
            return Normalized.invalid(invalid.reasonCode());
        }
        LocalDate value = date.valueOrNull();
        if (value.isBefore(EARLIEST_BIRTH_DATE) || value.isAfter(latest)) {
            return Normalized.invalid(FieldReasons.IMPLAUSIBLE_BIRTH_DATE);
        }
        return Normalized.valid(value.toString());
    }

    /** @return the normalised field, or {@code null} when the field is absent */
    private static <T> Normalized<T> read(JsonNode node, Function<String, Normalized<T>> normalizer) {
        RawValue raw = RawValue.of(node);
        if (raw instanceof RawValue.Text text) {
            return normalizer.apply(text.text());
        }
        if (raw instanceof RawValue.WrongType) {
            return Normalized.invalid(FieldReasons.WRONG_TYPE);
        }
        return null;
    }

    private static String sourceIdProblem(CustomerRecord record) {
        String system = record.sourceSystem();
        if (system.length() > MAX_SOURCE_SYSTEM_LENGTH || system.indexOf(':') >= 0 || hasControl(system)) {
            return "sourceSystem must be at most " + MAX_SOURCE_SYSTEM_LENGTH
                    + " characters without ':' or control characters";
        }
        String id = record.sourceRecordId();
        if (id.length() > MAX_SOURCE_RECORD_ID_LENGTH || hasControl(id)) {
            return "sourceRecordId must be at most " + MAX_SOURCE_RECORD_ID_LENGTH
                    + " characters without control characters";
        }
        return null;
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
