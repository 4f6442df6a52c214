package dev.loomscope.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import dev.loomscope.jfr.RecordingTemplate;
import jdk.jfr.Recording;

/** The server's own JFR recording with loomscope's settings, written to a file when the server stops. */
final class FlightRecording {

    private final Recording recording;
    private final Path file;

    private FlightRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** Starts recording when {@code settings} say so; a user's own {@code -XX:StartFlightRecording} runs beside it. */
    static Optional<FlightRecording> start(AppSettings.RecordingSettings settings) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Path file = settings.file().toAbsolutePath();
        Recording recording = new Recording(RecordingTemplate.settings());
        recording.setName("loomscope");
        recording.setToDisk(true);
        try {
            // With a destination the JDK's own exit hook still writes the file if the JVM ends some other way.
            recording.setDestination(file);
        } catch (IOException e) {
            throw new UncheckedIOException("app.recording.file: cannot write " + file, e);
        }
        recording.start();
        return Optional.of(new FlightRecording(recording, file));
    }

    Path file() {
        return file;
    }

    /** Stops the recording, which writes it to its file. */
    void stop() {
        recording.stop();
        recording.close();
    }
}
