package org.grantline.documents.document;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.documents.DocumentsConfiguration;
import org.grantline.documents.reference.GrantsReferences;
import org.grantline.documents.storage.BlobKeys;
import org.grantline.documents.storage.BlobStore;
import org.grantline.documents.upload.ContentDetector;
import org.grantline.documents.upload.FileNames;
import org.grantline.documents.upload.MultipartReader;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Receives an upload as it streams in: reads the multipart body part by part, writes the file
 * part to a temporary storage key while hashing it (SHA-256), counting it against the limit and
 * telling its type from its bytes; then checks everything (the award, requirement and submission it
 * is filed under with the grants service), promotes the bytes to their final key and records the
 * version in one transaction. Whatever fails, the temporary bytes are discarded
 * and nothing is recorded (a crash in between leaves only bytes, which the reaper removes).
 */
@Singleton
public class UploadService {
    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);
    private static final int MAX_FIELD = 4096;
    private static final int MAX_PARTS = 20;
    private static final Set<String> FIELDS = Set.of("kind", "title", "jurisdictionId", "awardId", "requirementId", "submissionId");

    private final BlobStore store;
    private final DocumentService records;
    private final DocumentsConfiguration config;
    private final GrantsReferences references;

    public UploadService(BlobStore store, DocumentService records, DocumentsConfiguration config, GrantsReferences references) {
        this.store = store;
        this.records = records;
        this.config = config;
        this.references = references;
    }

    /** A new document with its first version. */
    public DocumentView upload(InputStream body, String contentType, long contentLength, Caller caller) {
        try (body) {
            DocumentAccess.requireMayUpload(caller);  // refused before the body is read: the server discards the body
            return upload(receiveAll(body, contentType, contentLength, FIELDS), caller);
        } catch (IOException e) {
            throw storageFailure(e);
        }
    }

    private DocumentView upload(Received received, Caller caller) {
        try {
            DocumentService.NewDocument command = command(received.fields(), caller);
            DocumentAccess.requireMayFile(caller, command.kind(), command.jurisdictionId());
            // Ids of another service's records are that service's to confirm, before anything is recorded.
            references.require(command.jurisdictionId(), command.awardId(), command.requirementId(), command.submissionId());
            return commit(received, file -> records.create(command, file, caller));
        } catch (RuntimeException e) {
            received.discard(store);
            throw e;
        }
    }

    /** A new version of an existing document. */
    public DocumentView addVersion(UUID documentId, InputStream body, String contentType, long contentLength, Caller caller) {
        try (body) {
            records.requireChangeable(documentId, caller);  // refused before the body is read: the server discards the body
            return addVersion(documentId, receiveAll(body, contentType, contentLength, Set.of()), caller);
        } catch (IOException e) {
            throw storageFailure(e);
        }
    }

    private DocumentView addVersion(UUID documentId, Received received, Caller caller) {
        try {
            return commit(received, file -> records.addVersion(documentId, file, caller));
        } catch (RuntimeException e) {
            received.discard(store);
            throw e;
        }
    }

    private DocumentView commit(Received received, java.util.function.Function<DocumentService.StoredFile, DocumentView> record) {
        String finalKey = BlobKeys.finalFor(received.temporaryKey());
        try {
            store.promote(received.temporaryKey(), finalKey);
        } catch (IOException e) {
            throw storageFailure(e);
        }
        try {
            return record.apply(new DocumentService.StoredFile(finalKey, received.filename(), received.contentType(),
                    received.size(), received.sha256()));
        } catch (RuntimeException e) {
            try {
                store.delete(finalKey);
            } catch (IOException ignored) {
                LOG.warn("Could not remove unrecorded bytes {} (the reaper will)", finalKey);
            }
            throw e;
        }
    }

    record Received(Map<String, String> fields, String temporaryKey, String filename, String contentType, long size,
                    String sha256) {
        void discard(BlobStore store) {
            try {
                store.delete(temporaryKey);
            } catch (IOException e) {
                LOG.warn("Could not remove temporary bytes {} (the reaper will)", temporaryKey);
            }
        }
    }

    /** Reads the upload; when it is refused part-way, drains what the client still sends (see {@link #drain}). */
    private Received receiveAll(InputStream body, String contentType, long contentLength, Set<String> allowedFields) {
        try {
            return receive(body, contentType, contentLength, allowedFields);
        } catch (RuntimeException e) {
            drain(body, contentLength);
            throw e;
        }
    }

    /**
     * Reads (and drops) what the client still sends of a refused upload, up to the request limit, so
     * that a client that writes its whole body before reading hears the answer instead of stalling on
     * a connection nobody reads. Past the limit the server itself discards the rest; a body declared
     * larger than the limit was refused before it was read, and its connection is closed
     * ({@link org.grantline.documents.upload.RefusedUploadFilter}).
     */
    private void drain(InputStream body, long contentLength) {
        if (contentLength > config.maxRequestSize()) {
            return;
        }
        try {
            byte[] skip = new byte[64 * 1024];
            long left = config.maxRequestSize() + DocumentsConfiguration.MULTIPART_OVERHEAD;
            int n;
            while (left > 0 && (n = body.read(skip)) >= 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is gone or over its limit: nothing more to drain
        }
    }

    private Received receive(InputStream body, String contentType, long contentLength, Set<String> allowedFields) {
        if (contentLength > config.maxRequestSize()) {
            throw tooLarge();
        }
        String boundary = MultipartReader.boundary(contentType);
        if (boundary == null) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
                    "An upload is multipart/form-data with a boundary, one part named file and the metadata fields",
                    Map.of());
        }
        MultipartReader reader = new MultipartReader(body, boundary);
        Map<String, String> fields = new LinkedHashMap<>();
        Stored stored = null;
        try {
            MultipartReader.Part part;
            int count = 0;
            while ((part = reader.next()) != null) {
                if (++count > MAX_PARTS) {
                    throw Problems.invalid("multipart", "too many parts");
                }
                if (part.isFile() || "file".equals(part.name())) {
                    if (!"file".equals(part.name())) {
                        throw Problems.invalid(String.valueOf(part.name()), "only the part named file may carry a file");
                    }
                    if (stored != null) {
                        throw Problems.invalid("file", "send one file per upload; this request has several file parts");
                    }
                    Optional<String> badName = FileNames.problem(part.filename());
                    if (badName.isPresent()) {
                        throw Problems.invalid("file", badName.get());
                    }
                    stored = store(part.content(), FileNames.normalise(part.filename()));
                } else {
                    if (part.name() == null || !allowedFields.contains(part.name())) {
                        throw Problems.invalid(String.valueOf(part.name()), "unknown field");
                    }
                    if (fields.containsKey(part.name())) {
                        throw Problems.invalid(part.name(), "given more than once");
                    }
                    fields.put(part.name(), field(part.content()));
                }
            }
        } catch (MultipartReader.MalformedMultipartException e) {
            discard(stored);
            throw Problems.of(HttpStatus.BAD_REQUEST, "malformed-multipart", "Bad Request",
                    "The multipart body is malformed: " + e.getMessage() + ". Nothing was stored.");
        } catch (IOException e) {
            discard(stored);
            throw Problems.of(HttpStatus.BAD_REQUEST, "malformed-multipart", "Bad Request",
                    "The upload was cut off or could not be read; nothing was stored.");
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
        if (stored == null) {
            throw Problems.invalid("file", "the upload has no part named file");
        }
        return new Received(fields, stored.key, stored.filename, stored.contentType, stored.size, stored.sha256);
    }

    private record Stored(String key, String filename, String contentType, long size, String sha256) {
    }

    private void discard(Stored stored) {
        if (stored != null) {
            try {
                store.delete(stored.key);
            } catch (IOException e) {
                LOG.warn("Could not remove temporary bytes {} (the reaper will)", stored.key);
            }
        }
    }

    /** Streams one file part to a temporary key; refuses it (and removes it) unless it is an allowed, non-empty file. */
    private Stored store(InputStream content, String filename) throws IOException {
        String key = BlobKeys.temporary();
        MessageDigest sha256 = sha256();
        ContentDetector detector = new ContentDetector();
        long size = 0;
        long limit = config.getMaxFileSize();
        // An IOException from the request body is the client's (400); one from the store is ours (503).
        BlobStore.Sink sink;
        try {
            sink = store.create(key);
        } catch (IOException e) {
            throw storageFailure(e);
        }
        try {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = content.read(buffer, 0, buffer.length)) >= 0) {
                size += n;
                if (size > limit) {
                    throw tooLarge();
                }
                sha256.update(buffer, 0, n);
                detector.update(buffer, 0, n);
                try {
                    sink.write(buffer, 0, n);
                } catch (IOException e) {
                    throw storageFailure(e);
                }
            }
            try {
                sink.close();
            } catch (IOException e) {
                throw storageFailure(e);
            }
        } catch (IOException | RuntimeException e) {
            sink.abort();
            throw e;
        }
        try {
            if (size == 0) {
                throw Problems.invalid("file", "the file is empty");
            }
            Optional<String> type = detector.result();
            if (type.isEmpty()) {
                throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
                        "The file is " + detector.describe() + "; documents are PDF, PNG, JPEG, DOCX or plain UTF-8 text",
                        Map.of());
            }
            Optional<String> promised = FileNames.promisedType(filename);
            if (promised.isPresent() && !promised.get().equals(type.get())) {
                throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content-type-mismatch", "Unsupported Media Type",
                        "The file is named ." + FileNames.extension(filename) + " but its bytes are " + type.get(),
                        Map.of("detectedType", type.get()));
            }
            return new Stored(key, filename, type.get(), size, HexFormat.of().formatHex(sha256.digest()));
        } catch (RuntimeException e) {
            discard(new Stored(key, filename, null, size, null));
            throw e;
        }
    }

    private static String field(InputStream content) throws IOException {
        byte[] bytes = content.readNBytes(MAX_FIELD + 1);
        if (bytes.length > MAX_FIELD) {
            throw Problems.invalid("multipart", "a field is longer than " + MAX_FIELD + " bytes");
        }
        content.transferTo(java.io.OutputStream.nullOutputStream());
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }

    private static DocumentService.NewDocument command(Map<String, String> fields, Caller caller) {
        List<Map<String, String>> errors = new java.util.ArrayList<>();
        DocumentKind kind = null;
        String kindText = fields.get("kind");
        if (kindText == null || kindText.isBlank()) {
            errors.add(Map.of("field", "kind", "message", "is required"));
        } else {
            try {
                kind = DocumentKind.valueOf(kindText.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(Map.of("field", "kind", "message", "one of " + java.util.Arrays.toString(DocumentKind.values())));
            }
        }
        String title = fields.getOrDefault("title", "").strip();
        if (title.isEmpty() || title.length() > 300 || title.chars().anyMatch(Character::isISOControl)) {
            errors.add(Map.of("field", "title", "message", "is required: 1 to 300 characters, no control characters"));
        }
        UUID jurisdiction = uuid(fields, "jurisdictionId", errors);
        UUID award = uuid(fields, "awardId", errors);
        UUID requirement = uuid(fields, "requirementId", errors);
        UUID submission = uuid(fields, "submissionId", errors);
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        if (jurisdiction == null && !caller.has(org.grantline.shared.security.Roles.DOJ_OFFICER)) {
            jurisdiction = caller.jurisdictionId().orElse(null);
        }
        return new DocumentService.NewDocument(kind, title, jurisdiction, award, requirement, submission);
    }

    private static UUID uuid(Map<String, String> fields, String name, List<Map<String, String>> errors) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(Map.of("field", name, "message", "is not a UUID"));
            return null;
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Payload Too Large",
                "A document may be at most " + config.getMaxFileSize() + " bytes; nothing was stored",
                Map.of("maxFileSize", config.getMaxFileSize()));
    }

    /** The store failed (a write, a promotion): 503 {@code storage-unavailable}; the caller may retry, nothing was recorded. */
    private static ProblemException storageFailure(IOException e) {
        LOG.error("Storage failed: {}", e.getMessage(), e);
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "Service Unavailable",
                "The document store could not take the file; nothing was stored. Try again shortly.");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
