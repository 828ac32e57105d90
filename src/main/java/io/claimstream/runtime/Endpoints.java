package io.claimstream.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The addresses an embedded claimstream serves, as it prints them at start-up and keeps them in
 * {@code endpoints.properties} in its data directory while it runs, so that {@code claimstream
 * inspect}, {@code feeds} and {@code topics} started in another terminal find it without options.
 *
 * @param bootstrapServers the broker, {@code host:port}
 * @param schemaRegistryUrl the schema registry's base URL
 * @param statusUrl the status server's base URL, or null when none runs
 */
public record Endpoints(String bootstrapServers, String schemaRegistryUrl, String statusUrl) {

    public static final String FILE = "endpoints.properties";
    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    static final String STATUS_URL = "status.url";

    /** The start-up lines, {@code key=value} each, in the order other tools expect them. */
    public List<String> lines() {
        return List.of(BOOTSTRAP_SERVERS + "=" + bootstrapServers, SCHEMA_REGISTRY_URL + "=" + schemaRegistryUrl,
            STATUS_URL + "=" + (statusUrl == null ? "" : statusUrl));
    }

    /** Writes the file whole or not at all, so that a reader never sees half of it. */
    public void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty(BOOTSTRAP_SERVERS, bootstrapServers);
        p.setProperty(SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        if (statusUrl != null) {
            p.setProperty(STATUS_URL, statusUrl);
        }
        Path file = dataDir.resolve(FILE);
        Path partial = dataDir.resolve(FILE + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(out, "addresses of the embedded claimstream running on this data directory");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The endpoints of the embedded claimstream running on {@code dataDir}, if one is. */
    public static Optional<Endpoints> read(Path dataDir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dataDir.resolve(FILE), e);
        }
        String servers = p.getProperty(BOOTSTRAP_SERVERS);
        String registry = p.getProperty(SCHEMA_REGISTRY_URL);
        if (servers == null || registry == null) {
            return Optional.empty();
        }
        return Optional.of(new Endpoints(servers, registry, p.getProperty(STATUS_URL)));
    }

    /** Removes the file: the instance no longer serves these addresses. */
    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDir.resolve(FILE), e);
        }
    }
}
