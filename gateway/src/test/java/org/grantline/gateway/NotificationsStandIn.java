package org.grantline.gateway;

import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifications' mail paths for the gateway (invitations, account notices) over real HTTP: records
 * each request (its path, Authorization and body) and answers 204, or 503 while {@code failing}
 * (mail down). The emails themselves are notifications' own tests (InvitationEmailTest,
 * AccountEmailTest, on GreenMail).
 */
public final class NotificationsStandIn implements AutoCloseable {
    public static final String INVITATIONS = "/internal/invitation-emails";
    public static final String ACCOUNT_NOTICES = "/internal/account-emails";

    public record Received(String path, String authorization, String body) {
        public String field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public volatile boolean failing;
    private final StubServer server = StubServer.start();

    public NotificationsStandIn() {
        for (String path : List.of(INVITATIONS, ACCOUNT_NOTICES)) {
            server.on(null, path, r -> {
                received.add(new Received(path, r.header("Authorization"), r.text()));
                return failing
                        ? Answer.raw(503, "{\"type\":\"urn:grantline:problem:mail-unavailable\",\"status\":503}")
                        : Answer.empty(204);
            });
        }
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
