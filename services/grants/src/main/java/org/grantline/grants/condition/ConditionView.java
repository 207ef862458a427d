package org.grantline.grants.condition;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

@Serdeable
public record ConditionView(UUID id, UUID programId, int fiscalYear, String code, String title, String fullText,
                            boolean needsCertification, @Nullable @io.swagger.v3.oas.annotations.media.Schema(type = "string") SignerRole signerRole, long version) {

    static ConditionView of(GrantCondition c) {
        return new ConditionView(c.id(), c.programId(), c.fiscalYear(), c.code(), c.title(), c.fullText(),
                c.needsCertification(), c.signerRole(), c.version());
    }
}
