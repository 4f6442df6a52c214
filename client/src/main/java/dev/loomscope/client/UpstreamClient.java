package dev.loomscope.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.OptionalLong;

import dev.loomscope.jfr.RunningThread;
import dev.loomscope.jfr.event.ClientCallEvent;
import io.helidon.common.config.Config;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;

/**
 * Blocking HTTP GETs with Helidon's HTTP/1.1 WebClient, each recorded as a {@code loomscope.ClientCall} event.
 *
 * <p>The call runs on the caller's thread: on a virtual thread it blocks that thread, not a carrier.
 */
public final class UpstreamClient implements AutoCloseable {

    private final Http1Client client;

    /** Wraps a configured client; the caller keeps ownership of its settings. */
    public UpstreamClient(Http1Client client) {
        this.client = client;
    }

    /** A client set up from a {@code client} config section: timeouts, connection cache, keep-alive. */
    public static UpstreamClient create(Config clientConfig) {
        return new UpstreamClient(Http1Client.builder()
                                          .config(clientConfig)
                                          // Loopback upstreams: never look up or use a system proxy.
                                          .proxy(Proxy.noProxy())
                                          .build());
    }

    /**
     * Calls {@code uri} with GET and reads the whole body.
     *
     * @throws UpstreamException when no 2xx answer arrived, with the kind of failure
     */
    public UpstreamReply get(URI uri, CallOrigin origin) {
        ClientCallEvent event = new ClientCallEvent();
        event.beginOn(origin.requestId());
        event.handlerThreadId = origin.handlerThreadId();
        event.method = "GET";
        event.uri = uri.toString();
        RunningThread before = RunningThread.current();
        long start = System.nanoTime();
        try (HttpClientResponse response = client.get().uri(uri).request()) {
            int status = response.status().code();
            event.status = status;
            byte[] body = readBody(response);
            event.responseBytes = body.length;
            long elapsed = System.nanoTime() - start;
            if (status < 200 || status > 299) {
                throw new UpstreamException(UpstreamException.Kind.HTTP_ERROR, uri, status,
                                            "upstream answered " + status, null);
            }
            event.outcome = "ok";
            return new UpstreamReply(uri, status, elapsed, body.length, body, before, RunningThread.current());
        } catch (UpstreamException e) {
            event.outcome = e.kind().outcome();
            throw e;
        } catch (RuntimeException | IOException e) {
            UpstreamException failure = classify(uri, e);
            event.outcome = failure.kind().outcome();
            throw failure;
        } finally {
            event.endAndCommit();
        }
    }

    @Override
    public void close() {
        client.closeResource();
    }

    // Sized from Content-Length: reading with readAllBytes() zeroes a 16 KB buffer per call, a quarter of the CPU
    // of a small hop as measured (shared/notes/performance-anchors.md).
    private static byte[] readBody(HttpClientResponse response) throws IOException {
        OptionalLong length = response.headers().contentLength();
        try (InputStream in = response.inputStream()) {
            if (length.isPresent() && length.getAsLong() <= Integer.MAX_VALUE) {
                int size = (int) length.getAsLong();
                byte[] body = new byte[size];
                int read = in.readNBytes(body, 0, size);
                if (read != size) {
                    throw new IOException("upstream body ended after " + read + " of " + size + " bytes");
                }
                return body;
            }
            return in.readAllBytes();
        }
    }

    private static UpstreamException classify(URI uri, Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return new UpstreamException(UpstreamException.Kind.TIMEOUT, uri, 0,
                                             "upstream did not answer in time", e);
            }
            if (t instanceof ConnectException) {
                return new UpstreamException(UpstreamException.Kind.REFUSED, uri, 0,
                                             "upstream refused the connection", e);
            }
            if (t instanceof SocketException || t instanceof java.io.EOFException) {
                return new UpstreamException(UpstreamException.Kind.REFUSED, uri, 0,
                                             "upstream closed the connection", e);
            }
        }
        return new UpstreamException(UpstreamException.Kind.ERROR, uri, 0,
                                     "upstream call failed: " + cause, e);
    }
}
