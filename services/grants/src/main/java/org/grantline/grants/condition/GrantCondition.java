package org.grantline.grants.condition;

import org.grantline.grants.api.SignerRole;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.UUID;

/** A condition in a program's catalogue for one fiscal year, and who must certify it, if anyone. */
@MappedEntity("grant_condition")
public record GrantCondition(@Id UUID id, UUID programId, int fiscalYear, String code, String title, String fullText,
                             boolean needsCertification, @Nullable SignerRole signerRole, Instant createdAt,
                             Instant updatedAt, @Version Long version) {
}
