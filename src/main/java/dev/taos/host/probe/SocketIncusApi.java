package dev.taos.host.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taos.host.core.command.Patience;
import dev.taos.host.core.facts.IncusFacts.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Queries the local daemon over its unix socket (one HTTP/1.0 request per query, as {@code incus query} sends it), so a
 * query costs no client process: about 20 ms each, and a migration step or a detect makes several. When the socket
 * cannot be opened (no daemon, or not ours to open) it hands the query to {@code incus query}, whose answer and errors
 * are then exactly the client's.
 */
public final class SocketIncusApi implements IncusApi {

    private static final Duration TIMEOUT = Patience.ANSWER.limit();

    private final Path socket;
    private final IncusApi client;

    public SocketIncusApi(Path socket, IncusApi client) {
        this.socket = socket;
        this.client = client;
    }

    /** Where the daemon listens: {@code INCUS_SOCKET}, else {@code INCUS_DIR/unix.socket}, else Incus's default. */
    public static Path socketPath(Map<String, String> env, String incusHome) {
        String explicit = env.get("INCUS_SOCKET");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String dir = env.get("INCUS_DIR");
        return Path.of(dir == null || dir.isBlank() ? incusHome : dir, "unix.socket");
    }

    @Override
    public String query(String path) throws IncusUnavailable {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return client.query(path);
        }
        try (channel) {
            byte[] response =
                    exchange(channel, "GET " + path + " HTTP/1.0\r\nHost: incus\r\nUser-Agent: taos-host\r\n\r\n");
            return metadata(path, response);
        } catch (IOException e) {
            throw new IncusUnavailable(
                    Status.DAEMON_DOWN, "Failed to query " + path + " on " + socket + ": " + e.getMessage());
        }
    }

    /** Sends the request and reads until the daemon closes the connection, within the client's own time limit. */
    private static byte[] exchange(SocketChannel channel, String request) throws IOException {
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no answer within " + Patience.ANSWER.words());
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
                int read = channel.read(buffer);
                if (read < 0) {
                    return body.toByteArray();
                }
                body.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
    }

    /** Jackson takes a fifth of a second to start: only once the first answer is in, on the probe's own thread. */
    private static final class Envelope {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    static void warm() {
        Envelope.JSON.createObjectNode();
    }

    /**
     * The response's metadata as JSON text, as {@code incus query} prints it; an error response as the client words it.
     */
    static String metadata(String path, byte[] response) throws IncusUnavailable {
        String text = new String(response, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        JsonNode envelope;
        try {
            envelope = split < 0 ? null : Envelope.JSON.readTree(text.substring(split + 4));
        } catch (IOException e) {
            envelope = null;
        }
        if (envelope == null || !envelope.isObject()) {
            String status =
                    split < 0 ? text.lines().findFirst().orElse("nothing") : text.substring(0, text.indexOf("\r\n"));
            throw new IncusUnavailable(
                    Status.DAEMON_DOWN,
                    "Failed to read the answer to " + path + ": not an Incus response (" + status + ")");
        }
        if ("error".equals(envelope.path("type").asText())) {
            int code = envelope.path("error_code").asInt();
            Status status = code == 403 || code == 401 ? Status.NO_ACCESS : Status.DAEMON_DOWN;
            throw new IncusUnavailable(
                    status, "Error: " + envelope.path("error").asText("error " + code));
        }
        JsonNode metadata = envelope.get("metadata");
        return metadata == null || metadata.isNull() ? "" : metadata.toString();
    }
}
