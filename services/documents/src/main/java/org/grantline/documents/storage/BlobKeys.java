package org.grantline.documents.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/** Server-generated storage keys: {@code tmp/<uuid>} while an upload is in flight, {@code blobs/<uuid>} after. */
public final class BlobKeys {
    public static final String TEMPORARY = "tmp/";
    public static final String FINAL = "blobs/";
    private static final Pattern VALID = Pattern.compile("(tmp|blobs)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private BlobKeys() {
    }

    public static String temporary() {
        return TEMPORARY + UUID.randomUUID();
    }

    public static String finalFor(String temporaryKey) {
        return FINAL + temporaryKey.substring(TEMPORARY.length());
    }

    /** Guards the backends: only keys of this shape are ever turned into paths or object names. */
    public static String check(String key) {
        if (key == null || !VALID.matcher(key).matches()) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return key;
    }
}
