package io.claimstream.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory embedded mode keeps everything in: the broker's log ({@code kafka/}), which also
 * holds the schemas and the feed state, the Kafka Streams state ({@code streams/}), temporary
 * files ({@code tmp/}) and the endpoints file. One process at a time: it is locked while open.
 */
public final class DataDirectory implements AutoCloseable {

    private static final String TMPDIR = "java.io.tmpdir";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private String previousTmpDir;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed and locks it.
     *
     * @throws UnavailableException when another process holds it
     */
    public static DataDirectory open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root.resolve("tmp"));
            FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new UnavailableException("data directory " + root + " is in use by another claimstream "
                    + "(stop it, or choose another with --data-dir)");
            }
            return new DataDirectory(root, channel, lock);
        } catch (IOException e) {
            // The cause in the message: the one line a command prints names no cause without --verbose.
            throw new UncheckedIOException("cannot open data directory " + root + ": " + reason(e), e);
        }
    }

    /** What went wrong, in words: an AccessDeniedException's message is only the path. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileSystemException fs) {
            String what = fs.getReason() != null ? fs.getReason()
                : e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
            return what + " on " + fs.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path streamsState() {
        return root.resolve("streams");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    /**
     * Points the JVM's temporary directory here. The native libraries of RocksDB and LZ4 are
     * unpacked into it when first used; without this they would land in /tmp, outside the data
     * directory. It takes effect only for what has not created a temporary file yet, so it is
     * called before any Kafka client or state store exists; {@link #close()} puts the old one back.
     */
    public synchronized void holdTemporaryFiles() {
        if (previousTmpDir == null) {
            previousTmpDir = System.getProperty(TMPDIR);
            System.setProperty(TMPDIR, tmp().toString());
        }
    }

    @Override
    public synchronized void close() {
        if (previousTmpDir != null) {
            System.setProperty(TMPDIR, previousTmpDir);
            previousTmpDir = null;
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock data directory " + root, e);
        }
    }
}
