package io.claimstream.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads one tab-separated lexicon file from the classpath: '#' starts a comment line. */
final class LexiconFile {

    private static final String DIRECTORY = "/io/claimstream/extract/lexicon/";

    private LexiconFile() {
    }

    /** The rows of {@code name}, each padded to {@code columns} cells (missing cells are ""). */
    static List<String[]> rows(String name, int columns) {
        String path = DIRECTORY + name;
        try (InputStream in = LexiconFile.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("lexicon " + path + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                String[] padded = new String[columns];
                for (int i = 0; i < columns; i++) {
                    // Interned: a lexicon word, the same word in a rule's string literal and a token
                    // the lexicon knows (Token#of) are then one instance, and most comparisons of
                    // them stop at the identity test.
                    padded[i] = i < cells.length ? cells[i].strip().intern() : "";
                }
                rows.add(padded);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon " + path, e);
        }
    }
}
