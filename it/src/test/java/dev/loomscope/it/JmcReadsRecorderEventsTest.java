package dev.loomscope.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.loomscope.it.workload.PlainVirtualThreads;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.Attribute;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.JfrAttributes;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

import static org.assertj.core.api.Assertions.assertThat;

/** JMC 9.1's own parser reads the recorder's slices: carriers as event threads, the virtual thread as a field. */
class JmcReadsRecorderEventsTest {

    private static final IAttribute<IMCThread> VIRTUAL_THREAD = Attribute.attr("virtualThread", "Virtual Thread",
            UnitLookup.THREAD);

    @Test
    void jmcSeesEachSliceOnItsCarrierNeverOverlappingWithTheVirtualThreadResolved() throws Exception {
        Path directory = Jars.output().resolve(getClass().getSimpleName()).resolve("plain");
        TestOutput.clean(directory);
        RecordedChild child = RecordedChild.run(directory, PlainVirtualThreads.class);

        IItemCollection slices = JfrLoaderToolkit.loadEvents(child.recording.toFile())
                .apply(ItemFilters.type("loomscope.VirtualThreadSlice"));
        Map<String, List<long[]>> byCarrier = new HashMap<>();
        int count = 0;
        for (IItemIterable items : slices) {
            assertThat(items.getType().getName()).isEqualTo("Virtual Thread Slice");
            IMemberAccessor<IMCThread, IItem> carrier = JfrAttributes.EVENT_THREAD.getAccessor(items.getType());
            IMemberAccessor<IMCThread, IItem> virtual = VIRTUAL_THREAD.getAccessor(items.getType());
            IMemberAccessor<IQuantity, IItem> start = JfrAttributes.START_TIME.getAccessor(items.getType());
            IMemberAccessor<IQuantity, IItem> end = JfrAttributes.END_TIME.getAccessor(items.getType());
            assertThat(virtual).as("JMC resolves the virtualThread field").isNotNull();
            for (IItem item : items) {
                count++;
                IMCThread onCarrier = carrier.getMember(item);
                assertThat(onCarrier.getThreadName()).startsWith("ForkJoinPool-");
                assertThat(osThreadId(onCarrier)).as("the carrier's OS thread id, as JMC read it").isNotZero();
                assertThat(virtual.getMember(item).getThreadId()).isPositive();
                byCarrier.computeIfAbsent(onCarrier.getThreadName(), name -> new ArrayList<>()).add(new long[] {
                        start.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS),
                        end.getMember(item).clampedLongValueIn(UnitLookup.EPOCH_NS)});
            }
        }
        assertThat(count).isPositive();
        byCarrier.values().forEach(spans -> {
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < spans.size(); i++) {
                assertThat(spans.get(i)[0]).as("a carrier's slices never overlap").isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
            }
        });
    }

    // JMC 9.1 keeps the OS thread id in its parser's thread struct, not in the IMCThread interface.
    private static long osThreadId(IMCThread thread) throws ReflectiveOperationException {
        java.lang.reflect.Field field = thread.getClass().getField("osThreadId");
        field.setAccessible(true);
        Object id = field.get(thread);
        return id instanceof IQuantity quantity ? quantity.longValue() : ((Number) id).longValue();
    }
}
