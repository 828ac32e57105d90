package io.claimstream.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.claimstream.bench.BenchmarkCorpus;

/** One extractor serves many threads: results do not depend on what other threads extract. */
class ClaimExtractorConcurrencyTest {

    @SuppressWarnings("unchecked")
    private static List<NumericClaim>[] newResults(int n) {
        return (List<NumericClaim>[]) new List<?>[n];
    }

    @Test
    void concurrentExtractionGivesTheSameClaimsAsSequential() throws Exception {
        ClaimExtractor extractor = new ClaimExtractor();
        List<ArticleText> articles = BenchmarkCorpus.articles();
        List<List<NumericClaim>> sequential = new ArrayList<>();
        for (ArticleText a : articles) {
            sequential.add(extractor.extract(a));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<List<NumericClaim>>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    // Each thread walks the articles from another starting point, so threads
                    // extract different articles at the same time.
                    List<NumericClaim>[] results = newResults(articles.size());
                    for (int i = 0; i < articles.size(); i++) {
                        int k = (i + offset * 7) % articles.size();
                        results[k] = extractor.extract(articles.get(k));
                    }
                    return List.of(results);
                }));
            }
            for (Future<List<List<NumericClaim>>> run : runs) {
                assertThat(run.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
