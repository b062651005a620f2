package com.streamproc.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the team brief fixes for each function: its logical ids, handler, the table variable, and the name it uses
 * in logs, metrics and events/ (also its module directory under functions/).
 */
record DeployedFunction(String logicalId, String name, String handler, String stream, String table,
                        String tableVariable, String quarantineTable, int parallelizationFactor) {

    static final List<DeployedFunction> ALL = List.of(
            new DeployedFunction("OrderProcessingFunction", "order-processing",
                    "com.streamproc.orders.OrderProcessingHandler::handleRequest",
                    "OrdersStream", "OrdersTable", "ORDERS_TABLE", "OrdersQuarantineTable", 0),
            // Its replay guard needs each shard processed strictly one batch at a time.
            new DeployedFunction("ActivityTrackingFunction", "activity-tracking",
                    "com.streamproc.activity.ActivityTrackingHandler::handleRequest",
                    "ActivityStream", "ActivityTable", "ACTIVITY_TABLE", "ActivityQuarantineTable", 1),
            new DeployedFunction("DataCleansingFunction", "data-cleansing",
                    "com.streamproc.cleansing.DataCleansingHandler::handleRequest",
                    "CustomerRecordsStream", "CustomersTable", "CUSTOMERS_TABLE", "CleansingQuarantineTable", 0));

    /** The brief's required parallelization factor, or 0 when any valid factor will do. */
    int requiredParallelizationFactor() {
        return parallelizationFactor;
    }

    String handlerClass() {
        return handler.substring(0, handler.indexOf("::"));
    }

    String handlerMethod() {
        return handler.substring(handler.indexOf("::") + 2);
    }

    Path sourceDirectory(Path root) {
        return root.resolve("functions").resolve(name).resolve("src/main/java");
    }

    Set<String> dataTables() {
        return Set.of(table, quarantineTable);
    }

    @Override
    public String toString() {
        return logicalId;
    }
}
