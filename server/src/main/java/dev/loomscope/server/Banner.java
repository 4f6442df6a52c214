package dev.loomscope.server;

import java.util.Optional;

import io.helidon.webserver.WebServer;

/** The start-up banner: where the server listens, one curl command per endpoint, and where the recording goes. */
final class Banner {

    private Banner() {
    }

    static void print(WebServer server, AppSettings settings, Optional<FlightRecording> recording) {
        int port = server.port();
        String base = "http://localhost:" + port;
        StringBuilder text = new StringBuilder()
                .append("loomscope is up on ").append(base)
                .append(" (JDK ").append(Runtime.version()).append(")\n")
                .append("  upstream  ").append(settings.upstream().describe(port)).append('\n')
                .append("  try       curl -s ").append(base).append("/\n")
                .append("            curl -s '").append(base).append("/?delayMs=100&bytes=256'\n")
                .append("            curl -s '").append(base).append("/fanout?calls=10&delayMs=200'\n")
                .append("            curl -s '").append(base).append("/upstream?delayMs=50&bytes=64'\n")
                .append("            curl -s '").append(base).append("/pinning?mode=class-init'\n");
        int adminPort = server.port("admin");
        if (adminPort > 0) {
            String admin = "http://127.0.0.1:" + adminPort;
            text.append("  admin     curl -s ").append(admin).append("/observe/health\n")
                    .append("            curl -s ").append(admin).append("/observe/metrics\n");
        }
        recording.ifPresentOrElse(
                r -> text.append("  recording ").append(r.file()).append(" (written on Ctrl+C or SIGTERM)\n")
                        .append(settings.warmUp() ? "            started after warm-up requests;"
                                + " -Dapp.warm-up.enabled=false records the cold start too\n" : "")
                        .append("  analyse   java -jar jfr/analyser/target/loomscope-jfr.jar report ").append(r.file()).append('\n')
                        .append("            or open it in JDK Mission Control (File > Open File)\n"),
                () -> text.append("  recording off (app.recording.enabled=false)\n"));
        System.out.print(text);
        System.out.flush();
    }
}
