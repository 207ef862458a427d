package org.grantline.gateway.routing;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.LoadBalancerResolver;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.Authentication;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;
import org.grantline.shared.web.RequestIds;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Forwards {@code /api/**} requests that the route table names to a healthy instance of the
 * service (from Consul, or the static URLs of the embedded default), round robin. Runs after the
 * security filter, so only authenticated requests leave the gateway; the caller's token travels
 * on and each service checks it again. No instance: 503; the instance does not answer in time: 504.
 */
@Filter("/api/**")
public class RoutingFilter implements HttpServerFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingFilter.class);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Dot segments, plain or percent-encoded, and encoded slashes: never forwarded. */
    private static final Pattern TRAVERSAL = Pattern.compile("(?i)(^|/)(\\.|%2e){1,2}(/|$)|%2f|%5c|\\\\");

    private final List<Route> routes;
    private final LoadBalancerResolver resolver;
    /** One balancer per service, kept: the resolver makes a new one, starting its round robin afresh, on every call. */
    private final Map<String, LoadBalancer> balancers = new ConcurrentHashMap<>();
    private final ProxyHttpClient proxy;
    private final ErrorResponseProcessor<?> errors;

    public RoutingFilter(List<Route> routes, LoadBalancerResolver resolver, ProxyHttpClient proxy,
                         ErrorResponseProcessor<?> errors) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.getPrefixes().stream().mapToInt(String::length).max().orElse(0)).reversed())
                .toList();
        this.resolver = resolver;
        this.proxy = proxy;
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<Route> route = routes.stream().filter(r -> r.matches(request.getPath())).findFirst();
        if (route.isEmpty()) {
            return chain.proceed(request);
        }
        if (TRAVERSAL.matcher(request.getUri().getRawPath()).find()) {
            return Publishers.just(problem(request, HttpStatus.BAD_REQUEST, "bad-path", "Bad Request",
                    "The path contains dot segments or encoded separators"));
        }
        if (request.getContentLength() > route.get().getMaxRequestSize()) {
            return Publishers.just(problem(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                    "Payload Too Large", "This request may carry at most " + route.get().getMaxRequestSize() + " bytes"));
        }
        Optional<Authentication> caller = request.getUserPrincipal(Authentication.class);
        if (caller.isEmpty() && route.get().isPublic(request.getPath()) && SAFE.contains(request.getMethod())) {
            LoadBalancer open = balancers.computeIfAbsent(route.get().getService(), id -> resolver.resolve(id).orElse(null));
            if (open == null) {
                return Publishers.just(unavailable(request, route.get().getService()));
            }
            return forward(request, route.get().getService(), open)
                    .onErrorResume(e -> Mono.just(failure(request, route.get().getService(), e)));
        }
        if (caller.isEmpty()) {
            return Publishers.just(problem(request, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "A valid bearer token is required"));
        }
        if (readOnly(caller.get()) && !SAFE.contains(request.getMethod())) {
            return Publishers.just(problem(request, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Auditors read everything and change nothing"));
        }
        String service = route.get().getService();
        LoadBalancer balancer = balancers.computeIfAbsent(service, id -> resolver.resolve(id).orElse(null));
        if (balancer == null) {
            return Publishers.just(unavailable(request, service));
        }
        boolean retryable = SAFE.contains(request.getMethod());
        return forward(request, service, balancer)
                .onErrorResume(e -> retryable && isConnectFailure(e), e -> {
                    LOG.warn("Instance of {} refused the connection ({}); trying another", service, e.getMessage());
                    return forward(request, service, balancer);
                })
                .onErrorResume(e -> Mono.just(failure(request, service, e)));
    }

    private Mono<MutableHttpResponse<?>> forward(HttpRequest<?> request, String service, LoadBalancer balancer) {
        return Mono.from(balancer.select()).flatMap(instance -> {
            MutableHttpRequest<?> outgoing = target(request, instance);
            return Mono.<MutableHttpResponse<?>>from(proxy.proxy(outgoing));
        });
    }

    private static MutableHttpRequest<?> target(HttpRequest<?> request, ServiceInstance instance) {
        URI base = instance.getURI();
        String requestId = RequestIds.of(request);
        MutableHttpRequest<?> outgoing = request.mutate()
                .uri(b -> b.scheme(base.getScheme()).host(base.getHost()).port(base.getPort()));
        outgoing.getHeaders().remove(HttpHeaders.COOKIE);
        outgoing.getHeaders().remove("Forwarded");
        outgoing.getHeaders().set(RequestIds.HEADER, requestId);
        outgoing.getHeaders().set("X-Forwarded-For", request.getRemoteAddress().getAddress().getHostAddress());
        outgoing.getHeaders().set("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host != null) {
            outgoing.getHeaders().set("X-Forwarded-Host", host);
        }
        return outgoing;
    }

    private static boolean readOnly(Authentication caller) {
        return caller.getRoles().contains(Roles.AUDITOR) && !caller.getRoles().contains(Roles.ADMIN)
                && !caller.getRoles().contains(Roles.DOJ_OFFICER);
    }

    private static boolean isConnectFailure(Throwable e) {
        return e instanceof HttpClientException && !(e instanceof ReadTimeoutException)
                && !(e instanceof io.micronaut.http.client.exceptions.HttpClientResponseException)
                && String.valueOf(e.getMessage()).startsWith("Connect Error");
    }

    private MutableHttpResponse<?> failure(HttpRequest<?> request, String service, Throwable e) {
        if (e instanceof ReadTimeoutException) {
            LOG.warn("{} did not answer {} {} in time", service, request.getMethod(), request.getPath());
            return problem(request, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Gateway Timeout",
                    "The " + service + " service did not answer in time");
        }
        if (e instanceof NoAvailableServiceException || isConnectFailure(e)) {
            LOG.warn("No reachable instance of {} for {} {}: {}", service, request.getMethod(), request.getPath(), e.getMessage());
            return unavailable(request, service);
        }
        LOG.error("Forwarding {} {} to {} failed", request.getMethod(), request.getPath(), service, e);
        return problem(request, HttpStatus.BAD_GATEWAY, "upstream-failure", "Bad Gateway",
                "The " + service + " service could not be reached");
    }

    private MutableHttpResponse<?> unavailable(HttpRequest<?> request, String service) {
        return problem(request, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service Unavailable",
                "No instance of the " + service + " service is available; try again shortly")
                .header(HttpHeaders.RETRY_AFTER, "5");
    }

    private MutableHttpResponse<?> problem(HttpRequest<?> request, HttpStatus status, String kind, String title, String detail) {
        return errors.processResponse(ErrorContext.builder(request).cause(Problems.of(status, kind, title, detail)).build(),
                HttpResponse.status(status));
    }
}
