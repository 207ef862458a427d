package org.grantline.grants.idempotency;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.scheduling.annotation.Scheduled;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on creating requests: the first request with a key runs; the same key
 * and the same body (from the same caller) gets the first result again, marked
 * {@code Idempotent-Replayed: true}; the same key with another body is {@code 422}; while the first
 * is still running, {@code 409}. Only successful results are kept — a failed request changed nothing,
 * so the key is freed for a corrected retry. Keys live in the database (replicas share them) for
 * {@code grantline.idempotency.retention} (default a day).
 */
@ServerFilter(value = "/api/**", methods = HttpMethod.POST)
public class IdempotencyFilter implements Ordered {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String CLAIM = "grantline.idempotency.claim";
    /** A claim older than this whose request never finished is taken over by the next retry. */
    private static final Duration ABANDONED = Duration.ofMinutes(2);

    private final IdempotentRequestRepository requests;
    private final JsonMapper json;
    private final Duration retention;

    public IdempotencyFilter(IdempotentRequestRepository requests, JsonMapper json,
                             @Value("${grantline.idempotency.retention:24h}") Duration retention) {
        this.requests = requests;
        this.json = json;
        this.retention = retention;
    }

    private record Claim(String caller, String key) {
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> before(HttpRequest<?> request, @Nullable @Body byte[] body) {
        String key = request.getHeaders().get(HEADER);
        Principal principal = request.getUserPrincipal().orElse(null);
        if (key == null || principal == null) {
            return null;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw Problems.invalid(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String caller = principal.getName();
        String path = request.getUri().getRawPath() + (request.getUri().getRawQuery() == null ? "" : "?" + request.getUri().getRawQuery());
        String hash = hash(request.getMethodName(), path, body == null ? new byte[0] : body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (requests.reserve(caller, key, hash, request.getMethodName(), path, now) == 1
                || requests.takeOver(caller, key, hash, now.minus(ABANDONED), now) == 1) {
            request.setAttribute(CLAIM, new Claim(caller, key));
            return null;
        }
        IdempotentRequest first = requests.findById(new IdempotentRequest.Key(caller, key)).orElse(null);
        if (first == null) {
            // Freed between our attempts (the first request failed): the client may simply retry.
            throw inFlight();
        }
        if (!first.requestHash().equals(hash)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Unprocessable Content",
                    "This Idempotency-Key was already used for a different request (" + first.method() + " " + first.path()
                            + "); use a new key for a new request", Map.of());
        }
        if (!first.finished()) {
            throw inFlight();
        }
        MutableHttpResponse<Object> replay = HttpResponse.status(HttpStatus.valueOf(first.status()));
        replay.header(REPLAYED, "true");
        if (first.location() != null) {
            replay.header(HttpHeaders.LOCATION, first.location());
        }
        if (first.responseBody() != null) {
            replay.contentType(first.contentType() == null ? MediaType.APPLICATION_JSON : first.contentType());
            replay.body(first.responseBody().getBytes(StandardCharsets.UTF_8));
        }
        return replay;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void after(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Claim claim = request.getAttribute(CLAIM, Claim.class).orElse(null);
        if (claim == null) {
            return;
        }
        try {
            if (response.code() >= 200 && response.code() < 300) {
                Object body = response.getBody().orElse(null);
                String text = body == null ? null
                        : body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : body instanceof CharSequence chars ? chars.toString()
                        : json.writeValueAsString(body);
                requests.complete(claim.caller(), claim.key(), response.code(),
                        response.getContentType().map(MediaType::toString).orElse(body == null ? null : MediaType.APPLICATION_JSON),
                        response.getHeaders().get(HttpHeaders.LOCATION), text, Instant.now().truncatedTo(ChronoUnit.MICROS));
            } else {
                requests.release(claim.caller(), claim.key());
            }
        } catch (IOException | RuntimeException e) {
            // The request itself succeeded; a retry with this key after the claim lapses would run it again.
            LOG.error("Could not keep the result of {} for Idempotency-Key {}", request.getPath(), claim.key(), e);
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void forgetOldKeys() {
        int removed = requests.deleteCreatedBefore(Instant.now().minus(retention));
        if (removed > 0) {
            LOG.info("Forgot {} idempotency keys older than {}", removed, retention);
        }
    }

    private static ProblemException inFlight() {
        return new ProblemException(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Conflict",
                "A request with this Idempotency-Key is still being processed; retry shortly", Map.of());
    }

    static String hash(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
