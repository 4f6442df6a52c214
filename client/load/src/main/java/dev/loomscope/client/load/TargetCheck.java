package dev.loomscope.client.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Checks that the target accepts a TCP connection before a run, so a server that is down gets one clear line. */
final class TargetCheck {

    private TargetCheck() {
    }

    /** Why {@code uri} cannot be reached, in a few lower-case words, or empty when a connection opened. */
    static Optional<String> problem(URI uri, Duration timeout) {
        String host = uri.getHost();
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress(host, Target.port(uri)), (int) Math.min(Integer.MAX_VALUE,
                                                                                        timeout.toMillis()));
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + host);
        } catch (ConnectException e) {
            return Optional.of("connection refused");
        } catch (NoRouteToHostException e) {
            return Optional.of("no route to host " + host);
        } catch (SocketTimeoutException e) {
            return Optional.of("no connection within " + Formats.duration(timeout));
        } catch (IOException | IllegalArgumentException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(message.toLowerCase(Locale.ROOT));
        }
    }
}
