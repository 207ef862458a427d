package org.grantline.grants.document;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import org.grantline.documents.api.LinkMessages.CheckCommand;
import org.grantline.grants.GrantsServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call to another service is timed under its service id, after this service's own token was
 * fetched for it: the token request (the first client request of the app) is tagged with a service
 * id too, or Prometheus, which refuses meters of one name with other tag keys, would drop the timer of
 * every later call to another service.
 */
class ClientMetricsTest extends GrantsServiceTest {
    @Inject
    DocumentsClient client;
    /** The registry /prometheus scrapes. */
    @Inject
    PrometheusMeterRegistry prometheus;

    @Test
    void aCallToAnotherServiceIsTimedUnderItsServiceIdAfterTheTokenWasFetched() {
        client.check(new CheckCommand(UUID.randomUUID(), List.of(UUID.randomUUID())));
        assertThat(documents.received().stream().anyMatch(r -> r.path().equals("/oauth/access_token")))
                .as("this service's token was fetched for the call").isTrue();
        // What /prometheus serves: a meter Prometheus refused is still found in the registry, but not scraped.
        assertThat(prometheus.scrape()).as("the call to documents, timed and scraped")
                .containsPattern("http_client_requests_seconds_count\\{[^}]*serviceId=\"documents\"[^}]*uri=\"/api/documents/checks\"");
    }
}
