package org.grantline.documents.storage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.documents.support.DocumentsTestSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The storage contract on the local filesystem backend. */
@MicronautTest(transactional = false)
class LocalStorageTest extends StorageBackendContract {
    final Path store = DocumentsTestSupport.freshStore();

    @Override
    protected Map<String, String> backendProperties() {
        return Map.of("grantline.documents.storage.backend", "local",
                "grantline.documents.storage.local.root", store.toString());
    }

    @Override
    protected String backendName() {
        return "local";
    }

    @Override
    protected boolean exists(String key) {
        return Files.exists(store.resolve(key));
    }

    @Override
    protected byte[] read(String key) {
        try {
            return Files.readAllBytes(store.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void write(String key, byte[] bytes) {
        try {
            Files.write(store.resolve(key), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void remove(String key) {
        try {
            Files.deleteIfExists(store.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected List<String> keys(String prefix) {
        try (Stream<Path> files = Files.list(store.resolve(prefix))) {
            return files.map(f -> prefix + f.getFileName()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory new uploads go to becomes a plain file (permissions would not stop root, who may run the tests). */
    @Override
    protected void breakStorage() throws IOException {
        Files.move(store.resolve("tmp"), store.resolve("tmp-away"));
        Files.writeString(store.resolve("tmp"), "not a directory");
    }

    @Override
    protected void repairStorage() throws IOException {
        Files.delete(store.resolve("tmp"));
        Files.move(store.resolve("tmp-away"), store.resolve("tmp"));
    }
}
