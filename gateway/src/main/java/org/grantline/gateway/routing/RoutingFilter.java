package org.grantline.gateway.routing;

import io.micronaut.context.annotation.Value;
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
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.AvailableByteBody;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.exceptions.ContentLengthExceededException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ResponseClosedException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.Authentication;
import org.grantline.gateway.web.ClientAddresses;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;
import org.grantline.shared.web.RequestIds;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Forwards {@code /api/**} requests that the route table names to a healthy instance of the
 * service (from Consul, or the static URLs of the embedded default), round robin. Runs after the
 * security filter, so only authenticated requests leave the gateway; the caller's token travels
 * on and each service checks it again. No instance: 503; the instance does not answer in time: 504.
 *
 * <p>Failover: an instance whose connection fails is taken out of rotation at once
 * ({@link InstanceHealth}) and the request goes to a <em>different</em> instance: any request,
 * since nothing reached the failed one. When an instance fails after the request was sent (it
 * died mid-request), only a request that may safely be repeated is sent again elsewhere: GET,
 * HEAD, OPTIONS, PUT, DELETE, and POST with an {@code Idempotency-Key}; anything else gets a 502
 * and the client decides.
 */
@Filter("/api/**")
public class RoutingFilter implements HttpServerFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingFilter.class);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);
    /** Dot segments, plain or percent-encoded, and encoded slashes: never forwarded. */
    private static final Pattern TRAVERSAL = Pattern.compile("(?i)(^|/)(\\.|%2e){1,2}(/|$)|%2f|%5c|\\\\");

    private final List<Route> routes;
    private final Instances instances;
    private final InstanceHealth health;
    private final ProxyHttpClient proxy;
    private final ClientAddresses addresses;
    private final ErrorResponseProcessor<?> errors;
    private final int maxAttempts;
    /** Bodies up to this size are kept so that they can be sent again; larger ones stream through once. */
    private static final long REPLAYABLE_BODY = 1024 * 1024;

    public RoutingFilter(List<Route> routes, Instances instances, InstanceHealth health, ProxyHttpClient proxy,
                         ErrorResponseProcessor<?> errors, ClientAddresses addresses,
                         @Value("${grantline.routing.max-attempts:3}") int maxAttempts) {
        this.addresses = addresses;
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.getPrefixes().stream().mapToInt(String::length).max().orElse(0)).reversed())
                .toList();
        this.instances = instances;
        this.health = health;
        this.proxy = proxy;
        this.errors = errors;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<Route> route = route(request.getPath());
        if (route.isEmpty()) {
            return chain.proceed(request);
        }
        if (traversal(request.getUri().getRawPath())) {
            return Publishers.just(problem(request, HttpStatus.BAD_REQUEST, "bad-path", "Bad Request",
                    "The path contains dot segments or encoded separators"));
        }
        if (request.getContentLength() > route.get().getMaxRequestSize()) {
            return Publishers.just(tooLarge(request, route.get().getMaxRequestSize()));
        }
        String service = route.get().getService();
        Optional<Authentication> caller = request.getUserPrincipal(Authentication.class);
        boolean open = caller.isEmpty() && ((route.get().isPublic(request.getPath()) && SAFE.contains(request.getMethod()))
                || route.get().isPublicWrite(request.getPath()));
        if (caller.isEmpty() && !open) {
            return Publishers.just(problem(request, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "A valid bearer token is required"));
        }
        if (caller.isPresent() && readOnly(caller.get()) && !SAFE.contains(request.getMethod())) {
            return Publishers.just(problem(request, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Auditors read everything and change nothing"));
        }
        Mono<MutableHttpResponse<?>> forwarded;
        if (replayable(request)) {
            // A small body is read first, so that each attempt can send a copy of it.
            ByteBody original = ((ServerHttpRequest<?>) request).byteBody();
            forwarded = Mono.usingWhen(Mono.fromFuture(original.buffer()),
                    body -> attempt(request, body, service, route.get(), new HashSet<>(), 1),
                    body -> Mono.fromRunnable(body::close));
        } else {
            forwarded = attempt(request, null, service, route.get(), new HashSet<>(), maxAttempts);
        }
        return forwarded.onErrorResume(e -> Mono.just(failure(request, service, route.get(), e)));
    }

    private Optional<Route> route(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    /**
     * Dot segments or encoded separators in the raw path. Each thing {@link #TRAVERSAL} finds has a
     * '.', '%' or '\\' in it, so a path with none of them (most API paths) skips the expression.
     */
    static boolean traversal(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        if (rawPath.indexOf('.') < 0 && rawPath.indexOf('%') < 0 && rawPath.indexOf('\\') < 0) {
            return false;
        }
        return TRAVERSAL.matcher(rawPath).find();
    }

    /** Whether the body is small enough to keep for a second attempt (a streamed upload is sent once). */
    private static boolean replayable(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return false;
        }
        OptionalLong length = server.byteBody().expectedLength();
        return length.isPresent() && length.getAsLong() <= REPLAYABLE_BODY;
    }

    /**
     * One attempt, on an instance this request has not tried. {@code body}: the buffered body, a
     * copy of which each attempt sends; null for a streamed body, which only one attempt can send.
     */
    private Mono<MutableHttpResponse<?>> attempt(HttpRequest<?> request, AvailableByteBody body, String service,
                                                 Route route, Set<URI> tried, int attempt) {
        return instances.choose(service, tried).flatMap(instance -> {
            URI uri = instance.getURI();
            MutableHttpRequest<?> outgoing = target(request, instance);
            HttpRequest<?> sent = body == null ? outgoing : new ReplayableRequest<>(outgoing, body.split());
            return Mono.<MutableHttpResponse<?>>from(proxy.proxy(sent)).onErrorResume(e -> {
                boolean connectFailure = isConnectFailure(e);
                if (connectFailure) {
                    health.eject(service, uri, String.valueOf(e.getMessage()));
                }
                boolean again = attempt < maxAttempts
                        && (connectFailure || (repeatable(request) && diedMidRequest(e)));
                if (!again) {
                    return Mono.error(e);
                }
                tried.add(uri);
                return attempt(request, body, service, route, tried, attempt + 1);
            });
        });
    }

    /** A request that may be sent twice without harm. */
    private static boolean repeatable(HttpRequest<?> request) {
        return IDEMPOTENT.contains(request.getMethod())
                || (request.getMethod() == HttpMethod.POST && request.getHeaders().contains("Idempotency-Key"));
    }

    private MutableHttpRequest<?> target(HttpRequest<?> request, ServiceInstance instance) {
        URI base = instance.getURI();
        String requestId = RequestIds.of(request);
        MutableHttpRequest<?> outgoing = request.mutate()
                .uri(b -> b.scheme(base.getScheme()).host(base.getHost()).port(base.getPort()));
        outgoing.getHeaders().remove(HttpHeaders.COOKIE);
        outgoing.getHeaders().remove("Forwarded");
        outgoing.getHeaders().set(RequestIds.HEADER, requestId);
        outgoing.getHeaders().set("X-Forwarded-For", addresses.resolve(request));
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

    /** Nothing reached the instance: the connection could not be made. */
    private static boolean isConnectFailure(Throwable e) {
        return e instanceof HttpClientException && !(e instanceof ReadTimeoutException)
                && !(e instanceof HttpClientResponseException)
                && (String.valueOf(e.getMessage()).startsWith("Connect Error") || hasCause(e, ConnectException.class));
    }

    /** The instance took the request and then dropped the connection without an answer. */
    private static boolean diedMidRequest(Throwable e) {
        return e instanceof ResponseClosedException || (e instanceof HttpClientException
                && !(e instanceof ReadTimeoutException) && !(e instanceof HttpClientResponseException)
                && !(e instanceof ContentLengthExceededException) && hasCause(e, IOException.class));
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private MutableHttpResponse<?> failure(HttpRequest<?> request, String service, Route route, Throwable e) {
        if (e instanceof ReadTimeoutException) {
            LOG.warn("{} did not answer {} {} in time", service, request.getMethod(), request.getPath());
            return problem(request, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout", "Gateway Timeout",
                    "The " + service + " service did not answer in time");
        }
        if (e instanceof NoAvailableServiceException || isConnectFailure(e)) {
            // Logged once per instance by InstanceHealth, not once per request.
            return unavailable(request, service);
        }
        if (hasCause(e, io.micronaut.http.exceptions.ContentLengthExceededException.class)) {
            return tooLarge(request, route.getMaxRequestSize());
        }
        if (clientBodyFailed(e)) {
            LOG.info("{} {}: the client's request body broke off ({}); nothing was forwarded in full",
                    request.getMethod(), request.getPath(), e.getMessage());
            return problem(request, HttpStatus.BAD_REQUEST, "incomplete-body", "Bad Request",
                    "The request body ended before its announced length");
        }
        LOG.warn("Forwarding {} {} to {} failed: {}", request.getMethod(), request.getPath(), service, e.toString());
        return problem(request, HttpStatus.BAD_GATEWAY, "upstream-failure", "Bad Gateway",
                "The " + service + " service could not be reached");
    }

    /** The body coming from the client ended early or broke: the client's fault, not the service's. */
    private static boolean clientBodyFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("PrematureChannelClosureException") || name.endsWith("ClosedChannelException")
                    || String.valueOf(t.getMessage()).contains("client disconnected")
                    || String.valueOf(t.getMessage()).contains("Connection closed before")) {
                return true;
            }
        }
        return false;
    }

    private MutableHttpResponse<?> tooLarge(HttpRequest<?> request, long limit) {
        return problem(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                "Payload Too Large", "This request may carry at most " + limit + " bytes");
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
