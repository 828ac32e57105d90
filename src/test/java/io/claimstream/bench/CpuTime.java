package io.claimstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time spent during a benchmark round: by the stream threads of one Kafka Streams
 * application, and by the whole JVM (broker, registry, the benchmark's producer and readers).
 * Unlike a rate, CPU time per article hardly moves when other processes share the machine's
 * cores: they take turns on the cores, not cycles from the work each turn does.
 */
final class CpuTime {

    static final String DESCRIPTION = "CPU time the stream thread(s) of the application (then the whole benchmark JVM, "
        + "broker and registry included) spent during the measured round, divided by its articles; less sensitive "
        + "than the rates to other load on the machine";

    /** What a round used, in nanoseconds. */
    record Used(long streamThreadNanos, long processNanos) {
        double streamThreadMillisPer(int articles) {
            return streamThreadNanos / 1e6 / articles;
        }

        double processMillisPer(int articles) {
            return processNanos / 1e6 / articles;
        }
    }

    private final Pattern streamThread;
    private final Map<Long, Long> threadsBefore;
    private final long processBefore;

    private CpuTime(String applicationId) {
        // Kafka Streams names its threads <application.id>-<client uuid>-StreamThread-<n>.
        this.streamThread = Pattern.compile(Pattern.quote(applicationId) + "-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-StreamThread-\\d+");
        this.threadsBefore = streamThreadTimes();
        this.processBefore = processNanos();
    }

    static CpuTime start(String applicationId) {
        return new CpuTime(applicationId);
    }

    Used used() {
        long threads = 0;
        for (Map.Entry<Long, Long> now : streamThreadTimes().entrySet()) {
            threads += now.getValue() - threadsBefore.getOrDefault(now.getKey(), 0L);
        }
        return new Used(threads, processNanos() - processBefore);
    }

    private Map<Long, Long> streamThreadTimes() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> times = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && streamThread.matcher(info.getThreadName()).matches()) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    times.put(info.getThreadId(), cpu);
                }
            }
        }
        return times;
    }

    private static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
