package dev.loomscope.jfr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import jdk.jfr.Configuration;

/**
 * loomscope's JFR settings: the running JDK's {@code default} configuration plus {@code loomscope-additions.jfc}.
 *
 * <p>Merging at run time, rather than shipping one complete file, keeps the settings valid on every JDK from 21
 * on: each JDK brings its own default.jfc.
 */
public final class RecordingTemplate {

    /** Class-path resource with loomscope's additions to the default settings. */
    public static final String ADDITIONS = "dev/loomscope/jfr/loomscope-additions.jfc";

    private RecordingTemplate() {
    }

    /** The merged settings, ready for {@code new jdk.jfr.Recording(settings)}. */
    public static Map<String, String> settings() {
        try {
            Map<String, String> settings = new LinkedHashMap<>(Configuration.getConfiguration("default").getSettings());
            settings.putAll(additions().getSettings());
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JDK's default JFR configuration", e);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot parse the JDK's default JFR configuration", e);
        }
    }

    /** loomscope's additions alone. */
    public static Configuration additions() throws IOException, ParseException {
        try (InputStream in = RecordingTemplate.class.getClassLoader().getResourceAsStream(ADDITIONS)) {
            if (in == null) {
                throw new IOException("missing resource " + ADDITIONS);
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(reader);
            }
        }
    }
}
