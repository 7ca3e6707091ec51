package dev.taos.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.taos.host.Fixtures;
import dev.taos.host.core.facts.IncusFacts.Status;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket client against a local unix socket that answers as incusd does (HTTP/1.0, the sync or error envelope). */
class SocketIncusApiTest {

    @TempDir
    Path dir;

    /** Serves one connection with {@code response}; returns the request line it received. */
    private Thread serve(Path socket, String response, List<String> requests) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = new Thread(() -> {
            try (server;
                    SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                client.read(in);
                requests.add(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII)
                        .lines()
                        .findFirst()
                        .orElse(""));
                client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private static String http(String status, String body) {
        return "HTTP/1.0 " + status + "\r\nContent-Type: application/json\r\n\r\n" + body;
    }

    @Test
    void returnsTheMetadataOfASyncResponseAsIncusQueryDoes() throws Exception {
        String pools = Fixtures.api("dir-with-agents").query("/1.0/storage-pools?recursion=1");
        Path socket = dir.resolve("unix.socket");
        List<String> requests = new ArrayList<>();
        Thread server = serve(
                socket,
                http(
                        "200 OK",
                        "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"operation\":\"\","
                                + "\"error_code\":0,\"error\":\"\",\"metadata\":" + pools + "}"),
                requests);
        String answer = new SocketIncusApi(socket, path -> {
                    throw new AssertionError("the client is not needed");
                })
                .query("/1.0/storage-pools?recursion=1");
        server.join();
        assertEquals(List.of("GET /1.0/storage-pools?recursion=1 HTTP/1.0"), requests);
        assertEquals(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(pools),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer));
    }

    @Test
    void anErrorResponseIsRefusedInTheClientsWords() throws Exception {
        Path socket = dir.resolve("unix.socket");
        Thread server = serve(
                socket,
                http(
                        "404 Not Found",
                        "{\"type\":\"error\",\"error\":\"Instance not found\",\"error_code\":404,\"metadata\":null}"),
                new ArrayList<>());
        var api = new SocketIncusApi(socket, path -> {
            throw new AssertionError("the client is not needed");
        });
        IncusApi.IncusUnavailable refused =
                assertThrows(IncusApi.IncusUnavailable.class, () -> api.query("/1.0/instances/nobody"));
        server.join();
        assertEquals("Error: Instance not found", refused.getMessage());
        assertEquals(Status.DAEMON_DOWN, refused.status());
        IncusApi.IncusUnavailable forbidden = assertThrows(
                IncusApi.IncusUnavailable.class,
                () -> SocketIncusApi.metadata(
                        "/1.0",
                        http("403 Forbidden", "{\"type\":\"error\",\"error\":\"not authorized\",\"error_code\":403}")
                                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(Status.NO_ACCESS, forbidden.status());
        IncusApi.IncusUnavailable garbage = assertThrows(
                IncusApi.IncusUnavailable.class,
                () -> SocketIncusApi.metadata("/1.0", "SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(garbage.getMessage().contains("not an Incus response (SSH-2.0-OpenSSH)"), garbage.getMessage());
    }

    @Test
    void withoutASocketToOpenTheQueryGoesToTheClient() throws Exception {
        List<String> asked = new ArrayList<>();
        String answer = new SocketIncusApi(dir.resolve("none.socket"), path -> {
                    asked.add(path);
                    return "{}";
                })
                .query("/1.0");
        assertEquals("{}", answer);
        assertEquals(List.of("/1.0"), asked);
    }

    @Test
    void theSocketIsWhereTheClientLooksForIt() {
        assertEquals(Path.of("/var/lib/incus/unix.socket"), SocketIncusApi.socketPath(Map.of(), "/var/lib/incus"));
        assertEquals(
                Path.of("/srv/incus/unix.socket"),
                SocketIncusApi.socketPath(Map.of("INCUS_DIR", "/srv/incus"), "/var/lib/incus"));
        assertEquals(
                Path.of("/run/i.sock"),
                SocketIncusApi.socketPath(Map.of("INCUS_SOCKET", "/run/i.sock", "INCUS_DIR", "/x"), "/var/lib/incus"));
    }
}
