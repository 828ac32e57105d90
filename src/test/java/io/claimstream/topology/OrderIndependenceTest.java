package io.claimstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.claimstream.avro.Article;
import io.claimstream.avro.SubjectClaims;
import io.claimstream.registry.EmbeddedSchemaRegistry;
import io.claimstream.registry.InMemoryRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property the broker tests rely on: claims.by-subject is a function of the set of
 * articles, not of their order or of how often each arrives.
 */
class OrderIndependenceTest {

    @TempDir
    Path cleanState;

    @TempDir
    Path shuffledState;

    @Test
    void theBundledCorpusTwiceInShuffledOrderGivesTheTableOfOneCleanPass() {
        List<Article> corpus = GoldCorpus.read(GoldCorpus.bundled());
        Map<String, SubjectClaims> clean = CleanPass.table(corpus, CleanPass.LONG_RETENTION, cleanState);

        List<Article> twice = new ArrayList<>(corpus);
        twice.addAll(corpus);
        Collections.shuffle(twice, new Random(4));
        Map<String, SubjectClaims> shuffled;
        try (EmbeddedSchemaRegistry registry = InMemoryRegistry.start();
             TopologyHarness topology = new TopologyHarness(registry.url(), shuffledState, CleanPass.LONG_RETENTION)) {
            twice.forEach(topology::publish);
            shuffled = new TreeMap<>(TopologyHarness.table(topology.subjectRecords()));
        }

        assertThat(clean).as("premise: the corpus has claims").hasSizeGreaterThan(20);
        assertThat(shuffled).isEqualTo(clean);
        assertThat(CleanPass.mentionCounts(shuffled)).isEqualTo(CleanPass.mentionCounts(corpus));
    }
}
