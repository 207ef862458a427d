package org.grantline.shared.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.config.InterceptUrlMapPattern;
import io.micronaut.security.config.SecurityConfigurationProperties;
import io.micronaut.security.rules.ConfigurationInterceptUrlMapRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.config.TokenConfigurationProperties;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed intercept-url rule answers exactly as Micronaut's own, pattern table by table: the
 * gateway's table and one with wildcard first segments, against thousands of paths (odd ones too:
 * doubled and trailing slashes, blanks, other cases, no leading slash), each method and caller.
 */
class IndexedInterceptUrlMapRuleTest {
    private static final List<String> ANONYMOUS = List.of("isAnonymous()");

    /** The gateway's table (gateway/src/main/resources/application.yml). */
    private static final List<InterceptUrlMapPattern> GATEWAY = List.of(
            new InterceptUrlMapPattern("/health/**", ANONYMOUS, null),
            new InterceptUrlMapPattern("/prometheus", List.of("ADMIN"), null),
            new InterceptUrlMapPattern("/openapi/**", ANONYMOUS, null),
            new InterceptUrlMapPattern("/api/docs/**", ANONYMOUS, HttpMethod.GET),
            new InterceptUrlMapPattern("/keys", ANONYMOUS, null),
            new InterceptUrlMapPattern("/oauth/login/**", ANONYMOUS, null),
            new InterceptUrlMapPattern("/oauth/callback/**", ANONYMOUS, null),
            new InterceptUrlMapPattern("/", ANONYMOUS, HttpMethod.GET),
            new InterceptUrlMapPattern("/index.html", ANONYMOUS, HttpMethod.GET),
            new InterceptUrlMapPattern("/app/**", ANONYMOUS, HttpMethod.GET));

    /** Wildcards in the first segment, one pattern shadowing another, method and no method on one path. */
    private static final List<InterceptUrlMapPattern> WILD = List.of(
            new InterceptUrlMapPattern("/api/users/*/roles", List.of("ADMIN"), HttpMethod.PUT),
            new InterceptUrlMapPattern("/api/**", List.of("isAuthenticated()"), null),
            new InterceptUrlMapPattern("/**/secret", List.of("ADMIN"), null),
            new InterceptUrlMapPattern("/*.html", ANONYMOUS, HttpMethod.GET),
            new InterceptUrlMapPattern("/a?p/**", List.of("AUDITOR"), null),
            new InterceptUrlMapPattern("/app/**", List.of("ADMIN"), HttpMethod.POST),
            new InterceptUrlMapPattern("/app/*", ANONYMOUS, null),
            new InterceptUrlMapPattern("/", ANONYMOUS, null),
            new InterceptUrlMapPattern("relative/**", ANONYMOUS, null));

    private static final List<String> SEGMENTS = List.of("api", "API", "docs", "health", "prometheus", "keys", "app",
            "apx", "oauth", "login", "callback", "index.html", "x.html", "users", "roles", "secret", "openapi", "1",
            " api ", "", ".", "..", "relative", "a b");
    private static final List<String> FIXED = List.of("", "/", "//", "/ /", "api/docs/x", "relative/x", "/keys/",
            "//keys", "/ keys", "/keys ", "/prometheus/", "/health", "/healthz", "/health/liveness", "/app", "/app/",
            "/api/docs", "/api//docs/x", "/API/docs/x", "/index.html", "/x.html", "/a/b/secret", "/secret",
            "/api/users/7/roles", "/oauth/login", "/oauth/login/github", "/openapi", "/openapi/gateway.yml");
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.HEAD);
    private static final List<Authentication> CALLERS = Arrays.asList(null,
            Authentication.build("ann", List.of("ADMIN")), Authentication.build("al", List.of("AUDITOR")),
            Authentication.build("jo", List.of("JURISDICTION_OFFICIAL")));

    @Test
    void answersAsMicronautsRuleForTheGatewaysTable() {
        int differing = compare(GATEWAY);
        assertThat(differing).isZero();
    }

    @Test
    void answersAsMicronautsRuleWithWildcardFirstSegments() {
        assertThat(compare(WILD)).isZero();
    }

    @Test
    void findsTheFirstSegmentAsTheAntMatcherDoes() {
        assertThat(IndexedInterceptUrlMapRule.firstSegment("/api/jurisdictions/1")).isEqualTo("api");
        assertThat(IndexedInterceptUrlMapRule.firstSegment("// api /x")).isEqualTo("api");
        assertThat(IndexedInterceptUrlMapRule.firstSegment("keys")).isEqualTo("keys");
        assertThat(IndexedInterceptUrlMapRule.firstSegment("/ / ")).isNull();
        assertThat(IndexedInterceptUrlMapRule.firstSegment("")).isNull();
    }

    @Test
    void anApiCallNoPatternCoversIsUnknownAndTheProtectedPathsStayProtected() {
        IndexedInterceptUrlMapRule rule = indexed(GATEWAY);
        assertThat(result(rule, HttpMethod.GET, "/api/jurisdictions/1", null)).isEqualTo(SecurityRuleResult.UNKNOWN);
        assertThat(result(rule, HttpMethod.GET, "/prometheus", null)).isEqualTo(SecurityRuleResult.REJECTED);
        assertThat(result(rule, HttpMethod.GET, "//prometheus", CALLERS.get(2))).isEqualTo(SecurityRuleResult.REJECTED);
        assertThat(result(rule, HttpMethod.GET, "/prometheus", CALLERS.get(1))).isEqualTo(SecurityRuleResult.ALLOWED);
        assertThat(result(rule, HttpMethod.GET, "/api/docs/index.html", null)).isEqualTo(SecurityRuleResult.ALLOWED);
        assertThat(result(rule, HttpMethod.POST, "/api/docs/index.html", null)).isEqualTo(SecurityRuleResult.UNKNOWN);
    }

    private static int compare(List<InterceptUrlMapPattern> table) {
        ConfigurationInterceptUrlMapRule stock = new ConfigurationInterceptUrlMapRule(roles(), configuration(table), p -> p);
        IndexedInterceptUrlMapRule indexed = indexed(table);
        List<String> paths = new ArrayList<>(FIXED);
        Random random = new Random(14);
        for (int i = 0; i < 3000; i++) {
            StringBuilder path = new StringBuilder(random.nextInt(10) == 0 ? "" : "/");
            int depth = random.nextInt(5);
            for (int d = 0; d < depth; d++) {
                path.append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
                if (d < depth - 1 || random.nextInt(4) == 0) {
                    path.append(random.nextInt(8) == 0 ? "//" : "/");
                }
            }
            paths.add(path.toString());
        }
        int differing = 0;
        int decided = 0;
        for (String path : paths) {
            for (HttpMethod method : METHODS) {
                for (Authentication caller : CALLERS) {
                    SecurityRuleResult expected = result(stock, method, path, caller);
                    SecurityRuleResult actual = result(indexed, method, path, caller);
                    if (expected != actual) {
                        differing++;
                        System.out.println(method + " '" + path + "' " + caller + ": " + expected + " vs " + actual);
                    }
                    if (expected != SecurityRuleResult.UNKNOWN) {
                        decided++;
                    }
                }
            }
        }
        assertThat(decided).as("the table decides some of the requests (the comparison is not vacuous)").isGreaterThan(500);
        return differing;
    }

    private static IndexedInterceptUrlMapRule indexed(List<InterceptUrlMapPattern> table) {
        return new IndexedInterceptUrlMapRule(roles(), configuration(table), p -> p);
    }

    private static SecurityRuleResult result(ConfigurationInterceptUrlMapRule rule, HttpMethod method, String path,
                                             Authentication caller) {
        // With a host, so that "//x" is a path; the rule reads the decoded path (" " from "%20").
        String uri = path.replace(" ", "%20");
        HttpRequest<?> request = HttpRequest.create(method, uri.startsWith("/") ? "http://localhost" + uri : uri);
        return Mono.from(rule.check(request, caller)).block();
    }

    private static SecurityConfigurationProperties configuration(List<InterceptUrlMapPattern> table) {
        SecurityConfigurationProperties configuration = new SecurityConfigurationProperties();
        configuration.setInterceptUrlMap(table);
        return configuration;
    }

    private static DefaultRolesFinder roles() {
        return new DefaultRolesFinder(new TokenConfigurationProperties());
    }
}
