package org.grantline.grants.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** One condition of a program's fiscal year, as grants answers it ({@link ConditionOperations}). */
@Serdeable
public record ConditionView(UUID id, UUID programId, int fiscalYear, String code, String title, String fullText,
                            boolean needsCertification, @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") SignerRole signerRole, long version) {
}
