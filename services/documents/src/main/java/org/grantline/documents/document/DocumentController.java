package org.grantline.documents.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.grantline.documents.upload.FileNames;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.documents.upload.UploadForm;
import org.grantline.documents.upload.VersionForm;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Documents: upload (multipart, streamed), list and read records, versions, soft deletion, and the
 * bytes themselves — streamed, with their detected type, an attachment disposition, the SHA-256 as
 * ETag and byte ranges. Officials and legal officers see their own jurisdiction's only; another's
 * is a 404 by every path.
 */
@Controller("/api/documents")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Authenticated
@Tag(name = "Documents")
public class DocumentController {

    private final DocumentRepository documents;
    private final DocumentService records;
    private final UploadService uploads;
    private final ContentService contents;

    public DocumentController(DocumentRepository documents, DocumentService records, UploadService uploads,
                              ContentService contents) {
        this.documents = documents;
        this.records = records;
        this.uploads = uploads;
        this.contents = contents;
    }

    /** Documents the caller may see, newest first, optionally filtered; another jurisdiction's filter finds nothing. */
    @Get
    @ProblemResponses.BadRequest
    public DocumentView.Page list(Authentication authentication,
                                  @Nullable @QueryValue UUID jurisdictionId,
                                  @Nullable @QueryValue @Schema(type = "string") DocumentKind kind,
                                  @Nullable @QueryValue UUID awardId,
                                  @Nullable @QueryValue UUID requirementId,
                                  @Nullable @QueryValue UUID submissionId,
                                  @QueryValue(defaultValue = "0") @Min(0) int page,
                                  @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        Caller caller = Caller.of(authentication);
        Pageable pageable = Pageable.from(page, size, Sort.of(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        UUID scope = jurisdictionId;
        if (!caller.seesAllJurisdictions() && !caller.has(Roles.SERVICE)) {
            UUID own = caller.jurisdictionId().orElse(null);
            if (own == null || (jurisdictionId != null && !jurisdictionId.equals(own))) {
                return new DocumentView.Page(List.of(), page, size, 0);
            }
            scope = own;
        }
        io.micronaut.data.model.Page<Document> result = documents.search(scope, kind == null ? null : kind.name(), awardId,
                requirementId, submissionId, pageable);
        return new DocumentView.Page(result.getContent().stream().map(DocumentView::of).toList(), page, size,
                result.getTotalSize());
    }

    /**
     * Uploads a new document (multipart/form-data): the part {@code file} and the fields {@code kind},
     * {@code title}, and optionally {@code jurisdictionId} (DOJ; officials file for their own),
     * {@code awardId}, {@code requirementId}, {@code submissionId}.
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.PayloadTooLarge
    @ProblemResponses.UnsupportedMediaType
    @ProblemResponses.ServiceUnavailable
    @ProblemResponses.NotFound
    @Secured({Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER, Roles.DOJ_OFFICER})
    public HttpResponse<DocumentView> upload(HttpRequest<?> request,
                                             @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                                                     schema = @Schema(implementation = UploadForm.class),
                                                     encoding = @Encoding(name = "file", contentType = "application/pdf, image/png, image/jpeg, text/plain, application/vnd.openxmlformats-officedocument.wordprocessingml.document")))
                                             @Body InputStream body, Authentication authentication) {
        DocumentView created = uploads.upload(body, request.getContentType().map(MediaType::toString)
                        .orElse(request.getHeaders().get(HttpHeaders.CONTENT_TYPE)), request.getContentLength(),
                Caller.of(authentication));
        return HttpResponse.created(created).header(HttpHeaders.LOCATION, "/api/documents/" + created.id());
    }

    /** One document's record. Also what the grants service once used to confirm a document. */
    @Get("/{id}")
    @ProblemResponses.NotFound
    public DocumentView get(UUID id, Authentication authentication) {
        return records.view(id, Caller.of(authentication));
    }

    /** Every version of a document, oldest first. */
    @Get("/{id}/versions")
    @ProblemResponses.NotFound
    public List<DocumentView.VersionView> versions(UUID id, Authentication authentication) {
        return records.versions(id, Caller.of(authentication));
    }

    /** A new version (multipart/form-data, one part {@code file}); 409 when the current one is locked. */
    @Post(value = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA)
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.PayloadTooLarge
    @ProblemResponses.UnsupportedMediaType
    @ProblemResponses.ServiceUnavailable
    @Secured({Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER, Roles.DOJ_OFFICER})
    public HttpResponse<DocumentView> addVersion(UUID id, HttpRequest<?> request,
                                                 @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                                                         schema = @Schema(implementation = VersionForm.class)))
                                                 @Body InputStream body,
                                                 Authentication authentication) {
        DocumentView updated = uploads.addVersion(id, body, request.getHeaders().get(HttpHeaders.CONTENT_TYPE),
                request.getContentLength(), Caller.of(authentication));
        return HttpResponse.created(updated)
                .header(HttpHeaders.LOCATION, "/api/documents/" + id + "/versions/" + updated.currentVersion() + "/content");
    }

    /** Soft delete: hidden from everyone, kept, audited; 409 when a submitted certification rests on it. */
    @Delete("/{id}")
    @NoContent
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.JURISDICTION_OFFICIAL, Roles.LEGAL_OFFICER, Roles.DOJ_OFFICER})
    public HttpResponse<Void> delete(UUID id, Authentication authentication) {
        records.delete(id, Caller.of(authentication));
        return HttpResponse.noContent();
    }

    /** The current version's bytes. */
    @Get("/{id}/content")
    @Bytes
    public HttpResponse<DocumentBytes> content(UUID id, HttpRequest<?> request, Authentication authentication) {
        return serve(records.version(id, 0, Caller.of(authentication)), request);
    }

    /** One version's bytes. */
    @Get("/{id}/versions/{number}/content")
    @Bytes
    @ProblemResponses.BadRequest
    public HttpResponse<DocumentBytes> versionContent(UUID id, @Min(1) int number, HttpRequest<?> request,
                                                     Authentication authentication) {
        return serve(records.version(id, number, Caller.of(authentication)), request);
    }

    private HttpResponse<DocumentBytes> serve(DocumentVersion version, HttpRequest<?> request) {
        String etag = "\"" + version.sha256() + "\"";
        if (version.corruptAt() != null) {
            throw ContentService.corrupt(version);
        }
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            contents.requireIntact(version);
            return headers(HttpResponse.status(HttpStatus.NOT_MODIFIED), version, etag);
        }
        contents.requireIntact(version);
        long size = version.sizeBytes();
        String range = request.getHeaders().get(HttpHeaders.RANGE);
        String ifRange = request.getHeaders().get("If-Range");
        if (range != null && (ifRange == null || ifRange.strip().equals(etag))) {
            long[] r = Ranges.parse(range, size);
            if (r == null) {
                // Not a single byte range we understand (several, or another unit): the whole file.
            } else if (r.length == 0) {
                throw new ProblemException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range-not-satisfiable",
                        "Range Not Satisfiable", "The file has " + size + " bytes; the range " + range + " lies outside it",
                        Map.of("size", size));
            } else {
                long length = r[1] - r[0] + 1;
                return headers(HttpResponse.<DocumentBytes>status(HttpStatus.PARTIAL_CONTENT)
                        .header(HttpHeaders.CONTENT_RANGE, "bytes " + r[0] + "-" + r[1] + "/" + size)
                        .contentLength(length)
                        .body(new DocumentBytes(version, r[0], length)), version, etag);
            }
        }
        return headers(HttpResponse.ok(new DocumentBytes(version, 0, size)).contentLength(size), version, etag);
    }

    private static <T> MutableHttpResponse<T> headers(MutableHttpResponse<T> response, DocumentVersion version, String etag) {
        return response.contentType(MediaType.of(version.contentType()))
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(version.uploadedAt().atZone(java.time.ZoneOffset.UTC)))
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CONTENT_DISPOSITION, FileNames.attachment(version.originalFilename()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header("X-Document-Version", String.valueOf(version.number()));
    }

    /**
     * The answers of a download: the bytes with their detected type (200, or 206 for a single byte
     * range), 304 for a matching {@code If-None-Match}, 416 for a range outside the file, 503 when
     * the stored bytes are corrupt or the store is unreachable.
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @Operation(parameters = {
            @io.swagger.v3.oas.annotations.Parameter(name = "Range", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
                    description = "One byte range (`bytes=0-1023`, `bytes=1024-`, `bytes=-500`); others get the whole file",
                    schema = @Schema(type = "string", pattern = "^bytes=\\S+$")),
            @io.swagger.v3.oas.annotations.Parameter(name = "If-None-Match", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
                    description = "The ETag (SHA-256) already held: 304 when unchanged", schema = @Schema(type = "string")),
            @io.swagger.v3.oas.annotations.Parameter(name = "If-Range", in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
                    description = "The range applies only while the ETag is this one", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "200", description = "The bytes, with the type detected at upload",
            headers = {@Header(name = "ETag", required = true, description = "The SHA-256 of the bytes, quoted", schema = @Schema(type = "string")),
                    @Header(name = "Content-Disposition", required = true, schema = @Schema(type = "string")),
                    @Header(name = "X-Document-Version", required = true, schema = @Schema(type = "integer", minimum = "1"))},
            content = {@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "206", description = "The requested byte range, with the file's type",
            headers = {@Header(name = "Content-Range", required = true, schema = @Schema(type = "string", example = "bytes 0-1023/52000")),
                    @Header(name = "ETag", required = true, schema = @Schema(type = "string"))},
            content = {@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match",
            headers = @Header(name = "ETag", required = true, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "416", description = "The range lies outside the file; `size` says how many bytes it has",
            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                    schema = @Schema(implementation = org.grantline.shared.openapi.Problem.class)))
    @ProblemResponses.NotFound
    @ProblemResponses.ServiceUnavailable
    @interface Bytes {
    }

    /** {@code Range: bytes=a-b | a- | -n}, a single range only (RFC 9110). */
    static final class Ranges {
        private Ranges() {
        }

        /** {from, to} inclusive; an empty array when unsatisfiable; null when not a single byte range. */
        static long[] parse(String header, long size) {
            String h = header.strip().toLowerCase(Locale.ROOT);
            if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
                return null;
            }
            String spec = h.substring("bytes=".length()).strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            try {
                String a = spec.substring(0, dash).strip();
                String b = spec.substring(dash + 1).strip();
                if (a.isEmpty()) {
                    if (b.isEmpty()) {
                        return null;
                    }
                    long suffix = Long.parseLong(b);
                    if (suffix <= 0 || size == 0) {
                        return new long[0];
                    }
                    return new long[]{Math.max(0, size - suffix), size - 1};
                }
                long from = Long.parseLong(a);
                long to = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
                if (from >= size || from < 0 || (!b.isEmpty() && Long.parseLong(b) < from)) {
                    return b.isEmpty() || Long.parseLong(b) >= from ? new long[0] : null;
                }
                return new long[]{from, to};
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
