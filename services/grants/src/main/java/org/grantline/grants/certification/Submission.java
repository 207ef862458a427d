package org.grantline.grants.certification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("submission")
public record Submission(@Id UUID id, UUID requirementId, String signerUsername, String signerName, String signerTitle,
                         String attestation, String documentIds, String clientIp, @Nullable String forwardedFor,
                         Instant submittedAt, @Nullable Decision decision, @Nullable String decisionReason,
                         @Nullable String decidedBy, @Nullable Instant decidedAt, @Version Long version) {

    public enum Decision {
        ACCEPTED, REJECTED
    }
}
