package org.grantline.grants.certification;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The requirement list as one SQL query over requirements and their awards, earliest deadline first. */
@Singleton
class RequirementQueries {

    private final JdbcOperations jdbc;

    RequirementQueries(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    record Found(List<Requirement> items, long total) {
    }

    @Transactional(readOnly = true)
    Found search(RequirementSearch search) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder from = new StringBuilder(" FROM requirement r JOIN award a ON a.id = r.award_id WHERE 1 = 1");
        condition(from, parameters, "r.award_id = ?", search.awardId());
        condition(from, parameters, "r.jurisdiction_id = ?", search.jurisdictionId());
        condition(from, parameters, "a.program_id = ?", search.programId());
        condition(from, parameters, "a.fiscal_year = ?", search.fiscalYear());
        condition(from, parameters, "r.jurisdiction_state = ?", search.state());
        condition(from, parameters, "r.status = ?", search.status() == null ? null : search.status().name());
        condition(from, parameters, "r.deadline_at >= ?", search.dueFrom() == null ? null : Timestamp.from(search.dueFrom()));
        condition(from, parameters, "r.deadline_at < ?", search.dueTo() == null ? null : Timestamp.from(search.dueTo()));
        int size = search.sizeOrDefault();
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(size);
        paged.add((long) search.pageOrDefault() * size);
        List<Requirement> items = jdbc.prepareStatement("SELECT r.*" + from + " ORDER BY r.deadline_at, r.id LIMIT ? OFFSET ?",
                statement -> {
                    bind(statement, paged);
                    List<Requirement> found = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            found.add(jdbc.readEntity(rows, Requirement.class));
                        }
                    }
                    return found;
                });
        long total = jdbc.prepareStatement("SELECT COUNT(*)" + from, statement -> {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
        return new Found(items, total);
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            parameters.add(value);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
