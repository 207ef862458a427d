package org.grantline.jurisdiction.importer;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** What an import did: rows created, updated, unchanged, and each rejected row with its line and reason. */
@Serdeable
public record ImportReport(int created, int updated, int unchanged, List<Rejected> rejected) {

    @Serdeable
    public record Rejected(long line, String fips, String reason) {
    }
}
