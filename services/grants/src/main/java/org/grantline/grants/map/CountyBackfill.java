package org.grantline.grants.map;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.grants.jurisdiction.Jurisdictions;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.shared.db.ReplicaLocks;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.security.ServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A jurisdiction's county is recorded when an award is made to it; jurisdictions whose awards came
 * before that (V18) or whose registry entry could not be read then count in their state but in no
 * county. This job asks the registry (as this service, one replica at a time) for each jurisdiction
 * with an award and no county recorded, and records the county, so the map shows them where they
 * lie. One that lies in no county (a state, a place outside any) is not asked again by this replica;
 * a registry that is down ends the pass, and the next pass tries again.
 */
@Singleton
@Requires(property = "grantline.county-backfill.enabled", notEquals = "false")
public class CountyBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(CountyBackfill.class);
    /** Jurisdictions asked about per pass. */
    static final int PER_PASS = 500;

    private final JdbcOperations jdbc;
    private final Jurisdictions jurisdictions;
    private final JurisdictionCounties counties;
    private final BeanProvider<ServiceTokens> tokens;
    private final ReplicaLocks locks;
    private final TransactionOperations<Connection> transactions;
    private final Set<UUID> inNoCounty = ConcurrentHashMap.newKeySet();

    CountyBackfill(JdbcOperations jdbc, Jurisdictions jurisdictions, JurisdictionCounties counties,
                   BeanProvider<ServiceTokens> tokens, ReplicaLocks locks, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.counties = counties;
        this.tokens = tokens;
        this.locks = locks;
        this.transactions = transactions;
    }

    /** What one pass did: counties recorded, jurisdictions found in none, and whether the registry could be read. */
    public record Pass(int recorded, int inNoCounty, boolean complete) {
    }

    @Scheduled(fixedDelay = "${grantline.county-backfill.interval:10m}", initialDelay = "${grantline.county-backfill.initial-delay:45s}")
    void onSchedule() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("County backfill: this pass stopped, the next one tries again ({})", e.toString());
        }
    }

    public Pass run() {
        Pass[] pass = {new Pass(0, 0, true)};
        locks.runIfFree("grants.county-backfill", () -> pass[0] = backfill());
        if (pass[0].recorded() > 0) {
            LOG.info("County backfill: {} counties recorded, {} jurisdictions in none", pass[0].recorded(), pass[0].inNoCounty());
        }
        return pass[0];
    }

    private Pass backfill() {
        List<UUID> missing = missing();
        if (missing.isEmpty()) {
            return new Pass(0, 0, true);
        }
        Optional<ServiceTokens> service = tokens.find(null);
        if (service.isEmpty()) {
            LOG.warn("County backfill: no client secret (GRANTLINE_CLIENT_SECRET), the registry cannot be asked");
            return new Pass(0, 0, false);
        }
        int recorded = 0;
        int none = 0;
        for (UUID id : missing) {
            Optional<String> county;
            try {
                JurisdictionView ref = jurisdictions.require(id, "jurisdictionId");
                county = jurisdictions.countyOf(ref);
            } catch (ProblemException e) {
                if (e.status() == HttpStatus.BAD_REQUEST) {   // no longer in the registry
                    inNoCounty.add(id);
                    none++;
                    continue;
                }
                LOG.warn("County backfill: the registry cannot be read ({}); {} recorded so far", e.detail(), recorded);
                return new Pass(recorded, none, false);
            }
            if (county.isEmpty()) {
                inNoCounty.add(id);
                none++;
                continue;
            }
            transactions.executeWrite(status -> {
                counties.record(id, county.get(), Instant.now());
                return null;
            });
            recorded++;
        }
        return new Pass(recorded, none, true);
    }

    /**
     * Jurisdictions with an award and no county recorded, leaving out those this replica found in none.
     * (A write transaction: a read-only one here, on the replica lock's connection, left that connection
     * read-only for the writes after it.)
     */
    private List<UUID> missing() {
        return transactions.executeWrite(status -> jdbc.prepareStatement("""
                SELECT DISTINCT a.jurisdiction_id FROM award a
                WHERE NOT EXISTS (SELECT 1 FROM jurisdiction_county c WHERE c.jurisdiction_id = a.jurisdiction_id)
                  AND a.jurisdiction_id <> ALL (?)
                LIMIT ?""", (PreparedStatement ps) -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", inNoCounty.toArray()));
            ps.setInt(2, PER_PASS);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }));
    }
}
