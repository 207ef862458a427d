package org.grantline.shared.test;

import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.grantline.shared.security.Roles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auditors change nothing, at the service itself: every write route the service's router knows
 * (POST, PUT, PATCH, DELETE — read from the router, so a route added later is covered too),
 * called directly with an auditor's token, is refused with a 403 problem. Also when the token
 * carries another role beside AUDITOR. A service's test extends this and adds {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AuditorWritesContract implements TestPropertyProvider {
    protected static final TestTokens TOKENS = TestTokens.shared();
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    @Inject
    protected EmbeddedServer server;
    @Inject
    protected Router router;
    protected TestHttp http;

    /** The service's name, as in {@code micronaut.application.name}. */
    protected abstract String service();

    @Override
    public Map<String, String> getProperties() {
        return ServiceTestSupport.properties(service());
    }

    @BeforeAll
    void startClient() {
        http = new TestHttp(server.getURL().toString());
    }

    /** Each write route as {@code "METHOD /path/with/{vars}"}. */
    protected Stream<String> writeRoutes() {
        return router.uriRoutes()
                .filter(r -> WRITES.contains(r.getHttpMethod()))
                .map(r -> r.getHttpMethodName() + " " + template(r))
                .distinct().sorted();
    }

    private static String template(UriRouteInfo<?, ?> route) {
        return route.getUriMatchTemplate().toString();
    }

    /** A concrete path for a template: every variable an id, query parts dropped. */
    static String concrete(String template) {
        return template.replaceAll("\\{\\?[^}]*}", "").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    @Test
    void theServiceHasWriteRoutes() {
        assertThat(writeRoutes().toList()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeRoutes")
    void anAuditorsWriteIsRefused(String route) {
        for (String token : List.of(TOKENS.auditor(),
                TOKENS.token("test.auditor.also-doj", List.of(Roles.AUDITOR, Roles.DOJ_OFFICER, Roles.ADMIN), null))) {
            String[] parts = route.split(" ", 2);
            TestHttp.Response response = http.send(parts[0], concrete(parts[1]), token, "{}", Map.of());
            assertThat(response.status()).as(route + " -> " + response).isEqualTo(403);
            assertThat(response.isProblem()).as(route).isTrue();
        }
    }
}
