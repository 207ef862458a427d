package org.grantline.documents.support;

import org.grantline.shared.test.ServiceTestSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The documents service under test: its database, the token stand-in, and a fresh local store. */
public final class DocumentsTestSupport {
    private DocumentsTestSupport() {
    }

    public static Path freshStore() {
        try {
            return Files.createTempDirectory("grantline-documents-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, String> properties(Path store) {
        Map<String, String> p = new HashMap<>(ServiceTestSupport.properties("documents"));
        p.put("grantline.documents.storage.backend", "local");
        p.put("grantline.documents.storage.local.root", store.toString());
        return p;
    }

    /** How many files the local store holds under a prefix ({@code tmp} or {@code blobs}). */
    public static long files(Path store, String prefix) {
        try (Stream<Path> files = Files.list(store.resolve(prefix))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
