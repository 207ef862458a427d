package org.grantline.notifications.email;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.email.javamail.sender.DefaultSessionProvider;
import io.micronaut.email.javamail.sender.MailPropertiesProvider;
import io.micronaut.email.javamail.sender.SessionProvider;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Session;

/**
 * The default provider takes {@code Session.getDefaultInstance}, one session per JVM made with the
 * first caller's properties; an application context of its own (a second replica in a test JVM)
 * would then send to the first one's SMTP server. This session belongs to this context.
 */
@Singleton
@Replaces(DefaultSessionProvider.class)
public class OwnSessionProvider implements SessionProvider {
    private final Session session;

    public OwnSessionProvider(MailPropertiesProvider properties, @Nullable Authenticator authenticator) {
        this.session = Session.getInstance(properties.mailProperties(), authenticator);
    }

    @Override
    public Session session() {
        return session;
    }
}
