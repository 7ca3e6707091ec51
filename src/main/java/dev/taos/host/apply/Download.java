package dev.taos.host.apply;

import dev.taos.host.core.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** HTTP downloads, streamed to disk and hashed on the way; redirects followed (release assets redirect to a CDN). */
public final class Download {

    /** A file on disk and the SHA-256 of exactly the bytes written. */
    public record Saved(Path file, long bytes, String sha256) {}

    // Made on first use: building an HttpClient sets up TLS (~0.4 s), which every other command would pay at start-up.
    private HttpClient client;

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
        }
        return client;
    }

    /**
     * Saves {@code url} to {@code target}; an {@link IOException}'s message says what went wrong (status, short body).
     */
    public Saved save(String url, Path target) throws IOException {
        HttpResponse<InputStream> response = send(url, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                throw new NotFound(url);
            }
            if (response.statusCode() != 200) {
                throw new IOException("the server answered HTTP " + response.statusCode());
            }
            long expected =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest digest = Hashing.sha256();
            long written;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                written = body.transferTo(out);
            }
            if (expected >= 0 && written != expected) {
                throw new IOException("the download stopped after " + written + " of " + expected + " bytes");
            }
            return new Saved(target, written, Hashing.hex(digest.digest()));
        }
    }

    /** The server says there is no such file (HTTP 404). */
    public static final class NotFound extends IOException {
        private static final long serialVersionUID = 1L;

        NotFound(String url) {
            super("the server answered HTTP 404 (no such file) for " + url);
        }
    }

    /** A small text file, or empty when the server says it does not exist (404). */
    public Optional<String> text(String url) throws IOException {
        HttpResponse<String> response = send(url, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("the server answered HTTP " + response.statusCode() + " for " + url);
        }
        return Optional.of(response.body());
    }

    private <T> HttpResponse<T> send(String url, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(30))
                .GET()
                .build();
        try {
            return client().send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(cause(e, URI.create(url)), e);
        }
    }

    /**
     * What went wrong, in words an operator can act on: Java's HTTP client reports a host it cannot resolve or a
     * refused connection as exceptions without a message ("null"), so the cause is read from the exception's kind and
     * chain.
     */
    static String cause(IOException e, URI url) {
        String where = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host " + url.getHost() + " was not found (no DNS answer: is the network up yet?)";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connecting to " + where + " timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return where + " did not answer in time";
            }
            if (t instanceof SSLException) {
                return "the TLS handshake with " + where + " failed (" + t.getMessage() + ")";
            }
        }
        if (e instanceof ConnectException) {
            return "the connection to " + where + " was refused or could not be made";
        }
        String deepest = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t.getMessage();
            }
        }
        return deepest != null ? deepest : e.getClass().getSimpleName() + " while talking to " + where;
    }
}
