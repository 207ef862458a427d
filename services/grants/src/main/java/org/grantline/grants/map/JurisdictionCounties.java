package org.grantline.grants.map;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Each jurisdiction's county as the registry told it at its latest award, for the compliance map. */
@Singleton
public class JurisdictionCounties {
    private final JdbcOperations jdbc;

    JurisdictionCounties(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Inside the caller's transaction. */
    public void record(UUID jurisdictionId, String countyFips, Instant now) {
        jdbc.prepareStatement("INSERT INTO jurisdiction_county (jurisdiction_id, county_fips, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (jurisdiction_id) DO UPDATE SET county_fips = excluded.county_fips, updated_at = excluded.updated_at",
                (PreparedStatement ps) -> {
                    ps.setObject(1, jurisdictionId);
                    ps.setString(2, countyFips);
                    ps.setTimestamp(3, Timestamp.from(now));
                    return ps.executeUpdate();
                });
    }
}
