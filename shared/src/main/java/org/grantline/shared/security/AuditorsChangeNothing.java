package org.grantline.shared.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * Auditors change nothing, whatever else their token says: a request that could change state
 * (anything but GET, HEAD, OPTIONS, TRACE) from a token that carries {@link Roles#AUDITOR} is
 * refused with 403 before any route-level rule is asked. Checked before {@code @Secured}, so a
 * route added later, or a token that also holds a writing role, cannot get round it. On where
 * {@code grantline.security.auditors-read-only} is true (the jurisdiction, grants and documents
 * services set it).
 */
@Singleton
@Requires(property = "grantline.security.auditors-read-only", value = "true")
public class AuditorsChangeNothing implements SecurityRule<HttpRequest<?>> {
    /** Before {@link SecuredAnnotationRule}: the first rule with an opinion decides. */
    public static final Integer ORDER = SecuredAnnotationRule.ORDER - 100;
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request != null && authentication != null && authentication.getRoles().contains(Roles.AUDITOR)
                && !READS.contains(request.getMethod())) {
            return Mono.just(SecurityRuleResult.REJECTED);
        }
        return Mono.just(SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
