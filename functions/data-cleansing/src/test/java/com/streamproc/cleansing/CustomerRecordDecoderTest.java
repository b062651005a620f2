package com.streamproc.cleansing;

import static com.streamproc.cleansing.CustomerRecordJson.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.streamproc.cleansing.decode.CustomerRecordDecoder;
import com.streamproc.shared.decode.PoisonRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CustomerRecordDecoderTest {
    private final CustomerRecordDecoder decoder = new CustomerRecordDecoder(
            new CustomerRecordCleanser(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC)));

    @Test
    void decodesAndCleansesAValidRecord() throws PoisonRecordException {
        CleansedRecord cleansed = decoder.decode(bytes(record().with("email", "JANE.DOE@example.com").json()));

        assertThat(cleansed.customerKey()).isEqualTo("EMAIL#jane.doe@example.com");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            missing updatedAt       | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1","email":"a@example.com"}                          | SCHEMA_VIOLATION
            null updatedAt          | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":null,"email":"a@example.com"}         | SCHEMA_VIOLATION
            missing sourceSystem    | {"schemaVersion":1,"sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com"}                        | SCHEMA_VIOLATION
            blank sourceRecordId    | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":" ","updatedAt":"2026-01-01","email":"a@example.com"}  | SCHEMA_VIOLATION
            missing schemaVersion   | {"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com"}                     | SCHEMA_VIOLATION
            not JSON                | {"schemaVersion":1,                                                                                                | MALFORMED_JSON
            a JSON array            | [1,2,3]                                                                                                             | SCHEMA_VIOLATION
            no contact point        | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01"}                            | NO_CONTACT_POINT
            schemaVersion "1"       | {"schemaVersion":"1","sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com"}   | SCHEMA_VIOLATION
            schemaVersion 1.0       | {"schemaVersion":1.0,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com"}   | SCHEMA_VIOLATION
            schemaVersion true      | {"schemaVersion":true,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com"}  | SCHEMA_VIOLATION
            schemaVersion too big   | {"schemaVersion":99999999999,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com"} | SCHEMA_VIOLATION
            sourceRecordId a number | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":1001,"updatedAt":"2026-01-01","email":"a@example.com"}    | SCHEMA_VIOLATION
            sourceSystem a boolean  | {"schemaVersion":1,"sourceSystem":true,"sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com"}     | SCHEMA_VIOLATION
            a field given twice     | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com","email":"b@example.com"} | MALFORMED_JSON
            surrogate in record id  | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1\\ud800","updatedAt":"2026-01-01","email":"a@example.com"} | INVALID_UNICODE
            surrogate in a name     | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a@example.com","fullName":"Ada \\udc00"} | INVALID_UNICODE
            surrogate in e-mail     | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"2026-01-01","email":"a\\udbff@example.com"} | INVALID_UNICODE
            updatedAt before 1970   | {"schemaVersion":1,"sourceSystem":"crm","sourceRecordId":"1","updatedAt":"1969-12-31T23:59:59Z","email":"a@example.com"} | INVALID_UPDATED_AT
            """)
    void turnsUndecodableOrUncleansableRecordsIntoPoison(String description, String json, String reason) {
        PoisonRecordException poison = catchThrowableOfType(PoisonRecordException.class, () -> decoder.decode(bytes(json)));

        assertThat(poison).isNotNull();
        assertThat(poison.reasonCode()).isEqualTo(reason);
    }

    @Test
    void poisonKeepsTheFieldReasonsOfTheRejection() {
        String json = record().with("email", "nope").with("phone", "nope").json();

        PoisonRecordException poison = catchThrowableOfType(PoisonRecordException.class, () -> decoder.decode(bytes(json)));

        assertThat(poison.reasonCode()).isEqualTo("NO_CONTACT_POINT");
        assertThat(poison.fieldReasons()).containsExactly("email:INVALID_EMAIL", "phone:INVALID_PHONE");
        assertThat(poison.detail()).doesNotContain("nope");
    }

    @Test
    void messyFieldsKeepTheirJsonTypesByDesign() throws PoisonRecordException {
        // Only the identifiers and schemaVersion have one JSON type; the fields cleansing normalises take text or numbers.
        String json = "{\"schemaVersion\":1,\"sourceSystem\":\"crm\",\"sourceRecordId\":\"1\","
                + "\"updatedAt\":\"1795165200\",\"phone\":4930901820,\"country\":\"DE\",\"birthDate\":19900517}";

        CleansedRecord cleansed = decoder.decode(bytes(json));

        assertThat(cleansed.customerKey()).isEqualTo("PHONE#+4930901820");
        assertThat(cleansed.updatedAt()).isEqualTo(Instant.ofEpochSecond(1795165200L));
    }

    private static ByteBuffer bytes(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
