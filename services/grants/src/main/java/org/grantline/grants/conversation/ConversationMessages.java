package org.grantline.grants.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.grantline.grants.conversation.ConversationMessage.SubjectKind;
import org.grantline.grants.conversation.ConversationMessage.Visibility;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public final class ConversationMessages {
    private ConversationMessages() {
    }

    /** A message to the thread; {@code internal} (DOJ officers and admins only) makes it a note the jurisdiction never sees. */
    @Serdeable
    public record MessageCommand(@NotBlank @Size(max = 10000) String body,
                                 @Nullable @Size(max = 20) List<@NotNull UUID> documentIds,
                                 @Nullable @Schema(description = "true: a DOJ-internal note, never shown to the jurisdiction")
                                 Boolean internal) {
    }

    @Serdeable
    public record MessageView(UUID id, SubjectKind subjectKind, UUID subjectId, UUID jurisdictionId, Visibility visibility,
                              String body, List<UUID> documentIds, String author, String authorRole, Instant createdAt) {
    }

    /** A thread, oldest message first; for the jurisdiction's own people only its SHARED messages. */
    @Serdeable
    public record ThreadView(SubjectKind subjectKind, UUID subjectId, UUID jurisdictionId, List<MessageView> messages) {
    }
}
