package dev.loomscope.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
 * <p>Keep-alive connections are this class's own, not Helidon's pool ({@link OwnedConnections} says why). At most
 * {@link PoolLimits#maxConnections()} are open per upstream, in use or idle; further calls wait in a fair queue for
 * one to come free, for at most {@link PoolLimits#waitTimeout()}, so a burst reuses connections instead of opening,
 * closing and reopening them. Every connection the bound allows may stay idle (Helidon's
 * {@code connection-cache-size}, a cap on idle ones below the bound, would close what the next burst opens again);
 * one idle for longer than {@link PoolLimits#idleTimeout()} is closed by the next call or by a sweep, whichever comes
 * first. No idle connection is monitored, and the cost of that,
 * finding that the upstream closed a connection while it was idle, is paid by the one request that reuses it: it is
 * sent once more on a new connection.
 *
 * <p>With {@code client.protocol: h2c} the calls go over HTTP/2 with prior knowledge instead ({@link H2cCalls}):
 * concurrent calls share one TCP connection as its streams, each still on its caller's thread.
 *
 * <p>Whatever the upstream does, a call ends within {@link UpstreamLimits}: a deadline for the whole call and a cap on
 * the body it reads. A failure is an {@link UpstreamException} whose message says what happened in plain words.
 */
public final class UpstreamClient implements AutoCloseable {

    private final Http1Client client;
    private final WebClient connector;
    private final int idleCapacity;
    private final UpstreamLimits limits;
    private final PoolLimits pool;
    private final CallDeadlines deadlines;
    private final UpstreamAnswers answers;
    private final Map<Origin, Upstream> upstreams = new ConcurrentHashMap<>();
    // The upstream of the last URI called: a steady load calls one URI object again and again (the server's
    // UpstreamTarget reuses it), and finding its upstream by host and port was 2% of a hop's CPU samples.
    private volatile Recent recent;
    private final IdleSweeper sweeper;
    private final ConnectionCount connections = new ConnectionCount();
    private final H2cCalls h2c;
    private volatile boolean closed;

    /** Wraps a configured client, whose timeouts, keep-alive and proxy the calls use, with default limits. */
    public UpstreamClient(Http1Client client) {
        this(client, UpstreamLimits.DEFAULT, PoolLimits.DEFAULT);
    }

    /**
     * Wraps a configured client, whose timeouts, keep-alive and proxy the calls use, within {@code limits}, with at
     * most {@code pool} connections per upstream.
     */
    public UpstreamClient(Http1Client client, UpstreamLimits limits, PoolLimits pool) {
        this(client, limits, pool, null);
    }

    // h2c: null for HTTP/1.1 calls, else the HTTP/2 client the calls go through instead.
    private UpstreamClient(Http1Client client, UpstreamLimits limits, PoolLimits pool, Config h2cConfig) {
        this.client = client;
        this.limits = limits;
        this.pool = pool;
        this.deadlines = new CallDeadlines(limits.callTimeout());
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
                .connectionListener(connections)
                .build();
        Duration readTimeout = settings.readTimeout().orElse(socket.readTimeout());
        this.answers = new UpstreamAnswers(limits, readTimeout);
        this.h2c = h2cConfig == null ? null : H2cCalls.create(h2cConfig, readTimeout, connections);
        // Idle connections are never more than open ones: the bound on open connections bounds them too.
        this.idleCapacity = settings.keepAlive() ? pool.maxConnections() : 0;
        this.sweeper = new IdleSweeper(pool.idleTimeout(),
                                       () -> upstreams.values().forEach(upstream -> upstream.idle().evictExpired()));
    }

    /**
     * A client set up from a {@code client} config section: timeouts, keep-alive, and the
     * {@link UpstreamLimits} {@code call-timeout} and {@code max-response-size}, and the {@link PoolLimits}.
     */
    public static UpstreamClient create(Config clientConfig) {
        return create(clientConfig, clientConfig.get("protocol").asString().map(UpstreamProtocol::of)
                .orElse(UpstreamProtocol.HTTP_1_1));
    }

    /** The same as {@link #create(Config)}, with {@code protocol} instead of {@code client.protocol}. */
    public static UpstreamClient create(Config clientConfig, UpstreamProtocol protocol) {
        return new UpstreamClient(Http1Client.builder()
                                          .config(clientConfig)
                                          // Loopback upstreams: never look up or use a system proxy.
                                          .proxy(Proxy.noProxy())
                                          .build(),
                                  UpstreamLimits.from(clientConfig), PoolLimits.from(clientConfig),
                                  protocol == UpstreamProtocol.H2C ? clientConfig : null);
    }

    /** The protocol of the calls, {@code client.protocol}. */
    public UpstreamProtocol protocol() {
        return h2c == null ? UpstreamProtocol.HTTP_1_1 : UpstreamProtocol.H2C;
    }

    /** TCP connections opened to upstreams since this client was made, by either protocol. */
    public long connectionsOpened() {
        return connections.opened();
    }

    /**
     * Calls {@code uri} with GET and reads the whole body, within the call timeout and the response size limit.
     *
     * @throws UpstreamException when no 2xx answer arrived, with the kind of failure in plain words
     */
    public UpstreamReply get(URI uri, CallOrigin origin) {
        ClientCallEvent event = new ClientCallEvent();
        event.beginOn(origin.requestId());
        event.handlerThreadId = origin.handlerThreadId();
        event.method = "GET";
        event.uri = uri.toString();
        RunningThread before = RunningThread.current();
        long start = System.nanoTime();
        CallDeadlines.Deadline deadline = deadlines.start();
        Exchange exchange = null;
        Upstream upstream = null;
        try {
            if (h2c != null) {
                return h2c.get(uri, event, before, start, deadline, limits.maxResponseBytes());
            }
            upstream = lease(uri);
            exchange = send(upstream, uri, deadline);
            try (HttpClientResponse response = exchange.response()) {
                int status = response.status().code();
                event.status = status;
                byte[] body = BoundedBody.read(response, limits.maxResponseBytes());
                if (BoundedBody.closeDelimited(response)) {
                    // Its end was the upstream closing: the connection cannot carry another request.
                    exchange.connection().closeResource();
                }
                return UpstreamAnswers.reply(uri, status, body, event, before, start);
            }
        } catch (UpstreamException e) {
            event.outcome = e.kind().key();
            throw e;
        } catch (RuntimeException | IOException e) {
            if (exchange != null) {
                // Whatever is left of the answer must not reach the next request on this connection.
                exchange.connection().closeResource();
            }
            UpstreamException failure = answers.classify(uri, e, deadline.expired());
            event.outcome = failure.kind().key();
            throw failure;
        } finally {
            deadline.end();
            if (upstream != null) {
                // After the answer was read: Helidon has given a keep-alive connection back to idle, for the next.
                upstream.leases().release();
            }
            event.endAndCommit();
        }
    }

    /** Closes every idle connection; connections in use are closed when their call ends. */
    @Override
    public void close() {
        closed = true;
        sweeper.close();
        upstreams.values().forEach(upstream -> upstream.idle().close());
        client.closeResource();
        connector.closeResource();
        if (h2c != null) {
            h2c.close();
        }
        deadlines.close();
    }

    /** Idle keep-alive connections to {@code uri}'s host and port, for tests. */
    int idleConnections(URI uri) {
        Upstream upstream = upstreams.get(Origin.of(uri));
        return upstream == null ? 0 : upstream.idle().size();
    }

    // The response of a GET of uri, on an idle connection if there is one. A reused connection that fails before
    // the status line arrived, by being closed or reset rather than by a timeout, was almost surely closed by the
    // upstream while idle: the request is sent once more on a new connection, as GET is idempotent.
    private Exchange send(Upstream upstream, URI uri, CallDeadlines.Deadline deadline) {
        TcpClientConnection reused = upstream.idle().take();
        if (reused != null) {
            deadline.watch(reused);
            // Taken before the call: Helidon closes a connection whose status line it cannot read, and a closed
            // connection no longer gives its reader.
            DataReader reader = reused.reader();
            try {
                return new Exchange(reused, client.get().connection(reused).uri(uri).request());
            } catch (RuntimeException e) {
                boolean stale = !deadline.expired() && UpstreamAnswers.closedBeforeAnswer(reader, e);
                reused.closeResource();
                if (!stale) {
                    throw e;
                }
            }
        }
        TcpClientConnection fresh = open(upstream);
        deadline.watch(fresh);
        try {
            return new Exchange(fresh, client.get().connection(fresh).uri(uri).request());
        } catch (RuntimeException e) {
            fresh.closeResource();
            throw e;
        }
    }

    // A lease is the right to use one connection, idle or new: with at most maxConnections leases, at most that many
    // connections are open, since a new one is opened only when none is idle.
    private Upstream lease(URI uri) {
        Upstream upstream = upstream(uri);
        try {
            if (upstream.leases().tryAcquire(pool.waitTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                return upstream;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamFailure.ERROR, uri, 0, "the call was cancelled", e);
        }
        throw new UpstreamException(UpstreamFailure.BUSY, uri, 0, "too many calls to the upstream at once: no"
                + " connection came free within " + UpstreamLimits.describe(pool.waitTimeout()), null);
    }

    private Upstream upstream(URI uri) {
        Recent last = recent;
        if (last != null && last.uri() == uri) {
            return last.upstream();
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("only http:// upstreams with a host are supported, got " + uri);
        }
        Upstream upstream = upstreams.computeIfAbsent(Origin.of(uri), this::newUpstream);
        recent = new Recent(uri, upstream);
        return upstream;
    }

    private Upstream newUpstream(Origin origin) {
        return new Upstream(OwnedConnections.key("http", origin.host(), origin.port(), client.prototype()),
                            new IdleConnections(idleCapacity, pool.idleTimeout().toNanos()),
                            // Fair: under a burst, calls get connections in the order they asked.
                            new Semaphore(pool.maxConnections(), true));
    }

    private TcpClientConnection open(Upstream upstream) {
        IdleConnections idle = upstream.idle();
        // Helidon calls the release function when an answer was read to its end on a keep-alive connection, and
        // closes the connection itself after an error or "Connection: close".
        return OwnedConnections.open(connector, upstream.key(), connection -> !closed && idle.put(connection),
                                     connection -> { });
    }


    /** Where a connection goes: one pool of idle connections per host and port. */
    private record Origin(String host, int port) {
        static Origin of(URI uri) {
            return new Origin(uri.getHost(), uri.getPort() >= 0 ? uri.getPort() : 80);
        }
    }

    private record Upstream(ConnectionKey key, IdleConnections idle, Semaphore leases) {
    }

    /** A URI object and the upstream it was found to call, compared by identity. */
    private record Recent(URI uri, Upstream upstream) {
    }

    /** A request sent and the connection its answer arrives on. */
    private record Exchange(TcpClientConnection connection, HttpClientResponse response) {
    }
}
