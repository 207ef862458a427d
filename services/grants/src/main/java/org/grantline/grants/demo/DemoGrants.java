package org.grantline.grants.demo;

import org.grantline.grants.api.SignerRole;
import org.grantline.grants.api.ConditionView;
import org.grantline.grants.api.AwardView;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.grantline.grants.award.AwardMessages.AwardCreateCommand;
import org.grantline.grants.award.AwardRepository;
import org.grantline.grants.award.AwardService;
import org.grantline.grants.certification.ExtensionCommand;
import org.grantline.grants.certification.RequirementService;
import org.grantline.grants.certification.RequirementView;
import org.grantline.grants.condition.ConditionCommand;
import org.grantline.grants.condition.ConditionService;
import org.grantline.grants.court.CourtOrder.OrderScope;
import org.grantline.grants.court.CourtOrderMessages.CourtOrderCommand;
import org.grantline.grants.court.CourtOrderService;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.shared.db.ReplicaLocks;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;
import org.grantline.shared.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Demo awards on the embedded default: the FY2017 story (Byrne JAG awards with the three conditions,
 * the four PSP cities answering by 18 Aug 2017, the Chicago, Philadelphia, California and Evanston
 * orders, the acceptance deadline extended to 5 Oct 2018) and this fiscal year's awards whose
 * certifications fall due in the coming weeks, so a demo shows live deadlines — one of Baltimore's
 * today or tomorrow, so that a reminder email and inbox notice go out within a minute of start.
 * <p>
 * Awards go through the same service as the API, so their jurisdictions are checked with the
 * jurisdiction service over HTTP; until it (and the gateway that issues this service's token) is up,
 * the seeder waits and tries again. It skips what exists, so restarts change nothing.
 * Real figures come from the domain notes; award numbers other than Miami Beach's, award dates and
 * the current-year amounts are illustrative.
 */
@Singleton
@Requires(property = "grantline.demo.grants", value = "true")
@Requires(beans = ServiceTokens.class)
public class DemoGrants {
    private static final Logger LOG = LoggerFactory.getLogger(DemoGrants.class);
    private static final Caller SYSTEM = new Caller("system", List.of(Roles.ADMIN), Optional.empty());

    static final UUID BYRNE_JAG = UUID.fromString("0f7e1c2a-0000-4000-8000-00000000a001");
    static final UUID PSP = UUID.fromString("0f7e1c2a-0000-4000-8000-00000000a002");
    static final UUID C1373 = UUID.fromString("0f7e1c2a-0000-4000-8000-00000000c001");
    static final UUID ACCESS = UUID.fromString("0f7e1c2a-0000-4000-8000-00000000c002");
    static final UUID NOTICE = UUID.fromString("0f7e1c2a-0000-4000-8000-00000000c003");
    static final LocalDate JAG_2017_AWARD_DATE = LocalDate.of(2017, 9, 26);
    static final LocalDate EVANSTON_EXTENSION = LocalDate.of(2018, 10, 5);

    /** The jurisdiction service's demo places (fixed ids: its FIPS code times ten). */
    static UUID place(String fips) {
        return UUID.fromString("7a0c5d3e-0000-4000-8000-" + String.format("%012d", Long.parseLong(fips) * 10));
    }

    static final UUID BALTIMORE = place("2404000");
    static final UUID ALBUQUERQUE = place("3502000");
    static final UUID STOCKTON = place("0675000");
    static final UUID SAN_BERNARDINO = place("0665000");
    static final UUID CHICAGO = place("1714000");
    static final UUID PHILADELPHIA = place("4260000");
    static final UUID MIAMI_BEACH = place("1245025");
    static final UUID PROVIDENCE = place("4459000");
    static final UUID CENTRAL_FALLS = place("4414140");
    static final UUID LODI = place("0642202");
    static final UUID CARLSBAD = place("0611194");
    static final UUID EVANSTON = place("1724582");

    record Jag2017(UUID jurisdiction, String number, String amount) {
    }

    static final List<Jag2017> JAG_2017 = List.of(
            new Jag2017(MIAMI_BEACH, "2017-DJ-BX-0775", "68114.00"),
            new Jag2017(PROVIDENCE, "2017-DJ-BX-0901", "212112.00"),
            new Jag2017(CENTRAL_FALLS, "2017-DJ-BX-0902", "28677.00"),
            new Jag2017(LODI, "2017-DJ-BX-0903", "24383.00"),
            new Jag2017(CARLSBAD, "2017-DJ-BX-0904", "15258.00"),
            new Jag2017(CHICAGO, "2017-DJ-BX-0905", "2300000.00"),
            new Jag2017(PHILADELPHIA, "2017-DJ-BX-0906", "1600000.00"));

    record Current(UUID jurisdiction, String suffix, String amount, int dueInDays) {
    }

    static final List<Current> CURRENT = List.of(
            new Current(STOCKTON, "0103", "141780.00", 2),
            new Current(BALTIMORE, "0101", "318465.00", 5),
            new Current(ALBUQUERQUE, "0102", "229310.00", 12),
            new Current(PROVIDENCE, "0105", "212112.00", 26),
            new Current(MIAMI_BEACH, "0106", "68114.00", 40),
            new Current(SAN_BERNARDINO, "0104", "104556.00", -3));

    /** Baltimore's second current award, whose certification has a reminder due on the day the demo starts. */
    static final String REMINDED_TODAY_SUFFIX = "0107";

    /**
     * A 17:00 local deadline for which a reminder (default schedule: 30, 14, 7, 3, 1 days before and
     * on the day, at 09:00 local; reminders from the last 36 hours are caught up) is due now, whatever
     * the hour: before 16:00 it is today's (the day-of reminder at 09:00, or before 09:00 yesterday's
     * 1-day reminder), from 16:00 on tomorrow's (its 1-day reminder was due at 09:00 today), so the
     * reminder is sent before the deadline passes.
     */
    static LocalDate remindedToday(ZonedDateTime localNow) {
        return localNow.getHour() < 16 ? localNow.toLocalDate() : localNow.toLocalDate().plusDays(1);
    }

    private final AwardService awards;
    private final AwardRepository awardRows;
    private final RequirementService requirements;
    private final ConditionService conditions;
    private final CourtOrderService courtOrders;
    private final Jurisdictions jurisdictions;
    private final ServiceTokens tokens;
    private final ReplicaLocks locks;
    private volatile boolean done;

    public DemoGrants(AwardService awards, AwardRepository awardRows, RequirementService requirements,
                      ConditionService conditions, CourtOrderService courtOrders, Jurisdictions jurisdictions,
                      ServiceTokens tokens, ReplicaLocks locks) {
        this.awards = awards;
        this.awardRows = awardRows;
        this.requirements = requirements;
        this.conditions = conditions;
        this.courtOrders = courtOrders;
        this.jurisdictions = jurisdictions;
        this.tokens = tokens;
        this.locks = locks;
    }

    @Scheduled(initialDelay = "3s", fixedDelay = "10s")
    void seedWhenReady() {
        if (done) {
            return;
        }
        try {
            // Replicas on one database seed one at a time (each award, order and condition is looked
            // for before it is made); a replica that finds the lock taken tries again at its next run.
            if (locks.runIfFree("grants.demo", this::seed)) {
                done = true;
            }
        } catch (HttpClientException | UncheckedIOException e) {
            // not reachable yet, or no gateway gave this service its token yet: the next run tries again
            LOG.info("Demo awards wait for the gateway and the jurisdiction service ({})", e.getMessage());
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                LOG.info("Demo awards wait for the jurisdiction service");
            } else {
                LOG.warn("Demo awards left out: {} (is the jurisdiction service's demo registry off?)", e.detail());
                done = true;
            }
        }
    }

    void seed() {
        // Fails fast while no gateway has given this service its token yet (the next run tries again).
        tokens.token();
        int created = 0;
        for (Jag2017 jag : JAG_2017) {
            created += award(new AwardCreateCommand(jag.jurisdiction(), BYRNE_JAG, 2017, jag.number(), new BigDecimal(jag.amount()),
                    JAG_2017_AWARD_DATE, null, null, null), true) ? 1 : 0;
        }
        jurisdictions.findState("CA").ifPresent(california -> {
            if (award(new AwardCreateCommand(california, BYRNE_JAG, 2017, "2017-MU-BX-0001", new BigDecimal("28300000.00"),
                    JAG_2017_AWARD_DATE, null, null, null), true)) {
                UUID awardId = awardRows.findByAwardNumber("2017-MU-BX-0001").orElseThrow().id();
                requirements.forAward(awardId, SYSTEM).forEach(r -> requirements.waive(r.id(),
                        "DOJ will not enforce the conditions in California (California ex rel. Becerra v. Sessions)", SYSTEM));
            }
        });
        List<UUID> pspCities = List.of(ALBUQUERQUE, BALTIMORE, SAN_BERNARDINO, STOCKTON);
        for (int i = 0; i < pspCities.size(); i++) {
            created += award(new AwardCreateCommand(pspCities.get(i), PSP, 2017, "2017-PS-BX-000" + (i + 1), BigDecimal.ZERO,
                    LocalDate.of(2017, 8, 3), null, LocalDate.of(2017, 8, 18), null), false) ? 1 : 0;
        }
        orders();
        int fiscalYear = LocalDate.now(ZoneOffset.UTC).plusMonths(3).getYear();
        UUID current1373 = currentCondition(fiscalYear);
        for (Current c : CURRENT) {
            String zone = jurisdictions.require(c.jurisdiction(), "jurisdictionId").timeZone();
            LocalDate today = LocalDate.now(ZoneId.of(zone));
            created += award(new AwardCreateCommand(c.jurisdiction(), BYRNE_JAG, fiscalYear, fiscalYear + "-DJ-BX-" + c.suffix(),
                    new BigDecimal(c.amount()), today.minusDays(20), List.of(current1373), today.plusDays(c.dueInDays()),
                    LocalTime.of(17, 0)), false) ? 1 : 0;
        }
        ZonedDateTime baltimoreNow = ZonedDateTime.now(ZoneId.of(jurisdictions.require(BALTIMORE, "jurisdictionId").timeZone()));
        created += award(new AwardCreateCommand(BALTIMORE, BYRNE_JAG, fiscalYear, fiscalYear + "-DJ-BX-" + REMINDED_TODAY_SUFFIX,
                new BigDecimal("45000.00"), baltimoreNow.toLocalDate().minusDays(20), List.of(current1373),
                remindedToday(baltimoreNow), LocalTime.of(17, 0)), false) ? 1 : 0;
        LOG.info("Demo awards ready ({} created now)", created);
    }

    /** Creates the award unless its number exists; FY2017 JAG awards get the Evanston-era extension. */
    private boolean award(AwardCreateCommand command, boolean extendTo2018) {
        if (awardRows.findByAwardNumber(command.awardNumber()).isPresent()) {
            return false;
        }
        AwardView award = awards.create(command);
        if (extendTo2018) {
            String reason = "DOJ extended the FY2017 acceptance deadline after City of Evanston v. Sessions";
            awards.extendAcceptance(award.id(), EVANSTON_EXTENSION, reason);
            for (RequirementView r : requirements.forAward(award.id(), SYSTEM)) {
                requirements.extend(r.id(), new ExtensionCommand(EVANSTON_EXTENSION, null, reason), SYSTEM);
            }
        }
        return true;
    }

    private void orders() {
        List<String> existing = courtOrders.list().stream().map(o -> o.caseNumber()).toList();
        List<CourtOrderCommand> all = List.of(
                new CourtOrderCommand("City of Chicago v. Sessions", "1:17-cv-05720", "U.S. District Court, N.D. Ill.",
                        LocalDate.of(2017, 9, 15), OrderScope.NATIONWIDE, null, null, null, List.of(ACCESS, NOTICE),
                        LocalDate.of(2017, 9, 15), null),
                new CourtOrderCommand("City of Philadelphia v. Sessions", "2:17-cv-03894", "U.S. District Court, E.D. Pa.",
                        LocalDate.of(2017, 11, 15), OrderScope.JURISDICTIONS, null, null, List.of(PHILADELPHIA),
                        List.of(C1373, ACCESS, NOTICE), LocalDate.of(2017, 11, 15), null),
                new CourtOrderCommand("State of California ex rel. Becerra v. Sessions", "3:17-cv-04701", "U.S. District Court, N.D. Cal.",
                        LocalDate.of(2018, 10, 5), OrderScope.STATE, "CA", null, null, List.of(C1373, ACCESS, NOTICE),
                        LocalDate.of(2018, 10, 5), null),
                new CourtOrderCommand("City of Evanston and U.S. Conference of Mayors v. Sessions", "1:18-cv-04853",
                        "U.S. District Court, N.D. Ill.", LocalDate.of(2018, 8, 9), OrderScope.MEMBERS, null,
                        "U.S. Conference of Mayors", List.of(EVANSTON, PROVIDENCE, LODI, CARLSBAD),
                        List.of(C1373, ACCESS, NOTICE), LocalDate.of(2018, 8, 9), null));
        all.stream().filter(o -> !existing.contains(o.caseNumber())).forEach(o -> courtOrders.create(o));
    }

    /** This fiscal year's 1373 condition, copied from FY2017's text the first time. */
    private UUID currentCondition(int fiscalYear) {
        return conditions.list(BYRNE_JAG, fiscalYear).stream().filter(c -> c.code().equals("1373")).map(ConditionView::id)
                .findFirst().orElseGet(() -> {
                    ConditionView fy2017 = conditions.get(BYRNE_JAG, C1373);
                    return conditions.add(BYRNE_JAG, new ConditionCommand(fiscalYear, "1373", fy2017.title(), fy2017.fullText(),
                            true, SignerRole.LEGAL_OFFICER)).id();
                });
    }
}
