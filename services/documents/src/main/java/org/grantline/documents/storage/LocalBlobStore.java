package org.grantline.documents.storage;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Bytes as files under one directory (the embedded default: {@code ./data/documents/store}). */
@Singleton
@Requires(property = "grantline.documents.storage.backend", value = "local", defaultValue = "local")
public class LocalBlobStore implements BlobStore {
    private final Path root;

    public LocalBlobStore(@Value("${grantline.documents.storage.local.root}") String root) throws IOException {
        this.root = Path.of(root).toAbsolutePath().normalize();
        Files.createDirectories(this.root.resolve(BlobKeys.TEMPORARY));
        Files.createDirectories(this.root.resolve(BlobKeys.FINAL));
    }

    private Path path(String key) {
        Path path = root.resolve(BlobKeys.check(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("key outside the store: " + key);
        }
        return path;
    }

    @Override
    public Sink create(String key) throws IOException {
        Path path = path(key);
        OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new Sink() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.close();
            }

            @Override
            public void abort() {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // deleting it is what matters
                }
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // the reaper removes it later
                }
            }
        };
    }

    @Override
    public void promote(String temporaryKey, String finalKey) throws IOException {
        Path target = path(finalKey);
        try (FileChannel channel = FileChannel.open(path(temporaryKey), StandardOpenOption.WRITE)) {
            channel.force(true);     // on disk before the row that points at it is committed
        }
        Files.move(path(temporaryKey), target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
        channel.position(offset);
        InputStream in = Channels.newInputStream(channel);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(Files.size(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public List<Stored> list(String prefix) throws IOException {
        List<Stored> stored = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(prefix))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                try {
                    stored.add(new Stored(prefix + file.getFileName(), Files.getLastModifiedTime(file).toInstant()));
                } catch (NoSuchFileException e) {
                    // gone meanwhile
                }
            }
        }
        return stored;
    }

    @Override
    public String backend() {
        return "local";
    }
}
