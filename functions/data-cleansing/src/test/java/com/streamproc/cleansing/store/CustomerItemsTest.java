package com.streamproc.cleansing.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.cleansing.merge.Customer;
import com.streamproc.cleansing.merge.CustomerField;
import com.streamproc.cleansing.merge.FieldDrop;
import com.streamproc.cleansing.merge.FieldValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CustomerItemsTest {
    static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2026-02-01T08:30:00.123Z");

    static Customer customer() {
        return new Customer("EMAIL#jane.doe@example.com",
                Map.of(CustomerField.EMAIL, new FieldValue("jane.doe@example.com", T1, "crm:1"),
                        CustomerField.PHONE, new FieldValue("+4930901820", T2, "shop:7")),
                Map.of(CustomerField.BIRTH_DATE, new FieldDrop("AMBIGUOUS_DATE", T2, "shop:7")),
                new TreeSet<>(List.of("crm:1", "shop:7")), false, T2);
    }

    @Test
    void itemHasTheDocumentedLayout() {
        Map<String, AttributeValue> item = CustomerItems.toItem(customer(), 3);

        assertThat(item).containsEntry("customerKey", AttributeValue.fromS("EMAIL#jane.doe@example.com"))
                .containsEntry("phone", AttributeValue.fromS("+4930901820"))
                .containsEntry("phoneUpdatedAt", AttributeValue.fromS("2026-02-01T08:30:00.123Z"))
                .containsEntry("phoneSource", AttributeValue.fromS("shop:7"))
                .containsEntry("emailSource", AttributeValue.fromS("crm:1"))
                .containsEntry("sources", AttributeValue.fromSs(List.of("crm:1", "shop:7")))
                .containsEntry("updatedAt", AttributeValue.fromS("2026-02-01T08:30:00.123Z"))
                .containsEntry("version", AttributeValue.fromN("3"))
                .doesNotContainKeys("fullName", "country", "birthDate", "sourcesTruncated");
        assertThat(item.get("droppedFields").m().get("birthDate").m())
                .containsEntry("reason", AttributeValue.fromS("AMBIGUOUS_DATE"))
                .containsEntry("source", AttributeValue.fromS("shop:7"));
    }

    @Test
    void itemRoundTripsToTheSameCustomerAndVersion() {
        StoredCustomer read = CustomerItems.fromItem(CustomerItems.toItem(customer(), 3));

        assertThat(read).isEqualTo(new StoredCustomer(customer(), 3));
    }

    @Test
    void truncatedSourcesFlagRoundTrips() {
        Customer truncated = new Customer("PHONE#+4930901820", Map.of(), Map.of(), new TreeSet<>(List.of("a:1")), true, T1);

        assertThat(CustomerItems.fromItem(CustomerItems.toItem(truncated, 1)).customer()).isEqualTo(truncated);
    }
}
