package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IType;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.internal.EventArray;
import org.openjdk.jmc.flightrecorder.internal.FlightRecordingLoader;

/** JDK Mission Control's own parser finds loomscope's event types with their labels, categories and fields. */
class JmcReadsLoomscopeEventsTest {

    private static final Set<String> SPAN_FIELDS = Set.of("requestId", "threadId", "virtual", "startCarrier",
                                                          "endCarrier");

    @Test
    void jmcFindsServerRequestAndClientCallWithTheirFields() throws Exception {
        IItemCollection events = JfrLoaderToolkit.loadEvents(Fixtures.HOP_AND_FANOUT.toFile());

        IType<?> request = type(events, "loomscope.ServerRequest");
        assertThat(request.getName()).isEqualTo("Server Request");
        assertThat(fields(request)).containsAll(SPAN_FIELDS).contains("method", "path", "status");

        IType<?> call = type(events, "loomscope.ClientCall");
        assertThat(call.getName()).isEqualTo("Client Call");
        assertThat(fields(call)).containsAll(SPAN_FIELDS)
                .contains("handlerThreadId", "method", "uri", "status", "outcome", "responseBytes");

        assertThat(events.apply(ItemFilters.type("loomscope.ServerRequest")).getAggregate(
                org.openjdk.jmc.common.item.Aggregators.count()).longValue()).isEqualTo(165);
    }

    @Test
    void jmcPutsLoomscopeEventsInTheirCategories() throws Exception {
        Map<String, List<String>> categories = new HashMap<>();
        try (InputStream in = Files.newInputStream(Fixtures.HOP_AND_FANOUT)) {
            for (EventArray array : FlightRecordingLoader.loadStream(in, false, false).getArrays()) {
                categories.put(array.getType().getIdentifier(), Arrays.asList(array.getTypeCategory()));
            }
        }
        assertThat(categories.get("loomscope.ServerRequest")).containsExactly("loomscope", "Server");
        assertThat(categories.get("loomscope.ClientCall")).containsExactly("loomscope", "Client");
    }

    private static IType<?> type(IItemCollection events, String id) {
        for (IItemIterable items : events.apply(ItemFilters.type(id))) {
            return items.getType();
        }
        throw new AssertionError("JMC found no " + id + " events");
    }

    private static Set<String> fields(IType<?> type) {
        return type.getAccessorKeys().keySet().stream().map(key -> key.getIdentifier()).collect(Collectors.toSet());
    }
}
