package org.grantline.grants.conversation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** One message of a requirement's or a demand's thread; INTERNAL ones are DOJ's notes, never shown to the jurisdiction. */
@MappedEntity("conversation_message")
public record ConversationMessage(@Id UUID id, SubjectKind subjectKind, UUID subjectId, UUID jurisdictionId, Visibility visibility,
                                  String body, String documentIds, String author, String authorRole, Instant createdAt) {

    /** What a thread is about. */
    public enum SubjectKind { REQUIREMENT, DEMAND }

    /** SHARED: DOJ and the jurisdiction; INTERNAL: DOJ, admins and auditors only. */
    public enum Visibility { SHARED, INTERNAL }
}
