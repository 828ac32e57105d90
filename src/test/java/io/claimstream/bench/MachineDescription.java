package io.claimstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine a run measured, as docs/benchmarks.md records it. */
final class MachineDescription {

    private MachineDescription() {
    }

    static String current() {
        Runtime runtime = Runtime.getRuntime();
        return String.join("\n",
            "cpu:    " + cpuModel() + ", " + runtime.availableProcessors() + " cores available",
            "memory: " + memTotal(),
            "jdk:    " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            "os:     " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
            "load:   " + loadAverage() + " (1, 5, 15 min) at the start");
    }

    static String loadAverage() {
        List<String> lines = lines("/proc/loadavg");
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] fields = lines.get(0).split(" ");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : lines.get(0);
    }

    private static String cpuModel() {
        return lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name")).findFirst()
            .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
    }

    private static String memTotal() {
        return lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal")).findFirst()
            .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
            .orElse("unknown");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
