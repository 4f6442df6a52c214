package dev.loomscope.jfr.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

/** JDK Mission Control's automated analysis (its rules from flightrecorder.rules.jdk) of the same recordings. */
final class JmcFindings {

    // JMC 9.1 warns on stderr for every JDK 25 recording ("Could not find field with name 'virtual'"); that is a
    // known gap of JMC's parser, not something the user can act on. Held in a field so the setting is not lost.
    private static final Logger JMC_LOGGER = Logger.getLogger("org.openjdk.jmc");

    static {
        JMC_LOGGER.setLevel(Level.SEVERE);
    }

    private JmcFindings() {
    }

    /** Every JMC rule's result, highest score first; the note says how JMC was run, or why it could not be. */
    static Map<String, Object> evaluate(List<Path> files) {
        Map<String, Object> data = new LinkedHashMap<>();
        List<Map<String, Object>> results = new ArrayList<>();
        data.put("results", results);
        IItemCollection items;
        try {
            items = JfrLoaderToolkit.loadEvents(files.stream().map(Path::toFile).toList());
        } catch (Exception e) {
            data.put("note", "JMC could not load the recording: " + e.getMessage());
            return data;
        }
        var rules = RuleRegistry.getRules();
        Map<IRule, Future<IResult>> futures = RulesToolkit.evaluateParallel(
                rules, items, IPreferenceValueProvider.DEFAULT_VALUES, Math.max(1, Runtime.getRuntime().availableProcessors()));
        for (Map.Entry<IRule, Future<IResult>> entry : futures.entrySet()) {
            IResult result;
            try {
                result = entry.getValue().get();
            } catch (ExecutionException e) {
                continue; // a rule that fails on this recording has no verdict to show
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (result == null || result.getSeverity() == Severity.NA || result.getSeverity() == Severity.IGNORE) {
                continue;
            }
            Double score = scoreOf(result);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rule", entry.getKey().getName());
            row.put("topic", entry.getKey().getTopic());
            row.put("severity", result.getSeverity().name());
            row.put("score", score);
            row.put("summary", text(result));
            results.add(row);
        }
        // JMC evaluates rules in parallel: ties in score are ordered by rule name, so that one file gives one page.
        results.sort(Comparator.comparing((Map<String, Object> row) -> row.get("score") == null ? -1.0
                : (Double) row.get("score")).reversed().thenComparing(row -> (String) row.get("rule")));
        data.put("note", "JDK Mission Control 9.1 rules (" + rules.size() + " in all), evaluated on the same file;"
                + " ranked by JMC's score (0 to 100). Rules that do not apply are left out.");
        return data;
    }

    private static Double scoreOf(IResult result) {
        try {
            var score = result.getResult(TypedResult.SCORE);
            return score == null ? null : score.doubleValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(IResult result) {
        try {
            String summary = ResultToolkit.populateMessage(result, result.getSummary(), false);
            return summary == null ? "" : summary.replaceAll("<[^>]+>", "");
        } catch (RuntimeException e) {
            return String.valueOf(result.getSummary());
        }
    }
}
