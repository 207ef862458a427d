package org.grantline.grants.outbox;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.grantline.shared.security.ServiceTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The notifications service's change intake ({@code POST /api/reminders/changes}) and message intake
 * ({@code POST /internal/message-notices}), called as this service itself (client credentials, role
 * SERVICE), found like any other instance (Consul, or {@code NOTIFICATIONS_URLS} on the embedded
 * default). For requirement changes only ids travel: notifications reads their state back from the
 * deadline feed, which stays the source of truth. A message notice travels whole (it is all
 * notifications learns of the message).
 */
@Singleton
public class NotificationsClient {
    private final HttpClient notifications;
    private final BeanProvider<ServiceTokens> tokens;

    public NotificationsClient(@Client(id = "notifications") HttpClient notifications, BeanProvider<ServiceTokens> tokens) {
        this.notifications = notifications;
        this.tokens = tokens;
    }

    @Serdeable
    record Changes(List<UUID> requirementIds) {
    }

    /** Announces that these requirements changed; throws on anything but a 2xx (the relay tries again later). */
    public void announce(List<UUID> requirementIds) {
        String token = tokens.find(null).orElseThrow(() -> new IllegalStateException(
                "no client secret configured (GRANTLINE_CLIENT_SECRET)")).token();
        notifications.toBlocking().exchange(HttpRequest.POST("/api/reminders/changes", new Changes(requirementIds))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token), Map.class);
    }

    /**
     * Tells notifications of a shared message; true when it was new there, false when it already had it
     * (idempotent on the message id). Throws on anything but a 2xx: an
     * {@link io.micronaut.http.client.exceptions.HttpClientResponseException} carries the status.
     */
    public boolean notice(MessageNotice notice) {
        String token = tokens.find(null).orElseThrow(() -> new IllegalStateException(
                "no client secret configured (GRANTLINE_CLIENT_SECRET)")).token();
        Map<?, ?> answer = notifications.toBlocking().exchange(HttpRequest.POST("/internal/message-notices", notice)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token), Map.class).getBody().orElse(Map.of());
        return !Boolean.FALSE.equals(answer.get("created"));
    }
}
