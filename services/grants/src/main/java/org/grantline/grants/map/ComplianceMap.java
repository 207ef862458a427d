package org.grantline.grants.map;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The compliance picture by state and by county, computed by one aggregate query: each requirement's
 * status (enjoined by a court order in force on today's date in its zone; overdue or rejected: funds
 * at risk; open; submitted; certified or waived), each award's worst, and per state and county the
 * worst status, the counts, and the amounts of the awards at risk (each award counted once, the same
 * rule as the funds-at-risk report).
 *
 * <p>The picture is kept after it is computed and answered again while nothing it rests on has
 * changed: each call first reads a fingerprint (row count and the sum of row versions, {@code xmin},
 * of every table the query reads: any insert, update or delete, committed in any order on any
 * replica, changes it) in the same snapshot, and the kept picture also lapses when the next open
 * deadline passes or a day begins in a zone of the requirements (court orders are in force by local
 * date). Measured with every state and county and 3 requirements each (bench/run map): the query
 * took 258 ms at p99; the fingerprint is one pass over the same rows without the joins.
 */
@Singleton
public class ComplianceMap {

    /** Worst first: what the map colours a state or county with. */
    static final String[] STATUS = {"none", "ok", "submitted", "open", "risk"};

    private static final String QUERY = """
            WITH today AS MATERIALIZED (
              SELECT z.time_zone, (CAST(? AS timestamptz) AT TIME ZONE z.time_zone)::date AS d
              FROM (SELECT DISTINCT time_zone FROM requirement) z
            ), enjoined AS MATERIALIZED (
              SELECT DISTINCT r.id
              FROM requirement r
                JOIN today t ON t.time_zone = r.time_zone
                JOIN court_order_condition cc ON cc.condition_id = r.condition_id
                JOIN court_order o ON o.id = cc.order_id
              WHERE o.in_force_from <= t.d AND (o.in_force_to IS NULL OR o.in_force_to >= t.d)
                AND (o.lifted_on IS NULL OR o.lifted_on > t.d)
                AND (o.scope = 'NATIONWIDE'
                  OR (o.scope = 'STATE' AND o.scope_state = r.jurisdiction_state)
                  OR (o.scope IN ('JURISDICTIONS', 'MEMBERS') AND EXISTS (SELECT 1 FROM court_order_jurisdiction j
                       WHERE j.order_id = o.id AND j.jurisdiction_id = r.jurisdiction_id)))
            ), req AS MATERIALIZED (
              SELECT r.award_id, r.jurisdiction_state AS state, c.county_fips AS county,
                CASE
                  WHEN e.id IS NOT NULL THEN 0
                  WHEN (r.status = 'OPEN' AND r.deadline_at < ?) OR r.status = 'REJECTED' THEN 4
                  WHEN r.status = 'OPEN' THEN 3
                  WHEN r.status = 'SUBMITTED' THEN 2
                  ELSE 1
                END AS rank
              FROM requirement r
                LEFT JOIN enjoined e ON e.id = r.id
                LEFT JOIN jurisdiction_county c ON c.jurisdiction_id = r.jurisdiction_id
            ), per_award AS (
              SELECT award_id, min(state) AS state, min(county) AS county, max(rank) AS rank, count(*) AS n,
                count(*) FILTER (WHERE rank = 4) AS n_risk, count(*) FILTER (WHERE rank = 3) AS n_open,
                count(*) FILTER (WHERE rank = 2) AS n_submitted, count(*) FILTER (WHERE rank = 1) AS n_done,
                count(*) FILTER (WHERE rank = 0) AS n_enjoined
              FROM req GROUP BY award_id
            )
            SELECT p.state, p.county, GROUPING(p.county) AS whole_state, max(p.rank) AS rank, sum(p.n) AS n,
              sum(p.n_risk) AS n_risk, sum(p.n_open) AS n_open, sum(p.n_submitted) AS n_submitted,
              sum(p.n_done) AS n_done, sum(p.n_enjoined) AS n_enjoined,
              count(*) FILTER (WHERE p.rank = 4) AS awards_at_risk,
              coalesce(sum(a.amount) FILTER (WHERE p.rank = 4), 0) AS funds_at_risk
            FROM per_award p JOIN award a ON a.id = p.award_id
            WHERE p.state IS NOT NULL
            GROUP BY GROUPING SETS ((p.state), (p.state, p.county))
            ORDER BY p.state, p.county NULLS FIRST
            """;

    /** Every table the query reads, with how much of it there is and which row versions it holds. */
    private static final String FINGERPRINT = """
            SELECT r.n AS requirements, r.v AS requirement_versions, r.next_deadline, r.zones,
              a.n AS awards, a.v AS award_versions, o.n AS orders, o.v AS order_versions,
              oc.n AS order_conditions, oc.v AS order_condition_versions, oj.n AS order_jurisdictions,
              oj.v AS order_jurisdiction_versions, jc.n AS counties, jc.v AS county_versions
            FROM (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS v,
                    min(deadline_at) FILTER (WHERE status = 'OPEN' AND deadline_at >= ?) AS next_deadline,
                    string_agg(DISTINCT time_zone, ',') AS zones FROM requirement) r,
              (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS v FROM award) a,
              (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS v FROM court_order) o,
              (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS v FROM court_order_condition) oc,
              (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS v FROM court_order_jurisdiction) oj,
              (SELECT count(*) AS n, coalesce(sum(xmin::text::bigint), 0) AS v FROM jurisdiction_county) jc
            """;

    /** Even with nothing changed, a kept picture is computed again after this long. */
    private static final Duration LONGEST_KEPT = Duration.ofMinutes(5);

    /** What the tables held when a picture was computed (counts and sums of row versions). */
    record Fingerprint(List<Long> values) {
    }

    private record Kept(Fingerprint fingerprint, Instant validUntil, Picture picture) {
    }

    private final JdbcOperations jdbc;
    private final AtomicReference<Kept> kept = new AtomicReference<>();

    ComplianceMap(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Serdeable
    public record Area(String state, @Nullable String fips, @Nullable String county, String status, long requirements,
                       long atRisk, long open, long submitted, long certifiedOrWaived, long enjoined,
                       long awardsAtRisk, BigDecimal fundsAtRisk) {
    }

    @Serdeable
    public record Picture(List<Area> states, List<Area> counties, long awardsAtRisk, BigDecimal fundsAtRisk, Instant asOf) {
    }

    /** The picture as of now: the kept one while nothing it rests on has changed, else computed anew. */
    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public Picture now() {
        Instant now = Instant.now();
        Kept last = kept.get();
        Kept current = jdbc.prepareStatement(FINGERPRINT, (PreparedStatement ps) -> {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Long> values = new ArrayList<>();
                for (String column : List.of("requirements", "requirement_versions", "awards", "award_versions", "orders",
                        "order_versions", "order_conditions", "order_condition_versions", "order_jurisdictions",
                        "order_jurisdiction_versions", "counties", "county_versions")) {
                    values.add(rs.getLong(column));
                }
                Timestamp nextDeadline = rs.getTimestamp("next_deadline");
                return new Kept(new Fingerprint(values), validUntil(now, nextDeadline == null ? null : nextDeadline.toInstant(),
                        rs.getString("zones")), null);
            }
        });
        if (last != null && last.fingerprint().equals(current.fingerprint()) && now.isBefore(last.validUntil())) {
            return last.picture();
        }
        Picture picture = compute(now);
        kept.set(new Kept(current.fingerprint(), current.validUntil(), picture));
        return picture;
    }

    /** The next open deadline or the next local midnight in any of the zones, whichever comes first. */
    static Instant validUntil(Instant now, @Nullable Instant nextDeadline, @Nullable String zones) {
        Instant until = now.plus(LONGEST_KEPT);
        if (nextDeadline != null && nextDeadline.isBefore(until)) {
            until = nextDeadline;
        }
        for (String zone : zones == null ? new String[0] : zones.split(",")) {
            ZoneId id = ZoneId.of(zone);
            Instant midnight = now.atZone(id).toLocalDate().plusDays(1).atStartOfDay(id).toInstant();
            if (midnight.isBefore(until)) {
                until = midnight;
            }
        }
        return until;
    }

    private Picture compute(Instant now) {
        Timestamp at = Timestamp.from(now);
        List<Area> states = new ArrayList<>();
        List<Area> counties = new ArrayList<>();
        jdbc.prepareStatement(QUERY, (PreparedStatement ps) -> {
            ps.setTimestamp(1, at);
            ps.setTimestamp(2, at);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean wholeState = rs.getInt("whole_state") == 1;
                    String county = rs.getString("county");
                    if (!wholeState && county == null) {
                        continue;   // requirements of the state itself, or of places with no county known
                    }
                    Area area = area(rs, wholeState ? null : county);
                    (wholeState ? states : counties).add(area);
                }
            }
            return null;
        });
        long awards = states.stream().mapToLong(Area::awardsAtRisk).sum();
        BigDecimal funds = states.stream().map(Area::fundsAtRisk).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        return new Picture(states, counties, awards, funds, now);
    }

    private static Area area(ResultSet rs, @Nullable String county) throws SQLException {
        String state = rs.getString("state");
        return new Area(state, county != null ? county : STATE_FIPS.get(state), county, STATUS[rs.getInt("rank")],
                rs.getLong("n"), rs.getLong("n_risk"), rs.getLong("n_open"), rs.getLong("n_submitted"),
                rs.getLong("n_done"), rs.getLong("n_enjoined"), rs.getLong("awards_at_risk"),
                rs.getBigDecimal("funds_at_risk").setScale(2));
    }

    /** USPS code to Census state FIPS (the map's shapes are keyed by FIPS). */
    static final Map<String, String> STATE_FIPS = Map.ofEntries(
            Map.entry("AL", "01"), Map.entry("AK", "02"), Map.entry("AZ", "04"), Map.entry("AR", "05"), Map.entry("CA", "06"),
            Map.entry("CO", "08"), Map.entry("CT", "09"), Map.entry("DE", "10"), Map.entry("DC", "11"), Map.entry("FL", "12"),
            Map.entry("GA", "13"), Map.entry("HI", "15"), Map.entry("ID", "16"), Map.entry("IL", "17"), Map.entry("IN", "18"),
            Map.entry("IA", "19"), Map.entry("KS", "20"), Map.entry("KY", "21"), Map.entry("LA", "22"), Map.entry("ME", "23"),
            Map.entry("MD", "24"), Map.entry("MA", "25"), Map.entry("MI", "26"), Map.entry("MN", "27"), Map.entry("MS", "28"),
            Map.entry("MO", "29"), Map.entry("MT", "30"), Map.entry("NE", "31"), Map.entry("NV", "32"), Map.entry("NH", "33"),
            Map.entry("NJ", "34"), Map.entry("NM", "35"), Map.entry("NY", "36"), Map.entry("NC", "37"), Map.entry("ND", "38"),
            Map.entry("OH", "39"), Map.entry("OK", "40"), Map.entry("OR", "41"), Map.entry("PA", "42"), Map.entry("RI", "44"),
            Map.entry("SC", "45"), Map.entry("SD", "46"), Map.entry("TN", "47"), Map.entry("TX", "48"), Map.entry("UT", "49"),
            Map.entry("VT", "50"), Map.entry("VA", "51"), Map.entry("WA", "53"), Map.entry("WV", "54"), Map.entry("WI", "55"),
            Map.entry("WY", "56"), Map.entry("AS", "60"), Map.entry("GU", "66"), Map.entry("MP", "69"), Map.entry("PR", "72"),
            Map.entry("VI", "78"));
}
