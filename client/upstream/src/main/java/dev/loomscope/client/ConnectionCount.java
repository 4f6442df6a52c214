package dev.loomscope.client;

import java.util.concurrent.atomic.LongAdder;

import io.helidon.webclient.api.ConnectedSocketChannelInfo;
import io.helidon.webclient.api.ConnectedSocketInfo;
import io.helidon.webclient.api.ConnectionListener;

/** Counts the TCP connections a WebClient opens: Helidon tells its connection listener about each one it connects. */
final class ConnectionCount implements ConnectionListener {

    private final LongAdder opened = new LongAdder();

    @Override
    public void socketConnected(ConnectedSocketInfo socketInfo) {
        opened.increment();
    }

    @Override
    public void socketChannelConnected(ConnectedSocketChannelInfo socketInfo) {
        opened.increment();
    }

    /** Connections opened so far. */
    long opened() {
        return opened.sum();
    }
}
