package io.claimstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import io.claimstream.extract.ArticleText;

/**
 * The pathological texts of issue 15 and of {@code HostileTextTest} / {@code HostileTextFuzzTest},
 * about {@value #TARGET_CHARS} characters each, one article each, deterministic; and ordinary news
 * (the bundled corpus, {@link BenchmarkCorpus#mix()}) to compare them with.
 */
final class HostileTexts {

    /** About 100 KB: far past where the quadratic rules hurt (10k numbers), inside the 1 MiB the defaults read. */
    static final int TARGET_CHARS = 100_000;
    /** The baseline kind: the corpus's mix of wire items, reports and features, as separate articles. */
    static final String NEWS = "news";
    /** Zero in several scripts: ASCII, Arabic-Indic, Persian, Devanagari, Bengali, Thai, fullwidth, N'Ko. */
    private static final char[] ZEROS = {'0', '\u0660', '\u06F0', '\u0966', '\u09E6', '\u0E50', '\uFF10', '\u07C0'};

    private HostileTexts() {
    }

    /** Every kind, the baseline first, in a stable order. */
    static List<String> kinds() {
        return List.copyOf(texts().keySet());
    }

    /** The articles one operation of kind {@code kind} extracts. */
    static List<ArticleText> articles(String kind) {
        if (kind.equals(NEWS)) {
            return BenchmarkCorpus.mix();
        }
        String text = texts().get(kind);
        if (text == null) {
            throw new IllegalArgumentException("no hostile text " + kind + "; there are " + kinds());
        }
        return List.of(new ArticleText(kind, "Headline 1,2,3", text, null, "https://hostile.example/" + kind, "hostile"));
    }

    private static Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(NEWS, "");
        String news = String.join("\n\n", BenchmarkCorpus.articles().stream().map(ArticleText::text).toList());
        texts.put("news-as-one-article", fill(i -> news.substring(0, Math.min(news.length(), TARGET_CHARS)) + "\n\n"));
        texts.put("list-1,1,1", fill(i -> "1,"));
        texts.put("hundreds-100-100", fill(i -> "100 "));
        texts.put("no-full-stop", fill(i -> news.replace('.', ',').replace('!', ',').replace('?', ',') + ", "));
        texts.put("digit-runs", fill(i -> digitRun(ZEROS[i % ZEROS.length], 500 + i * 37 % 4_000, i % 3 == 0 ? "," : "") + " "));
        texts.put("huge-numbers", fill(i -> (i % 2 == 0 ? "9".repeat(400) : "1" + ",000".repeat(120)) + " soldiers, "));
        texts.put("nested-brackets", fill(i -> "(".repeat(200) + "[12 people] " + ")".repeat(200) + " "));
        texts.put("distinct-names", fill(i -> "Minister Aleksa" + i + " Verhoeven" + i + " of the Agency" + i
            + " said " + (i % 900 + 12) + " people were hurt, "));
        texts.put("crowns", fill(i -> "They paid 5 crowns, "));
        texts.put("random-characters", randomCharacters(new Random(15)));
        return texts;
    }

    private static String fill(IntFunction<String> piece) {
        StringBuilder sb = new StringBuilder(TARGET_CHARS + 8_192);
        for (int i = 0; sb.length() < TARGET_CHARS; i++) {
            sb.append(piece.apply(i));
        }
        return sb.substring(0, Math.min(sb.length(), TARGET_CHARS + 8_192));
    }

    private static String digitRun(char zero, int length, String separator) {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = 0; i < length; i++) {
            sb.append((char) (zero + (i * 7 + length) % 10));
            if (!separator.isEmpty() && i % 3 == 2) {
                sb.append(separator);
            }
        }
        return sb.toString();
    }

    /** Letters, digits of several scripts, RTL and zero-width marks, controls, emoji and lone surrogates. */
    private static String randomCharacters(Random random) {
        String pool = "abcXYZ ,.;:%$€()[]-\u200F\u200E\u202E\u200B\u0000\u0007\t\n\u00A0";
        StringBuilder sb = new StringBuilder(TARGET_CHARS);
        while (sb.length() < TARGET_CHARS) {
            int pick = random.nextInt(10);
            if (pick < 5) {
                sb.append(pool.charAt(random.nextInt(pool.length())));
            } else if (pick < 8) {
                sb.append((char) (ZEROS[random.nextInt(ZEROS.length)] + random.nextInt(10)));
            } else if (pick < 9) {
                sb.appendCodePoint(0x1F300 + random.nextInt(600));
            } else {
                sb.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return sb.toString();
    }
}
