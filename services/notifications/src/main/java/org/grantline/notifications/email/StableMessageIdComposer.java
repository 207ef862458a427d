package org.grantline.notifications.email;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.email.Email;
import io.micronaut.email.javamail.composer.DefaultMessageComposer;
import io.micronaut.email.javamail.composer.MessageComposer;
import jakarta.inject.Singleton;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * Jakarta Mail gives every message a fresh {@code Message-ID} when it is sent. A reminder email is
 * retried after failures and may be sent again after a crash; keeping the id we set (one per
 * digest) lets mail clients and servers see a resend as the same message.
 */
@Singleton
@Replaces(DefaultMessageComposer.class)
public class StableMessageIdComposer implements MessageComposer {
    private final DefaultMessageComposer delegate = new DefaultMessageComposer();

    @Override
    public Message compose(Email email, Session session) throws MessagingException {
        return new StableIdMessage((MimeMessage) delegate.compose(email, session));
    }

    static final class StableIdMessage extends MimeMessage {
        StableIdMessage(MimeMessage source) throws MessagingException {
            super(source);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
