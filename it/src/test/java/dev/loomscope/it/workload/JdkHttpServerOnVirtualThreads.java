package dev.loomscope.it.workload;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** The JDK's own HTTP server with a virtual-thread executor, driven over loopback by 30 requests, then stopped. */
public final class JdkHttpServerOnVirtualThreads {

    private JdkHttpServerOnVirtualThreads() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        try (ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            server.setExecutor(handlers);
            server.createContext("/", exchange -> {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            for (int i = 0; i < 30; i++) {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                try (InputStream in = connection.getInputStream()) {
                    in.readAllBytes();
                }
                if (connection.getResponseCode() != 200) {
                    throw new IllegalStateException("status " + connection.getResponseCode());
                }
            }
            server.stop(0);
        }
    }
}
