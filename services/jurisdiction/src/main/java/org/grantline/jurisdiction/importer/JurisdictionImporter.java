package org.grantline.jurisdiction.importer;

import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.grantline.jurisdiction.registry.Jurisdiction;
import org.grantline.jurisdiction.registry.JurisdictionCommand;
import org.grantline.jurisdiction.registry.JurisdictionRepository;
import org.grantline.jurisdiction.registry.JurisdictionService;
import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Imports jurisdictions from CSV ({@code fips,name,type,state,parent_fips,population,time_zone}),
 * upserting by FIPS code in one transaction. Rows that break a rule are reported with their line
 * and reason and skipped; a file that is not well-formed CSV with that header changes nothing.
 * Importing the same file twice changes nothing the second time.
 */
@Singleton
public class JurisdictionImporter {
    static final List<String> HEADER = List.of("fips", "name", "type", "state", "parent_fips", "population", "time_zone");
    static final int MAX_ROWS = 100_000;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,10}");
    /** {@code java.io.IOException: } and the like, as exception messages quote their causes. */
    private static final Pattern JAVA_NAME = Pattern.compile("(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)?:?\\s*|IOException reading next record:?\\s*");

    private final JurisdictionRepository repository;
    private final AuditTrail audit;

    public JurisdictionImporter(JurisdictionRepository repository, AuditTrail audit) {
        this.repository = repository;
        this.audit = audit;
    }

    private record Row(long line, String fips, String name, JurisdictionType type, String state, String parentFips,
                       Long population, String timeZone) {
    }

    @Transactional
    public ImportReport importCsv(Reader csv) {
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        List<Row> rows = parse(csv, rejected);

        // Parents before children: states, then counties, then places.
        rows.sort(Comparator.comparingInt((Row r) -> r.fips().length()).thenComparingLong(Row::line));
        Set<String> referenced = new HashSet<>();
        rows.forEach(r -> {
            referenced.add(r.fips());
            if (r.parentFips() != null) {
                referenced.add(r.parentFips());
            }
        });
        Map<String, Jurisdiction> known = new HashMap<>();
        for (Jurisdiction j : repository.findByFipsIn(referenced)) {
            known.put(j.fips(), j);
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Jurisdiction> inserts = new ArrayList<>();
        List<Jurisdiction> updates = new ArrayList<>();
        List<AuditTrail.Change> changes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unchanged = 0;
        for (Row row : rows) {
            if (!seen.add(row.fips())) {
                rejected.add(new ImportReport.Rejected(row.line(), row.fips(), "FIPS code " + row.fips() + " appears more than once"));
                continue;
            }
            UUID parentId = null;
            if (row.parentFips() != null) {
                Jurisdiction parent = known.get(row.parentFips());
                if (parent == null) {
                    rejected.add(new ImportReport.Rejected(row.line(), row.fips(), "parent_fips: no jurisdiction " + row.parentFips()));
                    continue;
                }
                String problem = JurisdictionService.parentProblem(row.type(), row.state(), parent);
                if (problem != null) {
                    rejected.add(new ImportReport.Rejected(row.line(), row.fips(), "parent_fips: " + problem));
                    continue;
                }
                parentId = parent.id();
            } else if (row.type() == JurisdictionType.COUNTY) {
                rejected.add(new ImportReport.Rejected(row.line(), row.fips(), "parent_fips: a COUNTY needs its STATE as parent"));
                continue;
            }
            Jurisdiction existing = known.get(row.fips());
            if (existing == null) {
                Jurisdiction created = new Jurisdiction(UUID.randomUUID(), row.name(), row.type(), row.state(), row.fips(),
                        row.timeZone(), parentId, row.population(), now, now, 0L);
                inserts.add(created);
                known.put(row.fips(), created);
                changes.add(new AuditTrail.Change("jurisdiction.imported", JurisdictionService.ENTITY, created.id(), null,
                        created.view()));
            } else if (existing.sameFieldsAs(row.name(), row.type(), row.state(), row.fips(), row.timeZone(), parentId,
                    row.population())) {
                unchanged++;
            } else {
                Jurisdiction changed = new Jurisdiction(existing.id(), row.name(), row.type(), row.state(), row.fips(),
                        row.timeZone(), parentId, row.population(), existing.createdAt(), now, existing.version());
                updates.add(changed);
                known.put(row.fips(), changed);
                changes.add(new AuditTrail.Change("jurisdiction.imported", JurisdictionService.ENTITY, existing.id(),
                        existing.view(), changed.view()));
            }
        }
        if (!inserts.isEmpty()) {
            repository.saveAll(inserts);
        }
        if (!updates.isEmpty()) {
            repository.updateAll(updates);
        }
        audit.recordAll(changes);
        rejected.sort(Comparator.comparingLong(ImportReport.Rejected::line));
        return new ImportReport(inserts.size(), updates.size(), unchanged, rejected);
    }

    private static List<Row> parse(Reader text, List<ImportReport.Rejected> rejected) {
        Reader csv;
        try {
            csv = withoutByteOrderMark(text);
        } catch (IOException e) {
            throw malformed("it could not be read");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase()).toList();
            if (!header.equals(HEADER)) {
                throw malformed("the first line must be the header " + String.join(",", HEADER));
            }
            for (CSVRecord record : parser) {
                if (rows.size() + rejected.size() >= MAX_ROWS) {
                    throw malformed("more than " + MAX_ROWS + " rows");
                }
                long line = record.getParser().getCurrentLineNumber();
                if (record.size() != HEADER.size()) {
                    rejected.add(new ImportReport.Rejected(line, record.size() > 0 ? record.get(0) : "",
                            "expected " + HEADER.size() + " fields, found " + record.size()));
                    continue;
                }
                try {
                    rows.add(row(line, record));
                } catch (ProblemException e) {
                    rejected.add(new ImportReport.Rejected(line, record.get(0), e.detail()));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw malformed(describe(e));
        }
        return rows;
    }

    /** Spreadsheets (Excel among them) begin UTF-8 CSV with a byte-order mark; it is not part of the header. */
    static Reader withoutByteOrderMark(Reader csv) throws IOException {
        PushbackReader reader = new PushbackReader(csv, 1);
        int first = reader.read();
        if (first >= 0 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** What the CSV parser found wrong, in its words but without the Java class names it wraps them in. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : JAVA_NAME.matcher(root.getMessage()).replaceAll("").strip();
        return message.isEmpty() ? "it is not well-formed CSV" : "it is not well-formed CSV: " + message;
    }

    private static Row row(long line, CSVRecord record) {
        String fips = record.get("fips");
        String name = record.get("name");
        JurisdictionType type;
        try {
            type = JurisdictionType.valueOf(record.get("type").toUpperCase());
        } catch (IllegalArgumentException e) {
            throw org.grantline.shared.problem.Problems.invalid("type", "unknown type '" + record.get("type") + "'");
        }
        String state = record.get("state").toUpperCase();
        String parentFips = record.get("parent_fips").isEmpty() ? null : record.get("parent_fips");
        Long population = null;
        if (!record.get("population").isEmpty()) {
            if (!DIGITS.matcher(record.get("population")).matches()) {
                throw org.grantline.shared.problem.Problems.invalid("population", "must be a whole number");
            }
            population = Long.parseLong(record.get("population"));
        }
        String timeZone = record.get("time_zone");
        if (name.isEmpty() || name.length() > 200) {
            throw org.grantline.shared.problem.Problems.invalid("name", "must be 1 to 200 characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw org.grantline.shared.problem.Problems.invalid("name", "must not contain control characters");
        }
        if (!fips.matches("\\d{2}|\\d{5}|\\d{7}")) {
            throw org.grantline.shared.problem.Problems.invalid("fips", "must be 2, 5 or 7 digits");
        }
        if (!state.matches("[A-Z]{2}")) {
            throw org.grantline.shared.problem.Problems.invalid("state", "must be a two-letter state code");
        }
        JurisdictionService.check(new JurisdictionCommand(name, type, state, fips, timeZone, null, population));
        return new Row(line, fips, name, type, state, parentFips, population, timeZone);
    }

    private static ProblemException malformed(String why) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "malformed-csv", "Malformed CSV",
                "The file was not imported: " + why, Map.of());
    }
}
