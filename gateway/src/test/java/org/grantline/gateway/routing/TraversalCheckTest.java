package org.grantline.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The traversal check's shortcut (no '.', '%' or '\' in the path: nothing to find) changes no answer. */
class TraversalCheckTest {
    /** RoutingFilter's expression, as it stands. */
    private static final Pattern TRAVERSAL = Pattern.compile("(?i)(^|/)(\\.|%2e){1,2}(/|$)|%2f|%5c|\\\\");

    @Test
    void answersAsTheExpressionAlone() {
        List<String> paths = List.of("/api/jurisdictions/1", "/api/jurisdictions/..", "/api/./x", "/api/%2E%2e/x",
                "/api/a%2fb", "/api/a%5Cb", "/api/a\\b", "/api/a.b/c", "/api/...", "/api/%2e", "/api/a%20b", "..",
                "/api/jurisdictions/f0f9b309-aa22-4fd5-b3a7-39eebcb56c3d", "/api/x%2", "", "/");
        int refused = 0;
        for (String path : paths) {
            boolean expected = TRAVERSAL.matcher(path).find();
            assertThat(RoutingFilter.traversal(path)).as(path).isEqualTo(expected);
            refused += expected ? 1 : 0;
        }
        assertThat(refused).isGreaterThan(5);
    }
}
