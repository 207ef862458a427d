package org.grantline.gateway;

import io.micronaut.serde.ObjectMapper;
import org.grantline.notifications.api.AccountEmailCommand;
import org.grantline.notifications.api.AccountEmailOperations;
import org.grantline.notifications.api.InvitationEmailCommand;
import org.grantline.notifications.api.InvitationEmailOperations;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifications' mail paths for the gateway (invitations, account notices) over real HTTP: records
 * each request (its path, Authorization and body) and answers 204, or 503 while {@code failing}
 * (mail down). The emails themselves are notifications' own tests (InvitationEmailTest,
 * AccountEmailTest, on GreenMail). It implements notifications-api's mail contracts: each body is
 * read as that API's record (a body that does not fit is a 400), kept in {@link #invitations} and
 * {@link #accountNotices}.
 */
public final class NotificationsStandIn implements InvitationEmailOperations, AccountEmailOperations, AutoCloseable {
    public static final String INVITATIONS = InvitationEmailOperations.PATH;
    public static final String ACCOUNT_NOTICES = AccountEmailOperations.PATH;
    private static final ObjectMapper JSON = ObjectMapper.getDefault();

    public record Received(String path, String authorization, String body) {
        public String field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final List<InvitationEmailCommand> invitations = new CopyOnWriteArrayList<>();
    public final List<AccountEmailCommand> accountNotices = new CopyOnWriteArrayList<>();
    public volatile boolean failing;
    private final StubServer server = StubServer.start();

    public NotificationsStandIn() {
        server.on(null, INVITATIONS, r -> take(INVITATIONS, r, InvitationEmailCommand.class, this::send));
        server.on(null, ACCOUNT_NOTICES, r -> take(ACCOUNT_NOTICES, r, AccountEmailCommand.class, this::send));
    }

    private <T> Answer take(String path, StubServer.Request r, Class<T> type, Consumer<T> operation) {
        received.add(new Received(path, r.header("Authorization"), r.text()));
        if (failing) {
            return Answer.raw(503, "{\"type\":\"urn:grantline:problem:mail-unavailable\",\"status\":503}");
        }
        T command;
        try {
            command = JSON.readValue(r.body(), type);
        } catch (IOException | RuntimeException e) {
            return Answer.problem(400, "not a " + type.getSimpleName() + ": " + e.getMessage());
        }
        operation.accept(command);
        return Answer.empty(204);
    }

    @Override
    public void send(InvitationEmailCommand command) {
        invitations.add(command);
    }

    @Override
    public void send(AccountEmailCommand command) {
        accountNotices.add(command);
    }

    public String url() {
        return server.url();
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    /** What was sent to one path, in order. */
    public List<Received> to(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
