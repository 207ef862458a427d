package org.grantline.notifications;

import org.grantline.jurisdiction.api.ContactOperations;
import org.grantline.jurisdiction.api.ContactRole;
import org.grantline.jurisdiction.api.ContactView;
import org.grantline.jurisdiction.api.JurisdictionOperations;
import org.grantline.jurisdiction.api.JurisdictionPage;
import org.grantline.jurisdiction.api.JurisdictionSearch;
import org.grantline.jurisdiction.api.JurisdictionType;
import org.grantline.jurisdiction.api.JurisdictionView;
import org.grantline.jurisdiction.api.KnownAnswer;
import org.grantline.jurisdiction.api.KnownQuery;
import org.grantline.shared.test.StubServer;
import org.grantline.shared.test.StubServer.Answer;
import org.grantline.shared.test.StubServer.Request;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The jurisdiction service's jurisdictions and private contacts over real HTTP. It implements
 * jurisdiction-api's contracts, so what it answers are that API's records.
 */
public final class JurisdictionStub implements JurisdictionOperations, ContactOperations, AutoCloseable {
    private static final Instant AT = Instant.parse("2017-01-01T00:00:00Z");
    private final Map<UUID, JurisdictionView> jurisdictions = new ConcurrentHashMap<>();
    private final List<ContactView> contacts = new CopyOnWriteArrayList<>();
    private final StubServer server = StubServer.start()
            .on("GET", "/api/jurisdictions", this::handle);

    private Answer handle(Request r) {
        Map<String, String> q = r.query();
        int page = Integer.parseInt(q.getOrDefault("page", "0"));
        int size = Integer.parseInt(q.getOrDefault("size", "20"));
        String path = r.path();
        if (path.equals("/api/jurisdictions/contacts")) {
            return Answer.json(search(q.containsKey("jurisdictionId") ? UUID.fromString(q.get("jurisdictionId")) : null,
                    q.containsKey("role") ? ContactRole.valueOf(q.get("role")) : null, page, size));
        }
        if (path.equals("/api/jurisdictions")) {
            return Answer.json(list(new JurisdictionSearch(null, null, null, null, null, null, null, null, null, null, null, page, size)));
        }
        JurisdictionView found = get(UUID.fromString(path.substring("/api/jurisdictions/".length())));
        return found == null ? Answer.problem(404, null) : Answer.json(found);
    }

    @Override
    public JurisdictionPage list(JurisdictionSearch search) {
        List<JurisdictionView> all = jurisdictions.values().stream().sorted(Comparator.comparing(j -> j.id().toString())).toList();
        return new JurisdictionPage(StubServer.page(all, search.pageOrDefault(), search.sizeOrDefault()), search.pageOrDefault(),
                search.sizeOrDefault(), all.size());
    }

    @Override
    public JurisdictionView get(UUID id) {
        return jurisdictions.get(id);
    }

    /** The notifications service asks no such question. */
    @Override
    public KnownAnswer known(KnownQuery query) {
        throw new UnsupportedOperationException("the notifications service asks which ids are known");
    }

    @Override
    public ContactView.Page search(UUID jurisdictionId, ContactRole role, int page, int size) {
        List<ContactView> all = contacts.stream()
                .filter(c -> jurisdictionId == null || c.jurisdictionId().equals(jurisdictionId))
                .filter(c -> role == null || c.role() == role)
                .sorted(Comparator.comparing(c -> c.id().toString())).toList();
        return new ContactView.Page(StubServer.page(all, page, size), page, size, all.size());
    }

    /** While down, every call but the token endpoint is a 503. */
    public void down(boolean down) {
        server.down = down;
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }

    public UUID jurisdiction(String name, String state, String zone) {
        UUID id = UUID.randomUUID();
        jurisdictions.put(id, new JurisdictionView(id, name, JurisdictionType.CITY, state, "2400000", zone, null, null, AT, AT, 0));
        return id;
    }

    public void contact(UUID jurisdiction, String role, String email) {
        contacts.add(new ContactView(UUID.randomUUID(), jurisdiction, email.split("@")[0], ContactRole.valueOf(role), null, email,
                null, AT, 0));
    }
}
