package org.grantline.grants.conversation;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import org.grantline.grants.conversation.ConversationMessage.SubjectKind;
import org.grantline.grants.conversation.ConversationMessage.Visibility;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ConversationMessageRepository extends CrudRepository<ConversationMessage, UUID> {

    List<ConversationMessage> findBySubjectKindAndSubjectIdOrderByCreatedAt(SubjectKind subjectKind, UUID subjectId);

    List<ConversationMessage> findBySubjectKindAndSubjectIdAndVisibilityOrderByCreatedAt(SubjectKind subjectKind, UUID subjectId,
                                                                                        Visibility visibility);
}
