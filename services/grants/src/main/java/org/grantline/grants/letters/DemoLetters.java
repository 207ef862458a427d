package org.grantline.grants.letters;

import org.grantline.grants.api.SignerRole;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.grants.letters.LetterMessages.LetterCommand;
import org.grantline.grants.letters.LetterMessages.QuestionCommand;
import org.grantline.grants.letters.LetterMessages.RecipientFilter;
import org.grantline.shared.db.ReplicaLocks;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The real 2017 demand letters on the embedded default, through the same service as the API: the
 * 21 April letter to nine jurisdictions (1373 documentation by 30 June), the 3 August letter to the
 * four PSP cities (jail access and 48-hour notice by 18 August), the 12 October preliminary findings
 * to five (by 27 October), the 15 November letter to 29 jurisdictions (by 8 December) and the 24 January
 * 2018 demand for documents to 23, by 23 February, on pain of a subpoena. Recipients
 * are looked up in the registry by name, state and type; each letter is looked for (subject and
 * deadline) before it is sent, so restarts and replicas send it once. Wording is our own summary.
 */
@Singleton
@Requires(property = "grantline.demo.grants", value = "true")
@Requires(beans = ServiceTokens.class)
public class DemoLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DemoLetters.class);
    private static final Caller SYSTEM = new Caller("system", List.of(Roles.ADMIN), Optional.empty());

    record To(String name, String state, String type) {
    }

    record Letter(String subject, String body, List<QuestionCommand> questions, LocalDate deadline, List<To> recipients) {
    }

    static To city(String name, String state) {
        return new To(name, state, "CITY");
    }

    static To county(String name, String state) {
        return new To(name, state, "COUNTY");
    }

    static To state(String name, String state) {
        return new To(name, state, "STATE");
    }

    static final QuestionCommand DOCUMENTS = new QuestionCommand(
            "Provide the laws, policies and practices that govern your officers' communication with federal immigration authorities.",
            SignerRole.JURISDICTION_OFFICIAL);
    static final QuestionCommand OPINION = new QuestionCommand(
            "Provide an opinion of legal counsel, signed by your chief legal officer, that the jurisdiction complies with 8 U.S.C. 1373.",
            SignerRole.LEGAL_OFFICER);
    static final QuestionCommand ACCESS = new QuestionCommand(
            "Will federal immigration agents have access to the detention facilities your police book into, to meet individuals believed to be aliens? Say who operates each facility.",
            SignerRole.JURISDICTION_OFFICIAL);
    static final QuestionCommand NOTICE = new QuestionCommand(
            "Will the jurisdiction give DHS 48 hours' notice before releasing an inmate about whom DHS has asked?",
            SignerRole.JURISDICTION_OFFICIAL);
    static final QuestionCommand RECONSIDER = new QuestionCommand(
            "State whether the jurisdiction has changed, or will change, the laws or policies named in DOJ's preliminary assessment, and certify the answer.",
            SignerRole.LEGAL_OFFICER);

    static final QuestionCommand SUBPOENA = new QuestionCommand(
            "Produce every document (orders, policies, communications) that directs or restricts your officers' sharing of information "
                    + "with federal immigration authorities, including the jail's.",
            SignerRole.JURISDICTION_OFFICIAL);

    static final List<Letter> LETTERS = List.of(
            new Letter("FY2016 grant condition: documentation of compliance with 8 U.S.C. 1373",
                    "As a condition of FY2016 funding, your jurisdiction agreed to document its compliance with 8 U.S.C. 1373 "
                            + "and to provide a legal opinion validating it. Submit both to the Office of Justice Programs by 30 June 2017.",
                    List.of(DOCUMENTS, OPINION), LocalDate.of(2017, 6, 30),
                    List.of(state("California", "CA"), city("Chicago", "IL"), county("Cook County", "IL"), city("New Orleans", "LA"),
                            city("New York City", "NY"), city("Philadelphia", "PA"), county("Miami-Dade County", "FL"),
                            city("Milwaukee", "WI"), county("Clark County", "NV"))),
            new Letter("Public Safety Partnership: jail access and 48-hour notice",
                    "Your city will not be eligible for the Public Safety Partnership unless it answers by 18 August 2017 whether "
                            + "federal immigration agents have access to its detention facilities and whether it gives 48 hours' notice before release.",
                    List.of(ACCESS, NOTICE), LocalDate.of(2017, 8, 18),
                    List.of(city("Albuquerque", "NM"), city("Baltimore", "MD"), city("San Bernardino", "CA"), city("Stockton", "CA"))),
            new Letter("Preliminary assessment of your compliance with 8 U.S.C. 1373",
                    "DOJ has preliminarily found that laws, policies or practices of your jurisdiction may violate 8 U.S.C. 1373. "
                            + "Respond by 27 October 2017 with any additional evidence.",
                    List.of(DOCUMENTS, RECONSIDER), LocalDate.of(2017, 10, 27),
                    List.of(city("Chicago", "IL"), county("Cook County", "IL"), city("New Orleans", "LA"), city("New York City", "NY"),
                            city("Philadelphia", "PA"))),
            new Letter("Your jurisdiction's compliance with 8 U.S.C. 1373 (29 jurisdictions)",
                    "DOJ's preliminary review found that your jurisdiction may have laws, policies or practices that violate "
                            + "8 U.S.C. 1373. As a condition of FY2016 funding it agreed to comply. Respond by 8 December 2017.",
                    List.of(DOCUMENTS, RECONSIDER), LocalDate.of(2017, 12, 8),
                    List.of(city("Albany", "NY"), city("Berkeley", "CA"), county("Bernalillo County", "NM"), city("Burlington", "VT"),
                            county("Contra Costa County", "CA"), county("Denver County", "CO"), city("Fremont", "CA"),
                            city("Jackson", "MS"), county("King County", "WA"), city("Lawrence", "MA"), city("Los Angeles", "CA"),
                            county("Jefferson County", "KY"), county("Middlesex County", "NJ"), county("Monterey County", "CA"),
                            county("Multnomah County", "OR"), city("Newark", "NJ"), county("Riverside County", "CA"),
                            county("Sacramento County", "CA"), county("San Francisco County", "CA"), city("Santa Ana", "CA"),
                            county("Santa Clara County", "CA"), city("Seattle", "WA"), county("Sonoma County", "CA"),
                            state("District of Columbia", "DC"), city("Watsonville", "CA"), city("West Palm Beach", "FL"),
                            state("Illinois", "IL"), state("Oregon", "OR"), state("Vermont", "VT"))),
            // Recipients as news coverage listed them that day (Patch, 24 January 2018); the first twenty are named
            // there in full, the last three as the 15 November letter's that DOJ kept pursuing.
            new Letter("Demand for documents under 8 U.S.C. 1373, or a subpoena (23 jurisdictions)",
                    "DOJ has previously asked your jurisdiction about its compliance with 8 U.S.C. 1373. Produce, by 23 February 2018, "
                            + "the documents that show whether your officers are kept from sharing information with federal immigration "
                            + "authorities. A response that is late or incomplete will be met with a subpoena.",
                    List.of(SUBPOENA, RECONSIDER), LocalDate.of(2018, 2, 23),
                    List.of(city("Chicago", "IL"), county("Cook County", "IL"), city("New York City", "NY"), state("California", "CA"),
                            city("Albany", "NY"), city("Berkeley", "CA"), county("Bernalillo County", "NM"), city("Burlington", "VT"),
                            county("Denver County", "CO"), city("Fremont", "CA"), city("Jackson", "MS"), county("King County", "WA"),
                            city("Lawrence", "MA"), city("Los Angeles", "CA"), county("Jefferson County", "KY"),
                            county("Monterey County", "CA"), county("Sacramento County", "CA"), county("San Francisco County", "CA"),
                            county("Sonoma County", "CA"), city("Watsonville", "CA"), city("West Palm Beach", "FL"),
                            state("Illinois", "IL"), state("Oregon", "OR"))));

    private final LetterService letters;
    private final DemandLetterRepository rows;
    private final Jurisdictions registry;
    private final ServiceTokens tokens;
    private final ReplicaLocks locks;
    private volatile boolean done;

    public DemoLetters(LetterService letters, DemandLetterRepository rows, Jurisdictions registry,
                       ServiceTokens tokens, ReplicaLocks locks) {
        this.letters = letters;
        this.rows = rows;
        this.registry = registry;
        this.tokens = tokens;
        this.locks = locks;
    }

    @Scheduled(initialDelay = "5s", fixedDelay = "10s")
    void seedWhenReady() {
        if (done) {
            return;
        }
        try {
            if (locks.runIfFree("grants.demo.letters", this::seed)) {
                done = true;
            }
        } catch (HttpClientException | UncheckedIOException e) {
            // not reachable yet, or no gateway gave this service its token yet: the next run tries again
            LOG.info("Demo letters wait for the gateway and the jurisdiction service ({})", e.getMessage());
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                LOG.info("Demo letters wait for the jurisdiction service");
            } else {
                LOG.warn("Demo letters left out: {}", e.detail());
                done = true;
            }
        }
    }

    void seed() {
        // Fails fast while no gateway has given this service its token yet (the next run tries again).
        tokens.token();
        int sent = 0;
        for (Letter letter : LETTERS) {
            if (rows.existsBySubjectAndDeadlineDate(letter.subject(), letter.deadline())) {
                continue;
            }
            List<UUID> ids = new ArrayList<>();
            for (To to : letter.recipients()) {
                UUID id = find(to);
                if (id == null) {
                    LOG.warn("Demo letter \"{}\": {} ({}) is not in the registry; left out", letter.subject(), to.name(), to.state());
                } else {
                    ids.add(id);
                }
            }
            letters.send(new LetterCommand(letter.subject(), letter.body(), letter.questions(), null, letter.deadline(), null,
                    new RecipientFilter(null, null, ids, null, null, null, null, null)), SYSTEM, true);
            sent++;
        }
        LOG.info("Demo letters ready ({} sent now)", sent);
    }

    @Nullable
    private UUID find(To to) {
        JurisdictionPage page = registry.search(new JurisdictionSearch(to.state(), JurisdictionType.valueOf(to.type()), to.name(),
                null, null, null, null, null, null, null, null, null, 20));
        return page.items().stream().filter(r -> r.name().equalsIgnoreCase(to.name())).map(JurisdictionView::id).findFirst().orElse(null);
    }
}
