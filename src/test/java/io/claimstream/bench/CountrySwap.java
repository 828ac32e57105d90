package io.claimstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Retells an article about other countries: every country the extractor's lexicon knows (its
 * name, adjective, people and seats of power, and the places inside it) is replaced by the
 * matching form of another country, consistently within the article. Subject keys start with
 * the country, so this is what spreads generated articles over many subjects.
 *
 * <p>Countries are drawn with Zipf-like weights (rank r with weight 1/r), as the news covers a
 * few countries much more than the rest.
 */
final class CountrySwap {

    private static final String LEXICON = "/io/claimstream/extract/lexicon/";
    /** Keys of entities.tsv that are not countries: left as they are. */
    private static final Set<String> NOT_COUNTRIES = Set.of("european-union", "nato", "united-nations", "imf",
        "world-bank", "g7", "g20", "opec", "who", "africa", "asia", "middle-east", "latin-america", "baltic");

    private static final Pattern ABBREVIATION = Pattern.compile("[A-Z.]+");
    private static final Pattern ADJECTIVE_ENDING = Pattern.compile("(ish|ese|ian|an|i|ic|ch)$");

    private enum Role { NAME, ADJECTIVE, PEOPLE, SEAT, PLACE }

    private record Form(String surface, String country, Role role) {
    }

    /** Surface forms by their first run of letters, longest first. */
    private final Map<String, List<Form>> formsByFirstWord = new HashMap<>();
    /** Per country, the first form of each role. */
    private final Map<String, Map<Role, String>> formsByCountry = new LinkedHashMap<>();
    private final List<String> countries;
    private final double[] cumulativeWeights;

    CountrySwap(long seed) {
        Map<String, List<String>> entityForms = new LinkedHashMap<>();
        for (String[] row : rows("entities.tsv")) {
            if (!NOT_COUNTRIES.contains(row[1])) {
                entityForms.computeIfAbsent(row[1], k -> new ArrayList<>()).add(row[0]);
            }
        }
        entityForms.forEach((country, forms) -> {
            for (String form : forms) {
                add(new Form(form, country, role(form, forms)));
            }
        });
        for (String[] row : rows("places.tsv")) {
            if (formsByCountry.containsKey(row[1])) {
                add(new Form(row[0], row[1], Role.PLACE));
            }
        }
        formsByFirstWord.values().forEach(list -> list.sort((a, b) -> b.surface.length() - a.surface.length()));
        List<String> shuffled = new ArrayList<>(formsByCountry.keySet());
        Collections.shuffle(shuffled, new Random(seed));
        countries = List.copyOf(shuffled);
        cumulativeWeights = new double[countries.size()];
        double sum = 0;
        for (int i = 0; i < countries.size(); i++) {
            sum += 1.0 / (i + 1);
            cumulativeWeights[i] = sum;
        }
    }

    int countryCount() {
        return countries.size();
    }

    /** A mapping to fill as countries are met: each article gets its own. */
    Map<String, String> newMapping() {
        return new HashMap<>();
    }

    /** {@code text} with the countries of {@code mapping} replaced, drawing targets for new ones from {@code random}. */
    String swap(String text, Map<String, String> mapping, Random random) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        int copied = 0;
        while (i < text.length()) {
            if (!Character.isLetter(text.charAt(i)) || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int wordEnd = i;
            while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
                wordEnd++;
            }
            Form match = match(text, i, text.substring(i, wordEnd));
            if (match == null) {
                i = wordEnd;
                continue;
            }
            String target = mapping.computeIfAbsent(match.country, c -> draw(random, c, mapping));
            out.append(text, copied, i).append(formOf(target, match.role));
            i += match.surface.length();
            copied = i;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private Form match(String text, int at, String firstWord) {
        List<Form> candidates = formsByFirstWord.get(firstWord);
        if (candidates == null) {
            return null;
        }
        for (Form f : candidates) {
            int end = at + f.surface.length();
            if (text.startsWith(f.surface, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return f;
            }
        }
        return null;
    }

    /** Another country for {@code source}, not yet given to another one of the article. */
    private String draw(Random random, String source, Map<String, String> taken) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            double x = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
            int index = Arrays.binarySearch(cumulativeWeights, x);
            String country = countries.get(index >= 0 ? index : -index - 1);
            if (!country.equals(source) && !taken.containsValue(country)) {
                return country;
            }
        }
        return countries.stream().filter(c -> !c.equals(source)).findFirst().orElseThrow();
    }

    private String formOf(String country, Role role) {
        Map<Role, String> forms = formsByCountry.get(country);
        String form = forms.get(role);
        if (form == null && role == Role.PLACE) {
            form = forms.get(Role.SEAT);
        }
        return form != null ? form : forms.get(Role.NAME);
    }

    private void add(Form form) {
        formsByCountry.computeIfAbsent(form.country, k -> new HashMap<>()).putIfAbsent(form.role, form.surface);
        formsByFirstWord.computeIfAbsent(firstWord(form.surface), k -> new ArrayList<>()).add(form);
    }

    /**
     * The lexicon lists a country's name first; its adjective shares the name's stem, its people
     * are a plural of another form, and what is left is a capital or a seat of power.
     */
    private static Role role(String form, List<String> forms) {
        String name = forms.get(0);
        if (form.equals(name) || ABBREVIATION.matcher(form).matches()) {
            return Role.NAME;
        }
        if (form.endsWith("s") && (forms.contains(form.substring(0, form.length() - 1))
            || form.endsWith("es") && forms.contains(form.substring(0, form.length() - 2)))) {
            return Role.PEOPLE;
        }
        String stem = name.toLowerCase(Locale.ROOT).substring(0, Math.min(4, name.length()));
        boolean adjective = form.toLowerCase(Locale.ROOT).startsWith(stem) || ADJECTIVE_ENDING.matcher(form).find();
        return adjective && !form.contains(" ") ? Role.ADJECTIVE : Role.SEAT;
    }

    private static String firstWord(String surface) {
        int end = 0;
        while (end < surface.length() && Character.isLetter(surface.charAt(end))) {
            end++;
        }
        return surface.substring(0, end);
    }

    private static List<String[]> rows(String file) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = CountrySwap.class.getResourceAsStream(LEXICON + file)) {
            if (in == null) {
                throw new IllegalStateException(LEXICON + file + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                if (cells.length >= 2) {
                    rows.add(new String[] {cells[0].trim(), cells[1].trim()});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
