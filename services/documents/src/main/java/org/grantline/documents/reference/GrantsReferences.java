package org.grantline.documents.reference;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.grantline.grants.api.GrantsReferenceOperations;
import org.grantline.grants.api.ReferenceMessages.ReferenceAnswer;
import org.grantline.grants.api.ReferenceMessages.ReferenceCheck;
import org.grantline.grants.api.ReferenceMessages.ReferenceResult;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks the grants service (its server-to-server reference check, as this service itself: client
 * credentials, role SERVICE) whether the award, requirement and submission a document is filed under
 * are the jurisdiction's own and belong together. Fails safe: a reference it does not confirm is a
 * 400 naming the field; a grants service that cannot answer (or no token for it) is a 503, and the
 * document is not stored. Blocking: call it off the event loop, outside any transaction.
 */
@Singleton
public class GrantsReferences {
    private static final Logger LOG = LoggerFactory.getLogger(GrantsReferences.class);

    /** Grants' reference check, as this service itself (shared's {@code ServiceTokenClientFilter} attaches its token). */
    @Client(id = "grants")
    public interface GrantsReferenceClient extends GrantsReferenceOperations {
    }

    private final GrantsReferenceClient grants;

    public GrantsReferences(GrantsReferenceClient grants) {
        this.grants = grants;
    }

    /** Nothing to ask when no reference is given. */
    public void require(@Nullable UUID jurisdictionId, @Nullable UUID awardId, @Nullable UUID requirementId,
                        @Nullable UUID submissionId) {
        if (awardId == null && requirementId == null && submissionId == null) {
            return;
        }
        if (jurisdictionId == null) {
            throw Problems.invalid("jurisdictionId", "is required when the document is filed under an award, requirement or submission");
        }
        int asked = (awardId == null ? 0 : 1) + (requirementId == null ? 0 : 1) + (submissionId == null ? 0 : 1);
        ReferenceAnswer answer;
        try {
            answer = grants.check(new ReferenceCheck(jurisdictionId, awardId, requirementId, submissionId));
        } catch (HttpClientResponseException e) {
            LOG.warn("Grants service answered {} to a reference check", e.getStatus().getCode());
            throw unavailable();
        } catch (HttpClientException | IllegalStateException | UncheckedIOException e) {
            LOG.warn("Grants service not reachable for a reference check: {}", e.getMessage());
            throw unavailable();
        }
        List<Map<String, String>> errors = new ArrayList<>();
        int confirmed = 0;
        for (ReferenceResult result : answer.references()) {
            String message = switch (result.status()) {
                case OK -> null;
                case FOREIGN -> "belongs to another jurisdiction";
                case MISMATCH -> switch (result.field()) {
                    case "requirementId" -> "is not a requirement of that award";
                    default -> "is not a submission of that requirement or award";
                };
                case MISSING -> "does not exist";
            };
            if (message == null) {
                confirmed++;
            } else {
                errors.add(Map.of("field", result.field(), "message", message));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors);
        }
        if (confirmed < asked) {
            throw unavailable();
        }
    }

    private static RuntimeException unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Service Unavailable",
                "The grants service could not confirm the award, requirement or submission; nothing was stored. Try again shortly.");
    }
}
