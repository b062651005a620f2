package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** dynalite outlives clients that give up on a request half-way (an SDK attempt timeout on a busy machine). */
@DisabledIfSystemProperty(named = BackendSelection.BACKEND_PROPERTY, matches = "localstack",
        disabledReason = EmulatorStackIT.NODE_ONLY)
class DynaliteServerIT {

    @Test
    void aClientThatDropsItsConnectionMidRequestDoesNotStopTheServer() throws Exception {
        try (DynaliteServer server = DynaliteServer.start(); DynamoDbClient client = server.newClient()) {
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/x-amz-json-1.0\r\n"
                            + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"Limit\":").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(200); // dynalite is reading the body now
                    socket.setSoLinger(true, 0); // close with a reset, as a client that gives up does
                }
            }
            Thread.sleep(500);

            assertThat(server.process().isAlive()).as("dynalite still running; its log:%n%s", server.process().tail())
                    .isTrue();
            assertThat(client.listTables().tableNames()).isNotNull();
            assertThat(Files.readString(server.process().logFile())).contains("dropped its connection mid-request");
        }
    }
}
