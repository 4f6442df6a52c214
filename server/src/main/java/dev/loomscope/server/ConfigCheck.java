package dev.loomscope.server;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.loomscope.client.UpstreamProtocol;
import io.helidon.config.Config;

/**
 * Checks every setting the server reads before anything starts, so a typo ends the start with one line naming the
 * key and its value instead of a stack trace, or worse, a server that runs with a nonsense value.
 *
 * <p>Helidon reads a boolean it does not know ("maybe") as false and a limit of -5 as a semaphore that refuses
 * everything; both are accepted silently there, so they are refused here.
 */
final class ConfigCheck {

    // Helidon reads these as true (ConfigMappers.toBoolean); everything else it reads as false, even "maybe".
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "on");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n", "off");

    private static final List<String> LISTENER_LIMITS = List.of("max-concurrent-requests", "max-tcp-connections");
    private static final List<String> LISTENER_DURATIONS = List.of("shutdown-grace-period", "idle-connection-timeout",
                                                                   "idle-connection-period",
                                                                   "connection-options.read-timeout",
                                                                   "connection-options.connect-timeout");
    private static final List<String> CLIENT_DURATIONS = List.of("connect-timeout", "read-timeout");
    private static final List<String> BOOLEANS = List.of("app.recording.enabled", "app.warm-up.enabled",
                                                         "server.connection-options.tcp-no-delay",
                                                         "client.socket-options.tcp-no-delay");

    private ConfigCheck() {
    }

    /** Throws {@link BadSettingException} for the first value out of range or unreadable. */
    static void check(Config root) {
        Config server = root.get("server");
        listener(server);
        for (Config socket : server.get("sockets").asNodeList().orElse(List.of())) {
            listener(socket);
        }
        for (String key : CLIENT_DURATIONS) {
            duration(root.get("client").get(key));
        }
        count(root.get("client.connection-cache-size"));
        upstreamProtocol(root.get("client.protocol"));
        Config http2 = server.get("protocols.http_2");
        range(http2.get("max-concurrent-streams"), 1, Integer.MAX_VALUE);
        // RFC 9113 section 6.5.2: SETTINGS_MAX_FRAME_SIZE is from 2^14 to 2^24-1.
        range(http2.get("max-frame-size"), 16_384, 16_777_215);
        range(http2.get("max-header-list-size"), 1, Integer.MAX_VALUE);
        duration(root.get("app.header-timeout"));
        for (String key : BOOLEANS) {
            bool(root.get(key));
        }
    }

    private static void listener(Config listener) {
        port(listener.get("port"));
        for (String key : LISTENER_LIMITS) {
            limit(listener.get(key));
        }
        for (String key : LISTENER_DURATIONS) {
            duration(listener.get(key));
        }
    }

    private static void port(Config node) {
        text(node).ifPresent(text -> {
            Integer port = integer(text);
            if (port == null || port < 0 || port > 65535) {
                throw new BadSettingException(node.key().toString(), text, "a port is 0 (any free port) to 65535");
            }
        });
    }

    private static void limit(Config node) {
        text(node).ifPresent(text -> {
            Integer limit = integer(text);
            if (limit == null || (limit != -1 && limit < 1)) {
                throw new BadSettingException(node.key().toString(), text, "a limit is -1 (unlimited) or at least 1");
            }
        });
    }

    private static void count(Config node) {
        text(node).ifPresent(text -> {
            Integer count = integer(text);
            if (count == null || count < 0) {
                throw new BadSettingException(node.key().toString(), text, "a count is 0 or more");
            }
        });
    }

    private static void upstreamProtocol(Config node) {
        text(node).ifPresent(text -> {
            try {
                UpstreamProtocol.of(text);
            } catch (IllegalArgumentException e) {
                throw new BadSettingException(node.key().toString(), text, "the upstream protocol is http/1.1 or h2c");
            }
        });
    }

    private static void range(Config node, int min, int max) {
        text(node).ifPresent(text -> {
            Integer value = integer(text);
            if (value == null || value < min || value > max) {
                throw new BadSettingException(node.key().toString(), text, "from " + min + " to " + max);
            }
        });
    }

    private static void duration(Config node) {
        text(node).ifPresent(text -> {
            try {
                if (Duration.parse(text).isNegative()) {
                    throw new BadSettingException(node.key().toString(), text, "a duration cannot be negative");
                }
            } catch (DateTimeParseException e) {
                throw new BadSettingException(node.key().toString(), text,
                                              "not an ISO-8601 duration; write e.g. PT5S, PT0.5S or PT2M");
            }
        });
    }

    private static void bool(Config node) {
        text(node).ifPresent(text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            if (!TRUE.contains(lower) && !FALSE.contains(lower)) {
                throw new BadSettingException(node.key().toString(), text, "write true or false");
            }
        });
    }

    private static Optional<String> text(Config node) {
        return node.isLeaf() ? node.asString().asOptional().map(String::strip) : Optional.empty();
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
