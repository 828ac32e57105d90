package io.claimstream.extract;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every word list the extractor consults, loaded once from the data files under
 * {@code io/claimstream/extract/lexicon}. Immutable after construction, so one instance serves
 * all threads: the maps and sets are read-only views and the phrase tables are frozen, so no rule
 * can change a word list another rule reads.
 */
final class Lexicon {

    /**
     * A unit; {@code attached}: only when written onto the figure and in the case of
     * {@code writtenAs} ("6.9in", "38C", "218g", but not "5G").
     */
    record Unit(String symbol, QuantityKind kind, double scale, boolean attached, String writtenAs) {

        /** Whether {@code text} is this unit as written: any case, or for an attached form its own ("C", not "c"). */
        boolean isWrittenAs(String text) {
            return !attached || text.equals(writtenAs);
        }
    }

    /** A currency's hundredth and the like ("81 cents", "212p"): the code and how many make one. */
    record Subunit(String code, double perUnit, boolean attached) {
    }

    record Scale(double multiplier, String use) {
        boolean attachedOnly() {
            return use.equals("attached");
        }

        boolean moneyOnly() {
            return use.equals("money");
        }
    }

    record NumberWord(double value, String role) {
    }

    record ChangeCue(Change direction, String type) {
    }

    /** A counted noun: the class a subject key uses, whether it is a unit in itself, and the event it implies. */
    record CountedNoun(String subjectClass, boolean compound, String event) {
    }

    /**
     * What the single-word lexicons say about one word, looked up once per token: most rules ask
     * several of these questions about the same token. {@code form} is the word itself, the
     * instance every lexicon and rule shares (null for an unknown word); {@code phraseEdges} says
     * which phrase tables have a phrase that it starts or ends ({@link PhraseTable#freeze}).
     */
    record Word(String functionClass, String timeClass, NumberWord number, Double fraction, String reportingForm,
                String titleClass, boolean organisationHead, boolean documentWord, String form, long phraseEdges) {

        static final Word UNKNOWN = new Word(null, null, null, null, null, null, false, false, null, 0L);
        /** A token read without a lexicon: unknown, except that it may start or end any phrase. */
        static final Word UNREAD = new Word(null, null, null, null, null, null, false, false, null, -1L);

        boolean isFunction() {
            return functionClass != null;
        }
    }

    private static final class Holder {
        static final Lexicon STANDARD = new Lexicon();
    }

    final PhraseTable<Unit> units = new PhraseTable<>();
    final PhraseTable<Subunit> currencySubunits = new PhraseTable<>();
    /** Units written before the figure (units-before.tsv): "a magnitude 7.7 earthquake". */
    final Map<String, Unit> unitsBefore;
    final PhraseTable<String> currenciesBefore = new PhraseTable<>();
    final PhraseTable<String> currenciesAfter = new PhraseTable<>();
    final Map<String, Scale> scales;
    final Map<String, NumberWord> numberWords;
    final Map<String, Double> fractions;
    /** Ambiguous currency name ("?crown") -> country key -> code; the first entry is the default. */
    final Map<String, Map<String, String>> currencyByCountry;
    final PhraseTable<Qualifier> qualifiersBefore = new PhraseTable<>();
    final PhraseTable<Qualifier> qualifiersAfter = new PhraseTable<>();
    final PhraseTable<Qualifier> qualifierParticles = new PhraseTable<>();
    final Map<String, Map<String, Change>> changeCues;
    final Map<String, String> timeWords;
    final Map<String, Map<String, String>> nonClaimCues;
    final Set<String> abbreviations;
    final Map<String, String> reportingVerbs;
    final Map<String, String> titles;
    final Set<String> organisationHeads;
    final PhraseTable<Set<String>> genericOrganisations = new PhraseTable<>();
    final Set<String> documentWords;
    final Map<String, String> functionWords;
    final PhraseTable<String> demonymPlurals = new PhraseTable<>();
    final Map<String, String> irregularPlurals;
    final PhraseTable<String> entities = new PhraseTable<>(true);
    /** Places inside a country -> that country (only for telling what country an article is about). */
    final PhraseTable<String> places = new PhraseTable<>(true);
    final PhraseTable<CountedNoun> countedNouns = new PhraseTable<>();
    final PhraseTable<String> events = new PhraseTable<>();
    /** Events that happen at a moment, whose subjects are dated. */
    final Set<String> onceEvents;
    final PhraseTable<String> contextUnits = new PhraseTable<>();
    final Set<String> nonNames;
    final PhraseTable<String> topics = new PhraseTable<>();
    /** Topics that are levels holding until changed: the month they were reached is no period. */
    final Set<String> timelessTopics;
    /** Topic words that yield to a topic noun right before them: "aid worth", "a deal valued at". */
    final Set<String> deferringTopics;
    /** Words that end one outlet's form of an organisation's name and not another's ("Motors", "Corp"). */
    final Set<String> nameSuffixes;
    /** Measures that several named contenders hold in one story (seats, points, medals). */
    final Set<String> contestedMeasures;
    final Set<String> placeNouns;
    /** Unit symbol -> what it measures ("gw" -> "power"); a symbol not listed is its own dimension. */
    final Map<String, String> unitDimensions;
    /** Counted things that are launched when they are "deployed" ("used 120 drones"). */
    final Set<String> launchedWeapons = words("launched-weapons.tsv");
    /** Counted people who are prisoners when captured, freed or received. */
    final Set<String> captivePeople = words("captive-people.tsv");
    /** Forms of "be" and "have": the event word after them is the main verb. */
    final Set<String> eventAuxiliaries = words("event-auxiliaries.tsv");
    /** Words that may start what follows ", X said" without starting a reported clause. */
    final Set<String> tailStarts = words("tail-starts.tsv");
    /** Modals and forms of "be" that make a reporting verb after them no cue ("will announce"). */
    final Set<String> verbCueBlockers = words("verb-cue-blockers.tsv");
    /** Reporting verbs whose object comes before the tail ("told lawmakers on Monday"). */
    final Set<String> objectVerbs = words("object-verbs.tsv");
    /** Verbs by which a source revises its own figure ("raised the death toll"). */
    final Set<String> revisingVerbs = words("revising-verbs.tsv");
    /** Words that end an organisation's name rather than a description before a name. */
    final Set<String> descriptorEndings = words("descriptor-endings.tsv");
    /** Head nouns besides organisation words and titles that make an entity's phrase a source ("Ukrainian officials"). */
    final Set<String> sourceHeads = words("source-heads.tsv");
    /** Qualifiers that place a figure as a threshold reached ("dropped below 5,000"), not a change's size. */
    final Set<String> thresholdCues = words("threshold-cues.tsv");
    /** Words that may stand between "by" and a change's figure ("by a further 2%"). */
    final Set<String> changeFillers = words("change-fillers.tsv");
    /** "by an average of", "by a total of": nouns of an of-phrase before a change's figure. */
    final Set<String> changeOfPhrases = words("change-of-phrases.tsv");
    /** Words after "a third" and the like that make it an ordinal ("a third consecutive increase"). */
    final Set<String> ordinalFollowers = words("ordinal-followers.tsv");
    /** Verbs whose subject speaks of a figure rather than holds it ("the agency said"). */
    final Set<String> speechVerbs = words("speech-verbs.tsv");
    /** Particles inside a person's name ("von", "bin"), as the reading of names in {@link Mentions} knows them. */
    final Set<String> nameParticles;
    /** The particles the speaker rules of the claimant resolver know (scope "all"). */
    final Set<String> speakerNameParticles;
    /** Lower-case words that may join the parts of one name: the particles and "of", "for", "the", ... */
    final Set<String> nameJoiners;
    /** The joiners the speaker rules of the claimant resolver know (scope "all"). */
    final Set<String> speakerNameJoiners;

    private final Map<String, Word> words = new HashMap<>();
    /** The same words, for the tokenizer to find from the text's characters. */
    private WordTable wordTable;

    static Lexicon standard() {
        return Holder.STANDARD;
    }

    /** Everything the single-word lexicons say about {@code lower}; {@link Word#UNKNOWN} for other words. */
    Word word(String lower) {
        return words.getOrDefault(lower, Word.UNKNOWN);
    }

    WordTable wordTable() {
        return wordTable;
    }

    private void indexWords(Map<String, Long> phraseEdges) {
        Set<String> all = new HashSet<>(phraseEdges.keySet());
        all.addAll(functionWords.keySet());
        all.addAll(timeWords.keySet());
        all.addAll(numberWords.keySet());
        all.addAll(fractions.keySet());
        all.addAll(reportingVerbs.keySet());
        all.addAll(titles.keySet());
        all.addAll(organisationHeads);
        all.addAll(documentWords);
        // Words that only the rules' own sets and maps know get entries of their own, so that a
        // token of one of them shares its instance too (see Word#form).
        Set<String> others = new HashSet<>();
        for (Set<String> set : List.of(abbreviations, onceEvents, nonNames, timelessTopics, deferringTopics, nameSuffixes,
            contestedMeasures, placeNouns, launchedWeapons, captivePeople, eventAuxiliaries, tailStarts, verbCueBlockers,
            objectVerbs, revisingVerbs, descriptorEndings, sourceHeads, thresholdCues, changeFillers, changeOfPhrases,
            ordinalFollowers, speechVerbs, nameJoiners, scales.keySet(), irregularPlurals.keySet(), unitDimensions.keySet())) {
            others.addAll(set);
        }
        changeCues.values().forEach(cues -> others.addAll(cues.keySet()));
        nonClaimCues.values().forEach(cues -> others.addAll(cues.keySet()));
        for (String w : others) {
            if (w.equals(w.toLowerCase(java.util.Locale.ROOT))) {
                all.add(w); // tokens are looked up by their lower-case form
            }
        }
        for (String key : all) {
            String w = key.intern();
            words.put(w, new Word(functionWords.get(w), timeWords.get(w), numberWords.get(w), fractions.get(w),
                reportingVerbs.get(w), titles.get(w), organisationHeads.contains(w), documentWords.contains(w), w,
                phraseEdges.getOrDefault(w, 0L)));
        }
        wordTable = new WordTable(words);
    }

    private Lexicon() {
        // Loaded into these, then published as read-only views (a view adds no copy and no cost worth
        // measuring to a lookup).
        Map<String, Scale> scales = new HashMap<>();
        Map<String, NumberWord> numberWords = new HashMap<>();
        Map<String, Double> fractions = new HashMap<>();
        Map<String, Map<String, String>> currencyByCountry = new HashMap<>();
        Map<String, Map<String, Change>> changeCues = new HashMap<>();
        Map<String, String> timeWords = new HashMap<>();
        Map<String, Map<String, String>> nonClaimCues = new HashMap<>();
        Set<String> abbreviations = new HashSet<>();
        Map<String, String> reportingVerbs = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        Set<String> organisationHeads = new HashSet<>();
        Set<String> documentWords = new HashSet<>();
        Map<String, String> functionWords = new HashMap<>();
        Map<String, String> irregularPlurals = new HashMap<>();
        Set<String> onceEvents = new HashSet<>();
        Set<String> nonNames = new HashSet<>();
        Set<String> timelessTopics = new HashSet<>();
        Set<String> deferringTopics = new HashSet<>();
        Set<String> nameSuffixes = new HashSet<>();
        Set<String> contestedMeasures = new HashSet<>();
        Set<String> placeNouns = new HashSet<>();
        for (String[] r : LexiconFile.rows("units.tsv", 5)) {
            units.put(r[0], new Unit(r[1], QuantityKind.valueOf(r[2].toUpperCase(java.util.Locale.ROOT)),
                r[3].isEmpty() ? 1 : Double.parseDouble(r[3]), r[4].equals("attached"), r[0]));
        }
        Map<String, Unit> unitsBefore = new HashMap<>();
        for (String[] r : LexiconFile.rows("units-before.tsv", 3)) {
            unitsBefore.put(r[0], new Unit(r[1], QuantityKind.valueOf(r[2].toUpperCase(java.util.Locale.ROOT)), 1, false, r[0]));
        }
        this.unitsBefore = Map.copyOf(unitsBefore);
        for (String[] r : LexiconFile.rows("currency-subunits.tsv", 4)) {
            currencySubunits.put(r[0], new Subunit(r[1], Double.parseDouble(r[2]), r[3].equals("attached")));
        }
        for (String[] r : LexiconFile.rows("currency-by-country.tsv", 3)) {
            currencyByCountry.computeIfAbsent(r[0], k -> new java.util.LinkedHashMap<>()).put(r[1], r[2]);
        }
        for (String[] r : LexiconFile.rows("currencies.tsv", 3)) {
            if (!r[2].equals("after")) {
                currenciesBefore.put(r[0], r[1]);
            }
            if (!r[2].equals("before")) {
                currenciesAfter.put(r[0], r[1]);
            }
        }
        for (String[] r : LexiconFile.rows("scales.tsv", 3)) {
            scales.put(r[0], new Scale(Double.parseDouble(r[1]), r[2]));
        }
        for (String[] r : LexiconFile.rows("number-words.tsv", 3)) {
            numberWords.put(r[0], new NumberWord(Double.parseDouble(r[1]), r[2]));
        }
        for (String[] r : LexiconFile.rows("fractions.tsv", 2)) {
            fractions.put(r[0], Double.parseDouble(r[1]));
        }
        for (String[] r : LexiconFile.rows("qualifiers.tsv", 3)) {
            PhraseTable<Qualifier> table = switch (r[2]) {
                case "after" -> qualifiersAfter;
                case "particle" -> qualifierParticles;
                default -> qualifiersBefore;
            };
            table.put(r[0], Qualifier.fromSymbol(r[1]));
        }
        for (String[] r : LexiconFile.rows("change-cues.tsv", 3)) {
            changeCues.computeIfAbsent(r[2], k -> new HashMap<>()).put(r[0], Change.valueOf(r[1].toUpperCase(java.util.Locale.ROOT)));
        }
        for (String[] r : LexiconFile.rows("time-words.tsv", 2)) {
            timeWords.putIfAbsent(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("non-claim-cues.tsv", 3)) {
            nonClaimCues.computeIfAbsent(r[2], k -> new HashMap<>()).putIfAbsent(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("abbreviations.tsv", 1)) {
            abbreviations.add(r[0]);
        }
        for (String[] r : LexiconFile.rows("reporting-verbs.tsv", 2)) {
            reportingVerbs.put(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("titles.tsv", 2)) {
            titles.putIfAbsent(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("organisation-words.tsv", 3)) {
            if (r[1].equals("head")) {
                organisationHeads.add(r[0]);
            } else {
                genericOrganisations.put(r[0], Set.of(r[2].split("\\|")));
            }
        }
        for (String[] r : LexiconFile.rows("document-words.tsv", 1)) {
            documentWords.add(r[0]);
        }
        for (String[] r : LexiconFile.rows("function-words.tsv", 2)) {
            functionWords.putIfAbsent(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("demonym-plurals.tsv", 2)) {
            demonymPlurals.put(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("irregular-plurals.tsv", 2)) {
            irregularPlurals.put(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("entities.tsv", 2)) {
            entities.put(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("places.tsv", 2)) {
            places.put(r[0], r[1]);
        }
        for (String[] r : LexiconFile.rows("counted-nouns.tsv", 4)) {
            countedNouns.put(r[0], new CountedNoun(r[1], r[2].equals("compound"), r[3].isEmpty() ? null : r[3]));
        }
        for (String[] r : LexiconFile.rows("events.tsv", 3)) {
            events.put(r[0], r[1]);
            if (r[2].equals("once")) {
                onceEvents.add(r[1]);
            }
        }
        for (String[] r : LexiconFile.rows("place-nouns.tsv", 1)) {
            placeNouns.add(r[0]);
        }
        for (String[] r : LexiconFile.rows("topics.tsv", 3)) {
            topics.put(r[0], r[1]);
            if (r[2].equals("defers")) {
                deferringTopics.add(r[0]);
            }
            if (r[2].equals("timeless")) {
                timelessTopics.add(r[1]);
            }
        }
        for (String[] r : LexiconFile.rows("name-suffixes.tsv", 1)) {
            nameSuffixes.add(r[0]);
        }
        for (String[] r : LexiconFile.rows("contested-measures.tsv", 1)) {
            contestedMeasures.add(r[0]);
        }
        for (String[] r : LexiconFile.rows("non-names.tsv", 1)) {
            nonNames.add(r[0]);
        }
        for (String[] r : LexiconFile.rows("context-units.tsv", 2)) {
            contextUnits.put(r[0], r[1]);
        }
        Map<String, String> dimensions = new HashMap<>();
        for (String[] r : LexiconFile.rows("unit-dimensions.tsv", 2)) {
            dimensions.putIfAbsent(r[0], r[1]);
        }
        unitDimensions = Map.copyOf(dimensions);
        Set<String> particles = new HashSet<>();
        Set<String> speakerParticles = new HashSet<>();
        for (String[] r : LexiconFile.rows("name-particles.tsv", 2)) {
            particles.add(r[0]);
            if (r[1].equals("all")) {
                speakerParticles.add(r[0]);
            }
        }
        Set<String> joiners = new HashSet<>(particles);
        Set<String> speakerJoiners = new HashSet<>(speakerParticles);
        for (String[] r : LexiconFile.rows("name-joiners.tsv", 2)) {
            joiners.add(r[0]);
            if (r[1].equals("all")) {
                speakerJoiners.add(r[0]);
            }
        }
        nameParticles = Set.copyOf(particles);
        speakerNameParticles = Set.copyOf(speakerParticles);
        nameJoiners = Set.copyOf(joiners);
        speakerNameJoiners = Set.copyOf(speakerJoiners);
        this.scales = Collections.unmodifiableMap(scales);
        this.numberWords = Collections.unmodifiableMap(numberWords);
        this.fractions = Collections.unmodifiableMap(fractions);
        this.currencyByCountry = readOnlyNested(currencyByCountry);
        this.changeCues = readOnlyNested(changeCues);
        this.timeWords = Collections.unmodifiableMap(timeWords);
        this.nonClaimCues = readOnlyNested(nonClaimCues);
        this.abbreviations = Collections.unmodifiableSet(abbreviations);
        this.reportingVerbs = Collections.unmodifiableMap(reportingVerbs);
        this.titles = Collections.unmodifiableMap(titles);
        this.organisationHeads = Collections.unmodifiableSet(organisationHeads);
        this.documentWords = Collections.unmodifiableSet(documentWords);
        this.functionWords = Collections.unmodifiableMap(functionWords);
        this.irregularPlurals = Collections.unmodifiableMap(irregularPlurals);
        this.onceEvents = Collections.unmodifiableSet(onceEvents);
        this.nonNames = Collections.unmodifiableSet(nonNames);
        this.timelessTopics = Collections.unmodifiableSet(timelessTopics);
        this.deferringTopics = Collections.unmodifiableSet(deferringTopics);
        this.nameSuffixes = Collections.unmodifiableSet(nameSuffixes);
        this.contestedMeasures = Collections.unmodifiableSet(contestedMeasures);
        this.placeNouns = Collections.unmodifiableSet(placeNouns);
        List<PhraseTable<?>> tables = List.of(units, currencySubunits, currenciesBefore, currenciesAfter, qualifiersBefore,
            qualifiersAfter, qualifierParticles, genericOrganisations, demonymPlurals, entities, places, countedNouns,
            events, contextUnits, topics);
        Map<String, Long> phraseEdges = new HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            tables.get(i).freeze(i, phraseEdges);
        }
        indexWords(phraseEdges);
    }

    /** A read-only view of a map of maps, the inner maps read-only too. */
    private static <V> Map<String, Map<String, V>> readOnlyNested(Map<String, Map<String, V>> maps) {
        maps.replaceAll((k, inner) -> Collections.unmodifiableMap(inner));
        return Collections.unmodifiableMap(maps);
    }

    /** The first column of a one-rule word list, as an immutable set. */
    private static Set<String> words(String file) {
        Set<String> words = new HashSet<>();
        for (String[] r : LexiconFile.rows(file, 1)) {
            words.add(r[0]);
        }
        return Set.copyOf(words);
    }

    Change changeCue(String type, String word) {
        Map<String, Change> cues = changeCues.get(type);
        return cues == null ? null : cues.get(word);
    }

    String nonClaimCue(String position, String word) {
        Map<String, String> cues = nonClaimCues.get(position);
        return cues == null ? null : cues.get(word);
    }

    boolean isFunctionWord(String lower) {
        return functionWords.containsKey(lower);
    }

    /** Whether {@code lower} looks plural: {@code singular(lower) != null}, without building the singular. */
    boolean isPlural(String lower) {
        String irregular = irregularPlurals.get(lower);
        if (irregular != null) {
            return !irregular.equals("-");
        }
        int n = lower.length();
        return n >= 3 && lower.charAt(n - 1) == 's' && !functionWords.containsKey(lower)
            && !(lower.endsWith("ss") || lower.endsWith("us") || lower.endsWith("is") || lower.endsWith("'s"));
    }

    /** The singular of a plural noun, or null when {@code lower} does not look plural. */
    String singular(String lower) {
        String irregular = irregularPlurals.get(lower);
        if (irregular != null) {
            return irregular.equals("-") ? null : irregular;
        }
        int n = lower.length();
        if (n < 3 || lower.charAt(n - 1) != 's' || functionWords.containsKey(lower)) {
            return null;
        }
        if (lower.endsWith("ss") || lower.endsWith("us") || lower.endsWith("is") || lower.endsWith("'s")) {
            return null;
        }
        if (lower.endsWith("ies") && n > 4) {
            return lower.substring(0, n - 3) + "y";
        }
        if (lower.endsWith("sses") || lower.endsWith("shes") || lower.endsWith("ches") || lower.endsWith("xes")
            || lower.endsWith("zes")) {
            return lower.substring(0, n - 2);
        }
        return lower.substring(0, n - 1);
    }
}
