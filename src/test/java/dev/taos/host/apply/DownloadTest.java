package dev.taos.host.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** The causes Java's HTTP client hides behind exceptions without a message, as the operator reads them. */
class DownloadTest {

    static final URI URL = URI.create("https://github.com:443/jaylfc/releases/a.tar.gz");

    @Test
    void eachFailureIsNamedByWhatHappened() {
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertEquals(
                "the host github.com was not found (no DNS answer: is the network up yet?)",
                Download.cause(unresolved, URL));
        assertEquals(
                "the connection to github.com:443 was refused or could not be made",
                Download.cause(new ConnectException(), URL));
        assertEquals(
                "connecting to github.com:443 timed out",
                Download.cause(new HttpConnectTimeoutException("HTTP connect timed out"), URL));
        assertEquals(
                "the stream ended early",
                Download.cause(new IOException(new IOException("the stream ended early")), URL));
        assertEquals("IOException while talking to github.com:443", Download.cause(new IOException(), URL));
    }
}
