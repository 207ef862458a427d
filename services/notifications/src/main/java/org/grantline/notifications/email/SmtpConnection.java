package org.grantline.notifications.email;

import io.micronaut.core.annotation.Nullable;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection for many messages, opened at the first one: a new connection per message
 * (connect, greeting, EHLO, QUIT) cost ~45 ms against ~2 ms for the message itself. After a failure
 * the next message opens a fresh one. Not thread-safe: one per sending thread.
 */
public final class SmtpConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);

    /** Builds one message for the session. */
    @FunctionalInterface
    public interface Composer {
        Message compose(Session session) throws MessagingException;
    }

    private final Session session;
    private @Nullable Transport transport;

    public SmtpConnection(Session session) {
        this.session = session;
    }

    /** Sends one message; answers null once the server accepted it, else what went wrong. */
    public @Nullable String send(Composer composer) {
        try {
            Message message = composer.compose(session);
            if (transport == null) {
                transport = session.getTransport("smtp");
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
            return null;
        } catch (MessagingException | RuntimeException e) {
            close();
            return e.getCause() != null ? e.getCause().toString() : e.toString();
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing an SMTP connection: {}", e.getMessage());
            }
            transport = null;
        }
    }
}
