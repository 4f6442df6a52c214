package dev.loomscope.jfr.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;

class JmcFindingsTest {

    @Test
    @SuppressWarnings("unchecked")
    void findingsAreRankedByScoreThenByRuleNameSoThatOneFileGivesOnePage() {
        // JMC evaluates its rules in parallel and hands them back in no fixed order; many share a score.
        List<Map<String, Object>> results = (List<Map<String, Object>>) JmcFindings
                .evaluate(List.of(Fixtures.HOP_AND_FANOUT)).get("results");
        assertThat(results).hasSizeGreaterThan(10);
        Comparator<Map<String, Object>> byScore = Comparator.comparing(
                (Map<String, Object> row) -> row.get("score") == null ? -1.0 : (Double) row.get("score"));
        assertThat(results).isSortedAccordingTo(
                byScore.reversed().thenComparing(row -> (String) row.get("rule")));
    }
}
