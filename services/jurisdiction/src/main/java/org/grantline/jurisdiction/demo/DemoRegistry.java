package org.grantline.jurisdiction.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.jurisdiction.contact.ContactCommand;
import org.grantline.jurisdiction.api.ContactRole;
import org.grantline.jurisdiction.contact.ContactService;
import org.grantline.jurisdiction.facility.FacilityCommand;
import org.grantline.jurisdiction.facility.FacilityKind;
import org.grantline.jurisdiction.facility.FacilityService;
import org.grantline.jurisdiction.importer.ImportReport;
import org.grantline.jurisdiction.importer.JurisdictionImporter;
import org.grantline.jurisdiction.api.DetainerPolicy;
import org.grantline.jurisdiction.api.FacilityAccess;
import org.grantline.jurisdiction.policy.PolicyCommand;
import org.grantline.jurisdiction.policy.PolicyService;
import org.grantline.jurisdiction.api.Section1373Position;
import org.grantline.jurisdiction.registry.Jurisdiction;
import org.grantline.jurisdiction.registry.JurisdictionRepository;
import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.shared.db.ReplicaLocks;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded default's registry, loaded into an empty database: every state and county (the
 * bundled Census-derived CSV), then the places of the 2017 story with their jails, who runs
 * them, plausible policies of the time and demo contacts. Names of people are invented.
 */
@Singleton
@Requires(property = "grantline.demo.registry", value = "true")
public class DemoRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRegistry.class);
    /** The gateway's demo officials are bound to this id (grantline.demo.jurisdiction-id there). */
    public static final UUID BALTIMORE = placeId("2404000");
    private static final Caller SYSTEM = new Caller("system", List.of(Roles.ADMIN), Optional.empty());

    private final JurisdictionRepository jurisdictions;
    private final JurisdictionImporter importer;
    private final FacilityService facilities;
    private final PolicyService policies;
    private final ContactService contacts;
    private final ReplicaLocks locks;

    public DemoRegistry(JurisdictionRepository jurisdictions, JurisdictionImporter importer, FacilityService facilities,
                        PolicyService policies, ContactService contacts, ReplicaLocks locks) {
        this.jurisdictions = jurisdictions;
        this.importer = importer;
        this.facilities = facilities;
        this.policies = policies;
        this.contacts = contacts;
        this.locks = locks;
    }

    record Place(String name, String state, String fips, String parentFips, long population, String zone) {
    }

    record Facility(String name, String operatorFips, FacilityKind kind, int capacity, List<String> bookedBy) {
    }

    record Policy(String fips, String effective, boolean sanctuary, DetainerPolicy detainers, FacilityAccess access,
                  boolean notice, Section1373Position position, String notes) {
    }

    static final List<Place> PLACES = List.of(
            new Place("Baltimore", "MD", "2404000", "24510", 611_648, "America/New_York"),
            new Place("Albuquerque", "NM", "3502000", "35001", 558_545, "America/Denver"),
            new Place("Stockton", "CA", "0675000", "06077", 310_496, "America/Los_Angeles"),
            new Place("San Bernardino", "CA", "0665000", "06071", 216_239, "America/Los_Angeles"),
            new Place("Chicago", "IL", "1714000", "17031", 2_716_450, "America/Chicago"),
            new Place("Philadelphia", "PA", "4260000", "42101", 1_580_863, "America/New_York"),
            new Place("New York City", "NY", "3651000", "36", 8_622_698, "America/New_York"),
            new Place("New Orleans", "LA", "2255000", "22071", 393_292, "America/Chicago"),
            new Place("Milwaukee", "WI", "5553000", "55079", 595_351, "America/Chicago"),
            new Place("Miami Beach", "FL", "1245025", "12086", 91_718, "America/New_York"),
            new Place("Providence", "RI", "4459000", "44007", 180_393, "America/New_York"),
            new Place("Central Falls", "RI", "4414140", "44007", 19_376, "America/New_York"),
            new Place("Lodi", "CA", "0642202", "06077", 66_348, "America/Los_Angeles"),
            new Place("Carlsbad", "CA", "0611194", "06073", 115_330, "America/Los_Angeles"),
            new Place("Evanston", "IL", "1724582", "17031", 74_486, "America/Chicago"),
            // The cities among the 29 jurisdictions DOJ wrote to on 15 November 2017 (the counties and
            // states among them are in the registry already); populations are 2016 estimates, rounded.
            new Place("Albany", "NY", "3601000", "36001", 98_000, "America/New_York"),
            new Place("Berkeley", "CA", "0606000", "06001", 121_000, "America/Los_Angeles"),
            new Place("Burlington", "VT", "5010675", "50007", 42_000, "America/New_York"),
            new Place("Fremont", "CA", "0626000", "06001", 232_000, "America/Los_Angeles"),
            new Place("Jackson", "MS", "2836000", "28049", 169_000, "America/Chicago"),
            new Place("Lawrence", "MA", "2534550", "25009", 80_000, "America/New_York"),
            new Place("Los Angeles", "CA", "0644000", "06037", 3_976_000, "America/Los_Angeles"),
            new Place("Newark", "NJ", "3451000", "34013", 282_000, "America/New_York"),
            new Place("Santa Ana", "CA", "0669000", "06059", 334_000, "America/Los_Angeles"),
            new Place("Seattle", "WA", "5363000", "53033", 704_000, "America/Los_Angeles"),
            new Place("Watsonville", "CA", "0683668", "06087", 54_000, "America/Los_Angeles"),
            new Place("West Palm Beach", "FL", "1276600", "12099", 108_000, "America/New_York"));

    static final Map<String, Long> COUNTY_POPULATION = Map.of(
            "17031", 5_211_263L, "12086", 2_751_796L, "48453", 1_226_698L, "32003", 2_204_079L,
            "35001", 677_692L, "06077", 742_603L, "06071", 2_157_404L, "22071", 393_292L,
            "55079", 952_085L, "24510", 611_648L);

    static final List<Facility> FACILITIES = List.of(
            new Facility("Baltimore Central Booking and Intake Center", "24", FacilityKind.JAIL, 1_100, List.of("2404000", "24510")),
            new Facility("Metropolitan Detention Center", "35001", FacilityKind.JAIL, 2_236, List.of("3502000", "35001")),
            new Facility("San Joaquin County Jail", "06077", FacilityKind.JAIL, 1_400, List.of("0675000", "0642202", "06077")),
            new Facility("West Valley Detention Center", "06071", FacilityKind.JAIL, 3_347, List.of("0665000", "06071")),
            new Facility("Cook County Jail", "17031", FacilityKind.JAIL, 10_000, List.of("1714000", "17031")),
            new Facility("Curran-Fromhold Correctional Facility", "4260000", FacilityKind.JAIL, 2_900, List.of("4260000")),
            new Facility("Rikers Island", "3651000", FacilityKind.JAIL, 10_000, List.of("3651000")),
            new Facility("Orleans Justice Center", "22071", FacilityKind.JAIL, 1_438, List.of("2255000", "22071")),
            new Facility("Milwaukee County Jail", "55079", FacilityKind.JAIL, 960, List.of("5553000", "55079")),
            new Facility("Turner Guilford Knight Correctional Center", "12086", FacilityKind.JAIL, 1_200, List.of("1245025", "12086")),
            new Facility("Travis County Correctional Complex", "48453", FacilityKind.JAIL, 2_900, List.of("48453")),
            new Facility("Clark County Detention Center", "32003", FacilityKind.JAIL, 4_000, List.of("32003")),
            new Facility("Adult Correctional Institutions", "44", FacilityKind.PRISON, 3_800, List.of("4459000", "4414140")),
            new Facility("Vista Detention Facility", "06073", FacilityKind.JAIL, 900, List.of("0611194")));

    static final List<Policy> POLICIES = List.of(
            new Policy("2404000", "2017-01-01", false, DetainerPolicy.NO_POLICY, FacilityAccess.PARTIAL, false,
                    Section1373Position.UNKNOWN, "The city's arrestees are held at a state-run booking center."),
            new Policy("3502000", "2017-01-01", false, DetainerPolicy.NO_POLICY, FacilityAccess.PARTIAL, false,
                    Section1373Position.UNKNOWN, "Immigrant-friendly resolution; the county runs the jail."),
            new Policy("0675000", "2017-01-01", false, DetainerPolicy.NO_POLICY, FacilityAccess.PARTIAL, false,
                    Section1373Position.UNKNOWN, null),
            new Policy("0665000", "2017-01-01", false, DetainerPolicy.NO_POLICY, FacilityAccess.YES, true,
                    Section1373Position.UNKNOWN, "The county sheriff runs the jail."),
            new Policy("1714000", "2012-09-12", true, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.NO, false,
                    Section1373Position.DISPUTED, "Welcoming City Ordinance."),
            new Policy("17031", "2011-09-07", true, DetainerPolicy.HONOURS_NONE, FacilityAccess.NO, false,
                    Section1373Position.DISPUTED, "County ordinance on detainers."),
            new Policy("4260000", "2016-01-04", true, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.PARTIAL, false,
                    Section1373Position.DISPUTED, null),
            new Policy("3651000", "2014-11-14", true, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.NO, false,
                    Section1373Position.DISPUTED, "Local laws limiting detainer compliance."),
            new Policy("2255000", "2016-02-28", false, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.NO, false,
                    Section1373Position.DISPUTED, null),
            new Policy("5553000", "2017-01-01", false, DetainerPolicy.NO_POLICY, FacilityAccess.YES, true,
                    Section1373Position.UNKNOWN, null),
            new Policy("12086", "2013-12-03", false, DetainerPolicy.HONOURS_NONE, FacilityAccess.PARTIAL, false,
                    Section1373Position.UNKNOWN, "Detainers honoured only if the federal government pays."),
            new Policy("12086", "2017-01-26", false, DetainerPolicy.HONOURS_ALL, FacilityAccess.YES, true,
                    Section1373Position.CERTIFIED_COMPLIANT, "Mayor's order to honour all detainers."),
            new Policy("48453", "2017-02-01", false, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.PARTIAL, false,
                    Section1373Position.DISPUTED, "Sheriff's policy; the state withheld $1.5M."),
            new Policy("32003", "2014-07-14", false, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.PARTIAL, true,
                    Section1373Position.UNKNOWN, null),
            new Policy("06", "2014-01-01", false, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.PARTIAL, false,
                    Section1373Position.UNKNOWN, "TRUST Act."),
            new Policy("06", "2018-01-01", true, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.PARTIAL, false,
                    Section1373Position.DISPUTED, "California Values Act (SB 54)."),
            new Policy("4459000", "2017-01-01", false, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.PARTIAL, false,
                    Section1373Position.CERTIFIED_COMPLIANT, null),
            new Policy("4414140", "2017-01-01", false, DetainerPolicy.JUDICIAL_WARRANT_ONLY, FacilityAccess.PARTIAL, false,
                    Section1373Position.CERTIFIED_COMPLIANT, null));

    /**
     * The demo places have fixed ids, so the other services' demo data (the grants service's awards)
     * can name them: {@code 7a0c5d3e-0000-4000-8000-} and the place's FIPS code times ten, in 12 digits.
     */
    public static UUID placeId(String fips) {
        return UUID.fromString("7a0c5d3e-0000-4000-8000-" + String.format("%012d", Long.parseLong(fips) * 10));
    }

    @EventListener
    @Transactional
    void onStartup(StartupEvent event) {
        // Replicas starting together on one database: the first loads, the others then find it loaded.
        locks.lockForTransaction("jurisdiction.demo-registry");
        if (jurisdictions.count() > 0) {
            return;
        }
        try (Reader csv = new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream("/data/us-states-counties.csv")), StandardCharsets.UTF_8)) {
            ImportReport report = importer.importCsv(csv);
            LOG.info("Loaded {} states and counties ({} rejected)", report.created(), report.rejected().size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (Place place : PLACES) {
            Jurisdiction parent = jurisdictions.findByFips(place.parentFips()).orElseThrow();
            jurisdictions.save(new Jurisdiction(placeId(place.fips()), place.name(),
                    JurisdictionType.CITY, place.state(), place.fips(), place.zone(), parent.id(), place.population(),
                    now, now, null));
        }
        COUNTY_POPULATION.forEach((fips, population) -> jurisdictions.findByFips(fips).ifPresent(c ->
                jurisdictions.update(new Jurisdiction(c.id(), c.name(), c.type(), c.state(), c.fips(), c.timeZone(),
                        c.parentId(), population, c.createdAt(), now, c.version()))));
        for (Facility facility : FACILITIES) {
            UUID operator = jurisdictions.findByFips(facility.operatorFips()).orElseThrow().id();
            var created = facilities.create(new FacilityCommand(facility.name(), operator, facility.kind(), facility.capacity(), null));
            for (String fips : facility.bookedBy()) {
                facilities.book(jurisdictions.findByFips(fips).orElseThrow().id(), created.id());
            }
        }
        for (Policy policy : POLICIES) {
            UUID id = jurisdictions.findByFips(policy.fips()).orElseThrow().id();
            policies.record(id, new PolicyCommand(LocalDate.parse(policy.effective()), policy.sanctuary(), policy.detainers(),
                    policy.access(), policy.notice(), policy.position(), List.of(), policy.notes()), SYSTEM);
        }
        contacts.add(BALTIMORE, new ContactCommand("Jordan Reyes (demo)", ContactRole.CHIEF_LEGAL_OFFICER,
                "City Solicitor", "solicitor@baltimore.example", "+1 410 555 0101", null), SYSTEM);
        contacts.add(BALTIMORE, new ContactCommand("Morgan Blake (demo)", ContactRole.GRANT_MANAGER,
                "Grants Manager, Mayor's Office of Criminal Justice", "grants@baltimore.example", "+1 410 555 0102", null), SYSTEM);
        contacts.add(BALTIMORE, new ContactCommand("Riley Chen (demo)", ContactRole.POLICE_CHIEF,
                "Police Commissioner", "commissioner@baltimore.example", null, null), SYSTEM);
        LOG.info("Loaded the demo places, {} facilities and {} policies", FACILITIES.size(), POLICIES.size());
    }
}
