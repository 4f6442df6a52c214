package dev.loomscope.client;

import java.util.Locale;

/** The protocol of the upstream calls, {@code client.protocol}: HTTP/1.1 or HTTP/2 over cleartext with prior knowledge. */
public enum UpstreamProtocol {
    /** One call at a time per keep-alive connection. */
    HTTP_1_1("http/1.1"),
    /** Concurrent calls as streams of one TCP connection (prior knowledge, no upgrade). */
    H2C("h2c");

    private final String text;

    UpstreamProtocol(String text) {
        this.text = text;
    }

    /** The protocol named {@code text}, {@code http/1.1} or {@code h2c} in any case. */
    public static UpstreamProtocol of(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (UpstreamProtocol protocol : values()) {
            if (protocol.text.equals(wanted)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("client.protocol=" + text + ": the upstream protocol is http/1.1 or h2c");
    }

    /** As in {@code client.protocol} and the hop's evidence. */
    public String text() {
        return text;
    }
}
