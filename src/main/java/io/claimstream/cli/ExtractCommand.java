package io.claimstream.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.claimstream.extract.ClaimExtractor;
import io.claimstream.extract.ExtractionLimits;
import io.claimstream.runtime.BatchExtraction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code claimstream extract}: numeric claims of articles, without Kafka. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
        "Extracts numeric claims from articles without Kafka.",
        "Input: JSON Lines articles (id, title, text, published, link, source), or a plain text file read as "
            + "one article. Output: JSON Lines claims (article_id, start, end, span, value, value_high, unit, "
            + "qualifier, change, kind, claimant, subject, subject_key, claim_key)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every input line was read",
        "1:some input lines could not be read or extracted (each is named on stderr; the others were processed)",
        "2:the input or output could not be opened, or a limit is not positive"})
public final class ExtractCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE|-", defaultValue = "-", description = "Articles to read (default: stdin).")
    String input;

    @Option(names = "--output", paramLabel = "FILE|-", defaultValue = "-", description = "Where to write claims (default: stdout).")
    String output;

    @Option(names = "--all-quantities", description = "Also emit recognised numbers that are not claims "
        + "(dates, durations, ages, identifiers, ...), each labelled with its kind and \"claim\": false; magnitudes "
        + "without a number (\"tens of millions of euros\") have kind vague and the least value they can mean.")
    boolean allQuantities;

    @Option(names = "--max-text-bytes", paramLabel = "BYTES", description = "UTF-8 bytes of an article's text read; "
        + "the rest is not (default: ${DEFAULT-VALUE}).")
    int maxTextBytes = ExtractionLimits.DEFAULT.maxTextBytes();

    @Option(names = "--max-claims", paramLabel = "N", description = "Claims kept per article; later figures "
        + "are not read (default: ${DEFAULT-VALUE}).")
    int maxClaims = ExtractionLimits.DEFAULT.maxClaims();

    @Option(names = "--time-budget-ms", paramLabel = "MS", description = "Time one article may take; past it the "
        + "extractor stops with the claims it has (default: ${DEFAULT-VALUE}).")
    long timeBudgetMs = ExtractionLimits.DEFAULT.timeBudget().toMillis();

    @Override
    public Integer call() throws IOException {
        ExtractionLimits limits;
        try {
            limits = new ExtractionLimits(maxTextBytes, maxClaims, Duration.ofMillis(timeBudgetMs));
        } catch (IllegalArgumentException e) {
            System.err.println("extract: " + e.getMessage());
            return 2;
        }
        BatchExtraction extraction = new BatchExtraction(new ClaimExtractor(limits), allQuantities);
        try (BufferedReader in = open(input); Writer out = create(output)) {
            BatchExtraction.Summary summary = extraction.run(in, out, System.err, input.equals("-") ? "stdin" : input);
            if (summary.badLines() > 0) {
                System.err.println("extract: " + summary.badLines() + " input line(s) could not be read; "
                    + summary.articles() + " article(s) processed");
                return 1;
            }
            return 0;
        } catch (NoSuchFileException e) {
            System.err.println("extract: no such file: " + e.getFile());
            return 2;
        }
    }

    private static BufferedReader open(String input) throws IOException {
        if (input.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        }
        return new BufferedReader(Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8), 1 << 16);
    }

    private static Writer create(String output) throws IOException {
        if (output.equals("-")) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush(); // never close stdout
                }
            };
        }
        return Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
    }
}
