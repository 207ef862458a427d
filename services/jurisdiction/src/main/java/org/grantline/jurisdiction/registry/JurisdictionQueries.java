package org.grantline.jurisdiction.registry;

import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The registry search as one SQL query (with the policy in force joined only when filtered on). */
@Singleton
public class JurisdictionQueries {

    private final JdbcOperations jdbc;

    public JurisdictionQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public JurisdictionPage search(JurisdictionSearch search) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder from = new StringBuilder(" FROM jurisdiction j");
        if (search.filtersOnPolicy()) {
            from.append(" JOIN cooperation_policy p ON p.id = (SELECT p2.id FROM cooperation_policy p2"
                    + " WHERE p2.jurisdiction_id = j.id AND p2.effective_date <= ?"
                    + " ORDER BY p2.effective_date DESC, p2.recorded_at DESC LIMIT 1)");
            parameters.add(Date.valueOf(search.asOf() == null ? LocalDate.now() : search.asOf()));
        }
        from.append(" WHERE 1 = 1");
        condition(from, parameters, "j.state = ?", search.state());
        condition(from, parameters, "j.type = ?", search.type() == null ? null : search.type().name());
        condition(from, parameters, "j.parent_id = ?", search.parentId());
        if (search.name() != null && !search.name().isBlank()) {
            // ILIKE compares without building a lower-cased copy of every name.
            from.append(" AND j.name ILIKE ? ESCAPE '!'");
            parameters.add("%" + search.name().strip().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        condition(from, parameters, "p.sanctuary = ?", search.sanctuary());
        condition(from, parameters, "p.detainer_policy = ?", search.detainerPolicy() == null ? null : search.detainerPolicy().name());
        condition(from, parameters, "p.facility_access = ?", search.facilityAccess() == null ? null : search.facilityAccess().name());
        condition(from, parameters, "p.release_notice = ?", search.releaseNotice());
        condition(from, parameters, "p.section1373 = ?", search.section1373() == null ? null : search.section1373().name());

        int page = search.pageOrDefault();
        int size = search.sizeOrDefault();
        // A name search scans the table: count in the same pass (a window count). Other filters use
        // indexes, and a separate COUNT is cheaper than materialising every match for the window.
        boolean scans = search.name() != null && !search.name().isBlank();
        String sql = "SELECT j.*" + (scans ? ", COUNT(*) OVER () AS total_count" : "") + from
                + " ORDER BY " + orderBy(search.sort()) + " LIMIT ? OFFSET ?";
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(size);
        paged.add((long) page * size);
        long[] total = {-1};
        List<JurisdictionView> items = jdbc.prepareStatement(sql, statement -> {
            bind(statement, paged);
            List<JurisdictionView> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (scans) {
                        total[0] = rows.getLong("total_count");
                    }
                    found.add(jdbc.readEntity(rows, Jurisdiction.class).view());
                }
            }
            return found;
        });
        if (total[0] < 0) {
            total[0] = jdbc.prepareStatement("SELECT COUNT(*)" + from, statement -> {
                bind(statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        }
        return new JurisdictionPage(items, page, size, total[0]);
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            parameters.add(value);
        }
    }

    /** Whitelisted columns only; the id breaks ties so pages never overlap. */
    static String orderBy(String sort) {
        String column = "name";
        String direction = "ASC";
        if (sort != null) {
            String[] parts = sort.split(",");
            column = parts[0];
            if (parts.length > 1 && parts[1].equals("desc")) {
                direction = "DESC";
            }
        }
        String expression = switch (column) {
            case "fips" -> "j.fips";
            case "state" -> "j.state";
            case "type" -> "j.type";
            case "population" -> "j.population";
            default -> "j.name";
        };
        return expression + " " + direction + ", j.id ASC";
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
