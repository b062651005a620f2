package com.streamproc.cleansing;

import static com.streamproc.cleansing.CustomerRecordJson.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.shared.decode.EventJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerRecordCleanserTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final CustomerRecordCleanser cleanser = new CustomerRecordCleanser(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void messyButUsableRecordIsNormalisedFieldByField() {
        CustomerRecord messy = record("webshop", "w-42")
                .with("updatedAt", "20.11.2026 09:30")
                .with("email", "  Jane.Doe@Example.COM ")
                .with("phone", "030 901820")
                .with("fullName", "  jane\u00A0 DOE ")
                .with("country", "Deutschland")
                .with("birthDate", "17/05/1990")
                .toRecord();

        CleansingOutcome outcome = cleanser.cleanse(messy);

        assertThat(outcome).isEqualTo(new CleansedRecord("EMAIL#jane.doe@example.com", "webshop:w-42",
                Instant.parse("2026-11-20T09:30:00Z"),
                Map.of(CustomerField.EMAIL, "jane.doe@example.com", CustomerField.PHONE, "+4930901820",
                        CustomerField.FULL_NAME, "jane DOE", CustomerField.COUNTRY, "DE",
                        CustomerField.BIRTH_DATE, "1990-05-17"),
                Map.of()));
    }

    @Test
    void recordWithoutUsableEmailIsKeyedByPhoneAndRecordsTheDroppedEmail() {
        CustomerRecord record = record().with("email", "jane.doe@").with("phone", "+44 20 7946 0018").toRecord();

        CleansedRecord cleansed = (CleansedRecord) cleanser.cleanse(record);

        assertThat(cleansed.customerKey()).isEqualTo("PHONE#+442079460018");
        assertThat(cleansed.dropped()).isEqualTo(Map.of(CustomerField.EMAIL, "INVALID_EMAIL"));
        assertThat(cleansed.values()).doesNotContainKey(CustomerField.EMAIL);
    }

    @Test
    void unusableOptionalFieldsAreDroppedWithTheirCodesAndTheRecordIsKept() {
        CustomerRecord record = record()
                .with("phone", "12345")
                .with("fullName", "   ")
                .with("country", "Atlantis")
                .with("birthDate", "03/04/1990")
                .toRecord();

        CleansedRecord cleansed = (CleansedRecord) cleanser.cleanse(record);

        assertThat(cleansed.values()).containsOnlyKeys(CustomerField.EMAIL);
        assertThat(cleansed.dropped()).isEqualTo(Map.of(
                CustomerField.PHONE, "PHONE_NEEDS_COUNTRY",
                CustomerField.COUNTRY, "UNKNOWN_COUNTRY",
                CustomerField.BIRTH_DATE, "AMBIGUOUS_DATE"));
    }

    @Test
    void blankAndPlaceholderValuesCountAsAbsentNotAsDropped() {
        CustomerRecord record = record()
                .with("fullName", "N/A").with("country", "").withNull("birthDate").without("phone")
                .toRecord();

        CleansedRecord cleansed = (CleansedRecord) cleanser.cleanse(record);

        assertThat(cleansed.values()).containsOnlyKeys(CustomerField.EMAIL);
        assertThat(cleansed.dropped()).isEmpty();
    }

    @Test
    void numbersAreReadAsTextAndObjectsAreTheWrongType() {
        CustomerRecord record = record()
                .with("updatedAt", 1795165200L)
                .with("phone", 4930901820L)
                .withNode("fullName", EventJson.mapper().createObjectNode().put("first", "Jane"))
                .toRecord();

        CleansedRecord cleansed = (CleansedRecord) cleanser.cleanse(record);

        assertThat(cleansed.updatedAt()).isEqualTo(Instant.ofEpochSecond(1795165200L));
        assertThat(cleansed.values().get(CustomerField.PHONE)).isEqualTo("+4930901820");
        assertThat(cleansed.dropped()).isEqualTo(Map.of(CustomerField.FULL_NAME, "WRONG_TYPE"));
    }

    @Test
    void birthDateAfterTheRecordsOwnUpdatedAtOrBefore1900IsImplausible() {
        CleansedRecord future = (CleansedRecord) cleanser.cleanse(
                record().with("updatedAt", "2026-11-20T09:00:00Z").with("birthDate", "2026-11-21").toRecord());
        CleansedRecord ancient = (CleansedRecord) cleanser.cleanse(record().with("birthDate", "01.01.1899").toRecord());

        assertThat(future.dropped()).isEqualTo(Map.of(CustomerField.BIRTH_DATE, "IMPLAUSIBLE_BIRTH_DATE"));
        assertThat(ancient.dropped()).isEqualTo(Map.of(CustomerField.BIRTH_DATE, "IMPLAUSIBLE_BIRTH_DATE"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "0", "1970-01-01"})
    void updatedAtAtTheFirstInstantOf1970IsAccepted(String updatedAt) {
        CleansedRecord cleansed = (CleansedRecord) cleanser.cleanse(record().with("updatedAt", updatedAt)
                .without("birthDate").toRecord());

        assertThat(cleansed.updatedAt()).isEqualTo(Instant.EPOCH);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1955-03-02, 1955-03-02", "-1, 1969-12-31", "02.01.1900, 1900-01-02"})
    void birthDatesBefore1970AreKept(String birthDate, String expected) {
        CleansedRecord cleansed = (CleansedRecord) cleanser.cleanse(record().with("birthDate", birthDate).toRecord());

        assertThat(cleansed.values().get(CustomerField.BIRTH_DATE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-999999999-01-01", "+10000-01-01", "+999999999-12-31T23:59:59-18:00", "0000-01-01"})
    void birthDatesAtExtremeIsoYearsAreImplausibleAndDropped(String birthDate) {
        CleansedRecord cleansed = (CleansedRecord) cleanser.cleanse(record().with("birthDate", birthDate).toRecord());

        assertThat(cleansed.dropped()).isEqualTo(Map.of(CustomerField.BIRTH_DATE, "IMPLAUSIBLE_BIRTH_DATE"));
    }

    @Test
    void updatedAtWithinTheAllowedClockSkewIsAccepted() {
        CustomerRecord record = record().with("updatedAt", NOW.plusSeconds(14 * 60).toString()).toRecord();

        assertThat(cleanser.cleanse(record)).isInstanceOf(CleansedRecord.class);
    }

    static Stream<Arguments> rejects() {
        return Stream.of(
                Arguments.of("no e-mail or phone at all",
                        record().without("email").without("phone"),
                        "NO_CONTACT_POINT", List.of("email:MISSING", "phone:MISSING")),
                Arguments.of("both contact points unusable",
                        record().with("email", "not-an-email").with("phone", "12"),
                        "NO_CONTACT_POINT", List.of("email:INVALID_EMAIL", "phone:INVALID_PHONE")),
                Arguments.of("national phone without country, no e-mail",
                        record().without("email").with("phone", "030 901820").without("country"),
                        "NO_CONTACT_POINT", List.of("email:MISSING", "phone:PHONE_NEEDS_COUNTRY")),
                Arguments.of("unusable contact points and other bad fields",
                        record().with("email", "x@").with("phone", "n/a").with("country", "Atlantis")
                                .with("birthDate", "someday"),
                        "NO_CONTACT_POINT", List.of("email:INVALID_EMAIL", "phone:MISSING",
                                "country:UNKNOWN_COUNTRY", "birthDate:UNPARSEABLE_DATE")),
                Arguments.of("ambiguous updatedAt",
                        record().with("updatedAt", "03/04/2026"),
                        "INVALID_UPDATED_AT", List.of("updatedAt:AMBIGUOUS_DATE")),
                Arguments.of("unreadable updatedAt",
                        record().with("updatedAt", "last tuesday"),
                        "INVALID_UPDATED_AT", List.of("updatedAt:UNPARSEABLE_DATE")),
                Arguments.of("empty updatedAt",
                        record().with("updatedAt", " "),
                        "INVALID_UPDATED_AT", List.of("updatedAt:MISSING")),
                Arguments.of("updatedAt of the wrong JSON type",
                        record().withNode("updatedAt", EventJson.mapper().createArrayNode().add(1)),
                        "INVALID_UPDATED_AT", List.of("updatedAt:WRONG_TYPE")),
                Arguments.of("updatedAt far in the future",
                        record().with("updatedAt", "2027-01-01T00:00:00Z"),
                        "UPDATED_AT_IN_FUTURE", List.of("updatedAt:IN_FUTURE")),
                Arguments.of("bad updatedAt wins over no contact point",
                        record().with("updatedAt", "2026-02-30").without("email").without("phone"),
                        "INVALID_UPDATED_AT", List.of("updatedAt:UNPARSEABLE_DATE", "email:MISSING", "phone:MISSING")),
                Arguments.of("updatedAt before 1970",
                        record().with("updatedAt", "1969-12-31T23:59:59Z"),
                        "INVALID_UPDATED_AT", List.of("updatedAt:DATE_OUT_OF_RANGE")),
                Arguments.of("updatedAt as negative epoch seconds",
                        record().with("updatedAt", -86400L),
                        "INVALID_UPDATED_AT", List.of("updatedAt:DATE_OUT_OF_RANGE")),
                Arguments.of("updatedAt in the year 10000",
                        record().with("updatedAt", "+10000-01-01T00:00:00Z"),
                        "INVALID_UPDATED_AT", List.of("updatedAt:DATE_OUT_OF_RANGE")),
                Arguments.of("updatedAt at the smallest ISO year",
                        record().with("updatedAt", "-999999999-01-01T00:00:00+01:00"),
                        "INVALID_UPDATED_AT", List.of("updatedAt:DATE_OUT_OF_RANGE")),
                Arguments.of("updatedAt at the largest ISO year",
                        record().with("updatedAt", "+999999999-12-31T23:59:59-18:00"),
                        "INVALID_UPDATED_AT", List.of("updatedAt:DATE_OUT_OF_RANGE")),
                Arguments.of("unsupported schema version",
                        record().with("schemaVersion", 2),
                        "UNSUPPORTED_SCHEMA_VERSION", List.of()),
                Arguments.of("source system containing the key separator",
                        record("crm:eu", "c-1"),
                        "SCHEMA_VIOLATION", List.of()),
                Arguments.of("overlong source record id",
                        record("crm", "x".repeat(129)),
                        "SCHEMA_VIOLATION", List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejects")
    void rejectsWithReasonAndFieldReasons(String description, CustomerRecordJson json, String reason,
                                          List<String> fieldReasons) {
        CleansingOutcome outcome = cleanser.cleanse(json.toRecord());

        assertThat(outcome).isInstanceOf(RejectedRecord.class);
        RejectedRecord rejected = (RejectedRecord) outcome;
        assertThat(rejected.reasonCode()).isEqualTo(reason);
        assertThat(rejected.fieldReasons()).isEqualTo(fieldReasons);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rejects")
    void rejectDetailNamesFieldsButNeverValues(String description, CustomerRecordJson json, String reason,
                                               List<String> fieldReasons) {
        RejectedRecord rejected = (RejectedRecord) cleanser.cleanse(json.toRecord());

        assertThat(rejected.detail()).isNotBlank()
                .doesNotContain("example.com", "not-an-email", "030", "901820", "Jane", "Atlantis", "someday",
                        "03/04", "tuesday", "2027", "2026-02-30", "crm:eu", "xxxx", "1969", "-86400", "10000",
                        "999999999");
    }
}
