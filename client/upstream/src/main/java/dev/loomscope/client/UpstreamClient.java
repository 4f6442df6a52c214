package dev.loomscope.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.loomscope.carrier.RunningThread;
import dev.loomscope.jfr.event.ClientCallEvent;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.config.Config;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientConfig;

/**
 * Blocking HTTP GETs with Helidon's HTTP/1.1 WebClient, each recorded as a {@code loomscope.ClientCall} event.
 *
 * <p>The call runs on the caller's thread: on a virtual thread it blocks that thread, not a carrier.
 *
 * <p>Keep-alive connections are this class's own, not Helidon's pool ({@link OwnedConnections} says why). Up to
 * {@code connection-cache-size} idle connections per upstream are kept, none is monitored, and the cost of that,
 * finding that the upstream closed a connection while it was idle, is paid by the one request that reuses it: it is
 * sent once more on a new connection.
 */
public final class UpstreamClient implements AutoCloseable {

    private final Http1Client client;
    private final WebClient connector;
    private final int idleCapacity;
    private final Map<Origin, Upstream> upstreams = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Wraps a configured client, whose timeouts, connection cache size and proxy the calls use. */
    public UpstreamClient(Http1Client client) {
        this.client = client;
        Http1ClientConfig settings = client.prototype();
        SocketOptions socket = settings.socketOptions();
        // TcpClientConnection connects with the socket options of the WebClient it is given: carry the configured
        // timeouts over, as Helidon's own pool would.
        this.connector = WebClient.builder()
                .socketOptions(SocketOptions.builder()
                                       .from(socket)
                                       .connectTimeout(settings.connectTimeout().orElse(socket.connectTimeout()))
                                       .readTimeout(settings.readTimeout().orElse(socket.readTimeout()))
                                       .build())
                .proxy(settings.proxy())
                .shareConnectionCache(false)
                .build();
        this.idleCapacity = settings.keepAlive() ? settings.connectionCacheSize() : 0;
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
        try (HttpClientResponse response = send(uri)) {
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

    /** Closes every idle connection; connections in use are closed when their call ends. */
    @Override
    public void close() {
        closed = true;
        upstreams.values().forEach(upstream -> upstream.idle().close());
        client.closeResource();
        connector.closeResource();
    }

    /** Idle keep-alive connections to {@code uri}'s host and port, for tests. */
    int idleConnections(URI uri) {
        Upstream upstream = upstreams.get(Origin.of(uri));
        return upstream == null ? 0 : upstream.idle().size();
    }

    // The response of a GET of uri, on an idle connection if there is one. A reused connection that fails before
    // the status line arrived, by being closed or reset rather than by a timeout, was almost surely closed by the
    // upstream while idle: the request is sent once more on a new connection, as GET is idempotent.
    private HttpClientResponse send(URI uri) {
        Upstream upstream = upstream(uri);
        TcpClientConnection reused = upstream.idle().take();
        if (reused != null) {
            // Taken before the call: Helidon closes a connection whose status line it cannot read, and a closed
            // connection no longer gives its reader.
            DataReader reader = reused.reader();
            try {
                return client.get().connection(reused).uri(uri).request();
            } catch (RuntimeException e) {
                boolean stale = closedBeforeAnswer(reader, e);
                reused.closeResource();
                if (!stale) {
                    throw e;
                }
            }
        }
        TcpClientConnection fresh = open(upstream);
        try {
            return client.get().connection(fresh).uri(uri).request();
        } catch (RuntimeException e) {
            fresh.closeResource();
            throw e;
        }
    }

    private Upstream upstream(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("only http:// upstreams with a host are supported, got " + uri);
        }
        return upstreams.computeIfAbsent(Origin.of(uri), this::newUpstream);
    }

    private Upstream newUpstream(Origin origin) {
        return new Upstream(OwnedConnections.key("http", origin.host(), origin.port(), client.prototype()),
                            new IdleConnections(idleCapacity));
    }

    private TcpClientConnection open(Upstream upstream) {
        IdleConnections idle = upstream.idle();
        // Helidon calls the release function when an answer was read to its end on a keep-alive connection, and
        // closes the connection itself after an error or "Connection: close".
        return OwnedConnections.open(connector, upstream.key(), connection -> !closed && idle.put(connection),
                                     connection -> { });
    }

    // Closed or reset by the peer, not timed out or interrupted, with no byte of an answer left unread: the
    // upstream closed the connection while it was idle (or as our request arrived) and never started answering.
    private static boolean closedBeforeAnswer(DataReader reader, RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        boolean closedByPeer = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return false;
            }
            closedByPeer |= t instanceof SocketException || t instanceof EOFException
                    || t instanceof DataReader.InsufficientDataAvailableException;
        }
        return closedByPeer && reader.available() == 0;
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

    /** Where a connection goes: one pool of idle connections per host and port. */
    private record Origin(String host, int port) {
        static Origin of(URI uri) {
            return new Origin(uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : 80);
        }
    }

    private record Upstream(ConnectionKey key, IdleConnections idle) {
    }
}
