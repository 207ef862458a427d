package org.grantline.grants.letters;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An answer to one question of a demand, in the demand's round (a request for more opens a new round). */
@MappedEntity("demand_answer")
public record DemandAnswer(@Id UUID id, UUID demandId, UUID questionId, int round, String text, String documentIds,
                           String answeredBy, String answeredRole, @Nullable String signerName, @Nullable String signerTitle,
                           @Nullable String attestation, Instant answeredAt) {
}
