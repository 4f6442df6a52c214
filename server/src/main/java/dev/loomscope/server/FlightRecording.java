package dev.loomscope.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        try {
            RecordingRepository.use(RecordingRepository.beside(file));
        } catch (IOException e) {
            // The recording still works, with its chunks in JFR's default place.
            java.util.logging.Logger.getLogger(FlightRecording.class.getName()).warning(e.getMessage());
        }
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

    /**
     * Stops the recording and writes it to its file.
     *
     * <p>Written with {@link Recording#dump} rather than left to the destination: on stop JFR copies to the
     * destination and only logs a failed or partial copy (a full disk left a truncated file and exit code 0), while
     * {@code dump} throws.
     *
     * @throws IOException when the file could not be written completely; the message says what was lost
     */
    void stop() throws IOException {
        recording.setDestination(null);
        recording.stop();
        try {
            recording.dump(file);
        } catch (IOException e) {
            throw new IOException("recording not written to " + file + " (" + e.getMessage() + "): the "
                                          + recording.getSize() + " bytes recorded from " + recording.getStartTime()
                                          + " to " + recording.getStopTime() + " are lost"
                                          + (Files.isRegularFile(file) ? "; the file holds only part of them" : ""), e);
        } finally {
            recording.close();
        }
    }
}
