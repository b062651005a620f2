package com.streamproc.bench.bill;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Feeds a {@link DynamoDbBill} from the requests a DynamoDB client sends, as an SDK interceptor on that client.
 *
 * <p>The bill needs each write's item before and after. The meter keeps a <b>shadow copy</b> of every table it
 * meters, built from the writes it sees succeed (the tables start empty in the benchmark, and every writer of them
 * goes through a metered client): a put's "before" is the shadow's item, its "after" the request's item; an
 * {@code UpdateItem} is sent with {@code ReturnValues=ALL_NEW} (the meter sets it when the caller asked for none),
 * so its "after" is what DynamoDB stored. Nothing extra is read from DynamoDB, so metering adds no requests.
 *
 * <p>It also asks every request for {@code ReturnConsumedCapacity=TOTAL} and keeps what the service reports per
 * table, next to the bill's own figures: for the table's own units the two should agree (dynalite reports no index
 * units, which is why the bill computes them).
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private final DynamoDbBill bill;
    private final Map<String, Map<List<AttributeValue>, Map<String, AttributeValue>>> shadow = new HashMap<>();
    private final Map<String, Double> reportedWrite = new ConcurrentHashMap<>();
    private final Map<String, Double> reportedRead = new ConcurrentHashMap<>();
    private final Map<String, Long> unmetered = new ConcurrentHashMap<>();

    private final List<ItemListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CapacityMeter(DynamoDbBill bill) {
        this.bill = bill;
    }

    /** Also tells {@code listener} of every item written or read, with its key (see {@link ItemListener}). */
    public CapacityMeter listen(ItemListener listener) {
        listeners.add(listener);
        return this;
    }

    public DynamoDbBill bill() {
        return bill;
    }

    /** Write units the service reported consumed, per table (its table units only: dynalite reports no index). */
    public Map<String, Double> reportedWriteUnits() {
        return new TreeMap<>(reportedWrite);
    }

    /** Read units the service reported consumed, per table. */
    public Map<String, Double> reportedReadUnits() {
        return new TreeMap<>(reportedRead);
    }

    /** Requests the meter could not bill (operations or tables it does not know), by operation and table. */
    public Map<String, Long> unmetered() {
        return new TreeMap<>(unmetered);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutItemRequest put && none(put.returnConsumedCapacity())) {
            return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof UpdateItemRequest update) {
            UpdateItemRequest.Builder builder = update.toBuilder();
            if (update.returnValues() == null || update.returnValues() == ReturnValue.NONE) {
                builder.returnValues(ReturnValue.ALL_NEW);
            }
            if (none(update.returnConsumedCapacity())) {
                builder.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
            }
            return builder.build();
        }
        if (request instanceof DeleteItemRequest delete && none(delete.returnConsumedCapacity())) {
            return delete.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchWriteItemRequest batch && none(batch.returnConsumedCapacity())) {
            return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof GetItemRequest get && none(get.returnConsumedCapacity())) {
            return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        if (request instanceof BatchGetItemRequest batch && none(batch.returnConsumedCapacity())) {
            return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        completed(context.request(), context.response());
    }

    /**
     * Bills a request that succeeded with {@code response}: what {@link #afterExecution} does, callable by a client
     * that is not built by the SDK (an in-process stand-in).
     */
    public void completed(SdkRequest request, Object response) {
        if (request instanceof PutItemRequest put) {
            if (metered("PutItem", put.tableName())) {
                putOne(put.tableName(), put.item());
            }
            reportWrite(((PutItemResponse) response).consumedCapacity());
        } else if (request instanceof UpdateItemRequest update) {
            UpdateItemResponse updated = (UpdateItemResponse) response;
            if (metered("UpdateItem", update.tableName())) {
                if (update.returnValues() != ReturnValue.ALL_NEW || !updated.hasAttributes()) {
                    unmetered.merge("UpdateItem without ALL_NEW " + update.tableName(), 1L, Long::sum);
                } else {
                    putOne(update.tableName(), updated.attributes());
                }
            }
            reportWrite(updated.consumedCapacity());
        } else if (request instanceof DeleteItemRequest delete) {
            if (metered("DeleteItem", delete.tableName())) {
                deleteOne(delete.tableName(), delete.key());
            }
            reportWrite(((DeleteItemResponse) response).consumedCapacity());
        } else if (request instanceof BatchWriteItemRequest batch) {
            BatchWriteItemResponse written = (BatchWriteItemResponse) response;
            batch.requestItems().forEach((table, writes) -> {
                if (!metered("BatchWriteItem", table)) {
                    return;
                }
                List<WriteRequest> unprocessed = written.hasUnprocessedItems()
                        ? written.unprocessedItems().getOrDefault(table, List.of()) : List.of();
                for (WriteRequest write : writes) {
                    if (unprocessed.contains(write)) {
                        continue;
                    }
                    if (write.putRequest() != null) {
                        putOne(table, write.putRequest().item());
                    } else if (write.deleteRequest() != null) {
                        deleteOne(table, write.deleteRequest().key());
                    }
                }
            });
            if (written.hasConsumedCapacity()) {
                written.consumedCapacity().forEach(this::reportWrite);
            }
        } else if (request instanceof GetItemRequest get) {
            GetItemResponse got = (GetItemResponse) response;
            if (metered("GetItem", get.tableName())) {
                Map<String, AttributeValue> found = got.hasItem() && !got.item().isEmpty() ? got.item() : null;
                readOne(get.tableName(), get.key(), found, Boolean.TRUE.equals(get.consistentRead()));
            }
            reportRead(got.consumedCapacity());
        } else if (request instanceof BatchGetItemRequest batch) {
            BatchGetItemResponse got = (BatchGetItemResponse) response;
            batch.requestItems().forEach((table, keys) -> {
                if (!metered("BatchGetItem", table)) {
                    return;
                }
                KeysAndAttributes left = got.hasUnprocessedKeys() ? got.unprocessedKeys().get(table) : null;
                List<Map<String, AttributeValue>> unprocessed = left != null && left.hasKeys() ? left.keys() : List.of();
                Map<List<AttributeValue>, Map<String, AttributeValue>> returned = new HashMap<>();
                TableSchema schema = bill.schema(table);
                for (Map<String, AttributeValue> item : got.responses().getOrDefault(table, List.of())) {
                    returned.put(schema.keyOf(item), item);
                }
                for (Map<String, AttributeValue> key : keys.keys()) {
                    if (!unprocessed.contains(key)) {
                        readOne(table, key, returned.get(schema.keyOf(key)),
                                Boolean.TRUE.equals(keys.consistentRead()));
                    }
                }
            });
            if (got.hasConsumedCapacity()) {
                got.consumedCapacity().forEach(this::reportRead);
            }
        } else if (request instanceof QueryRequest query) {
            if (metered("Query", query.tableName())) {
                bill.query(query.tableName(), ((QueryResponse) response).items(),
                        Boolean.TRUE.equals(query.consistentRead()));
            }
        } else if (isDataPlane(request)) {
            unmetered.merge(request.getClass().getSimpleName(), 1L, Long::sum);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        failed(context.request(), context.exception());
    }

    /** Bills a request that failed with {@code failure}: only a failed condition is billed. */
    public void failed(SdkRequest request, Throwable failure) {
        if (!(failure instanceof ConditionalCheckFailedException)) {
            return; // throttled, refused or timed out: not billed as a completed request
        }
        if (request instanceof PutItemRequest put && metered("PutItem", put.tableName())) {
            failedCondition(put.tableName(), put.item(), put.item());
        } else if (request instanceof UpdateItemRequest update && metered("UpdateItem", update.tableName())) {
            failedCondition(update.tableName(), update.key(), null);
        } else if (request instanceof DeleteItemRequest delete && metered("DeleteItem", delete.tableName())) {
            failedCondition(delete.tableName(), delete.key(), null);
        }
    }

    private synchronized void putOne(String table, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> copy = Map.copyOf(item);
        Map<String, AttributeValue> before = rows(table).put(bill.schema(table).keyOf(item), copy);
        bill.write(table, before, copy);
        listeners.forEach(l -> l.written(table, copy, before, copy));
    }

    private synchronized void deleteOne(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> before = rows(table).remove(bill.schema(table).keyOf(key));
        bill.write(table, before, null);
        listeners.forEach(l -> l.written(table, key, before, null));
    }

    private synchronized void readOne(String table, Map<String, AttributeValue> key,
                                      Map<String, AttributeValue> returned, boolean consistent) {
        // The shadow holds whole items; a response may carry only projected attributes.
        Map<String, AttributeValue> stored = rows(table).get(bill.schema(table).keyOf(key));
        bill.read(table, stored != null ? stored : returned, consistent);
        listeners.forEach(l -> l.read(table, key, stored != null ? stored : returned, consistent));
    }

    private synchronized void failedCondition(String table, Map<String, AttributeValue> keyOrItem,
                                              Map<String, AttributeValue> attempted) {
        Map<String, AttributeValue> stored = rows(table).get(bill.schema(table).keyOf(keyOrItem));
        bill.failedConditionalWrite(table, stored, attempted);
        listeners.forEach(l -> l.conditionFailed(table, keyOrItem, stored, attempted));
    }

    /** The shadow copy of a table's items, by key (for tests and checks). */
    public synchronized Map<List<AttributeValue>, Map<String, AttributeValue>> shadow(String table) {
        return Map.copyOf(rows(table));
    }

    private Map<List<AttributeValue>, Map<String, AttributeValue>> rows(String table) {
        return shadow.computeIfAbsent(table, t -> new HashMap<>());
    }

    private boolean metered(String operation, String table) {
        if (bill.knows(table)) {
            return true;
        }
        unmetered.merge(operation + " " + table, 1L, Long::sum);
        return false;
    }

    private void reportWrite(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            reportedWrite.merge(capacity.tableName(), capacity.capacityUnits(), Double::sum);
        }
    }

    private void reportRead(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            reportedRead.merge(capacity.tableName(), capacity.capacityUnits(), Double::sum);
        }
    }

    private static boolean none(ReturnConsumedCapacity value) {
        return value == null || value == ReturnConsumedCapacity.NONE;
    }

    private static boolean isDataPlane(SdkRequest request) {
        String name = request.getClass().getSimpleName();
        return name.startsWith("Scan") || name.startsWith("Transact") || name.startsWith("ExecuteStatement")
                || name.startsWith("BatchExecuteStatement");
    }
}
