package org.grantline.grants.api;

import io.micronaut.http.annotation.Header;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import org.grantline.grants.GrantsFixtures;
import org.grantline.grants.GrantsServiceTest;
import org.grantline.grants.api.ReferenceMessages.ReferenceAnswer;
import org.grantline.grants.api.ReferenceMessages.ReferenceCheck;
import org.grantline.grants.api.ReferenceMessages.ReferenceResult;
import org.grantline.grants.api.ReferenceMessages.Status;
import org.grantline.shared.test.TestHttp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * grants-api end to end: declarative clients that extend its Operations, as the notifications and
 * documents services' do, against grants' real controllers, answer grants-api's records.
 */
class GrantsApiContractTest extends GrantsServiceTest {
    /** As notifications' {@code GrantsFeedClient}, with the notifications service's token. */
    @Client("/")
    @Header(name = "Authorization", value = "Bearer ${grantline.test.notifications-token}")
    interface FeedClient extends GrantsFeedOperations {
    }

    /** As documents' {@code GrantsReferenceClient}, with the documents service's token. */
    @Client("/")
    @Header(name = "Authorization", value = "Bearer ${grantline.test.documents-token}")
    interface ReferenceClient extends GrantsReferenceOperations {
    }

    @Inject
    FeedClient feed;
    @Inject
    ReferenceClient references;

    final UUID jurisdiction = UUID.randomUUID();

    @Override
    protected void properties(Map<String, String> p) {
        p.put("grantline.test.notifications-token", TOKENS.service("notifications"));
        p.put("grantline.test.documents-token", TOKENS.service("documents"));
    }

    @Test
    void theFeedClientReadsTheFeedAsGrantsApisRecords() {
        jurisdictions.add(jurisdiction, "America/Chicago", "IL");
        String program = GrantsFixtures.program(http, "CT");
        String condition = GrantsFixtures.certification1373(http, program);
        int year = 2150 + ThreadLocalRandom.current().nextInt(49);
        TestHttp.Response created = GrantsFixtures.award(http, Map.of("jurisdictionId", jurisdiction.toString(), "programId", program,
                "fiscalYear", 2017, "amount", "1000.00", "awardDate", "2017-09-01", "certificationDueDate", year + "-05-14"));
        String award = (String) created.json().get("id");
        UUID requirement = UUID.fromString(GrantsFixtures.firstRequirement(http, created));

        Feed page = feed.feed(Instant.parse(year + "-05-01T00:00:00Z"), Instant.parse(year + "-06-01T00:00:00Z"), null, null, 500);
        FeedItem item = page.items().stream().filter(i -> i.id().equals(requirement)).findFirst().orElseThrow();
        assertThat(item.status()).isEqualTo(RequirementStatus.OPEN);
        assertThat(item.jurisdictionId()).isEqualTo(jurisdiction);
        assertThat(item.conditionId()).isEqualTo(UUID.fromString(condition));
        assertThat(item.programId()).isEqualTo(UUID.fromString(program));
        assertThat(item.fiscalYear()).isEqualTo(2017);
        assertThat(item.timeZone()).isEqualTo("America/Chicago");
        assertThat(item.deadlineLocalDate()).hasToString(year + "-05-14");
        assertThat(item.awardEnded()).isFalse();
        assertThat(page.more()).isFalse();
        assertThat(page.cursor()).isNotBlank();

        assertThat(feed.items(new FeedItemsQuery(List.of(requirement, UUID.randomUUID()))).items())
                .as("the named requirement as the feed shows it; an unknown id left out").containsExactly(item);

        ReferenceAnswer answer = references.check(new ReferenceCheck(jurisdiction, UUID.fromString(award), requirement, null));
        assertThat(answer.references()).containsExactly(new ReferenceResult("awardId", UUID.fromString(award), Status.OK),
                new ReferenceResult("requirementId", requirement, Status.OK));
        assertThat(references.check(new ReferenceCheck(UUID.randomUUID(), UUID.fromString(award), null, null)).references())
                .extracting(ReferenceResult::status).containsExactly(Status.FOREIGN);
    }
}
