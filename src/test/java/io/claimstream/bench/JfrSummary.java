package io.claimstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording's CPU samples ({@code jdk.ExecutionSample}) say: the methods the
 * samples were in (self time), the first claimstream method on each sampled stack (which part of
 * the product the time is spent under), and the threads sampled.
 */
final class JfrSummary {

    private static final int TOP = 25;
    private static final String PRODUCT = "io.claimstream.";

    private JfrSummary() {
    }

    static String of(Path recording) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> product = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                String first = frames.stream().map(JfrSummary::name).filter(n -> n.startsWith(PRODUCT)
                    && !n.startsWith(PRODUCT + "bench.")).findFirst().orElse("(no claimstream frame)");
                product.merge(first, 1, Integer::sum);
                threads.merge(threadGroup(event), 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder("CPU samples (jdk.ExecutionSample) in " + recording.getFileName() + ": " + samples + "\n");
        section(out, "top methods (self)", self, samples);
        section(out, "first claimstream frame on the stack", product, samples);
        section(out, "threads", threads, samples);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Integer> counts, int total) {
        out.append("\n").append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
            .forEach(e -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                e.getValue(), e.getKey())));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** Thread names without their numbers, so that a pool counts as one. */
    private static String threadGroup(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        String name = thread == null || thread.getJavaName() == null ? "(unknown)" : thread.getJavaName();
        return name.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>").replaceAll("\\d+", "N");
    }
}
