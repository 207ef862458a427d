package org.grantline.gateway.apiclient;

import static org.grantline.gateway.auth.Secrets.sha256;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.Secrets;
import org.grantline.gateway.auth.TokenIssuer;
import org.grantline.gateway.auth.TokenMessages;
import org.grantline.gateway.revocation.TokenRevocations;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * API clients: created by an administrator, a DOJ officer or an agency administrator within
 * {@link ApiClientScope}; the secret (32 random bytes) is answered once and stored only as its
 * SHA-256. Rotating or revoking raises the client's version and puts "every token of
 * {@code client:<name>} below it" on the revocation list, the mechanism that ends a disabled user's
 * tokens, so earlier tokens are refused within the same 5-second bound; an expiry caps each token's
 * {@code exp}, so no token outlives its client. Every change is audited, never with the secret.
 */
@Singleton
public class ApiClientService {
    static final String ENTITY = "api-client";
    private static final Logger LOG = LoggerFactory.getLogger(ApiClientService.class);
    /** Compared against for an unknown client id, so that an unknown id costs what a known one does. */
    private static final String NO_HASH = sha256("no such client");

    private final ApiClientRepository clients;
    private final TokenRevocations revocations;
    private final TokenIssuer issuer;
    private final AuditTrail audit;

    public ApiClientService(ApiClientRepository clients, TokenRevocations revocations, TokenIssuer issuer, AuditTrail audit) {
        this.clients = clients;
        this.revocations = revocations;
        this.issuer = issuer;
        this.audit = audit;
    }

    @Transactional
    public ApiClientCommands.ApiClientSecret create(ApiClientCommands.ApiClientCreateCommand command, ApiClientScope scope,
                                                    String creator) {
        UUID jurisdiction = scope.jurisdictionFor(command.jurisdictionId());
        List<String> roles = scope.checkCreate(command.roles(), jurisdiction);
        Instant now = now();
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw Problems.invalid("expiresAt", "must be in the future");
        }
        if (clients.existsByName(command.name())) {
            throw duplicateName(command.name());
        }
        String secret = Secrets.random();
        ApiClient saved;
        try {
            saved = clients.save(new ApiClient(UUID.randomUUID(), command.name(), String.join(",", roles), jurisdiction,
                    sha256(secret), creator, now, command.expiresAt() == null ? null : command.expiresAt().truncatedTo(ChronoUnit.MICROS),
                    null, null, null));
        } catch (DataAccessException e) {
            if (DatabaseConflicts.isUniqueViolation(e, "api_client_name_unique")) {
                throw duplicateName(command.name());   // taken by a request at the same moment
            }
            throw e;
        }
        ApiClientView view = ApiClientView.of(saved, now);
        audit.record("api-client.created", ENTITY, saved.id(), null, view);
        LOG.info("API client '{}' ({}) created by {}", saved.name(), saved.id(), creator);
        return new ApiClientCommands.ApiClientSecret(saved.id(), secret, view);
    }

    public List<ApiClientView> list(ApiClientScope scope) {
        Instant now = now();
        List<ApiClient> found = switch (scope.kind()) {
            case ADMIN, AUDITOR -> clients.findAllOrderByName();
            case DOJ -> clients.findByJurisdictionIdIsNullOrderByName();
            case AGENCY -> clients.findByJurisdictionIdOrderByName(scope.jurisdiction());
            case NONE -> List.of();
        };
        return found.stream().filter(c -> scope.sees(c.roleList(), c.jurisdictionId()))
                .map(c -> ApiClientView.of(c, now)).toList();
    }

    public ApiClientView get(UUID id, ApiClientScope scope) {
        return ApiClientView.of(find(id, scope), now());
    }

    /** A new secret, answered once; the old one stops at once and every token issued before is refused. */
    @Transactional
    public ApiClientCommands.ApiClientSecret rotate(UUID id, ApiClientScope scope) {
        ApiClient current = managed(id, scope);
        Instant now = now();
        switch (current.status(now)) {
            case REVOKED -> throw Problems.conflict("api-client-revoked", "The API client is revoked; create a new one");
            case EXPIRED -> throw Problems.conflict("api-client-expired", "The API client has expired; create a new one");
            case ACTIVE -> {
            }
        }
        String secret = Secrets.random();
        ApiClient rotated = clients.update(current.withSecret(sha256(secret), now));
        // The row's version is now one above the one read (else the update failed as stale: 409).
        revocations.revokeBelow(current.subject(), current.version() + 1);
        ApiClientView view = ApiClientView.of(rotated, now);
        audit.record("api-client.rotated", ENTITY, id, ApiClientView.of(current, now), view);
        LOG.info("API client '{}' ({}) rotated its secret", rotated.name(), id);
        return new ApiClientCommands.ApiClientSecret(id, secret, view);
    }

    /** Revokes the client for good: its secret and every token of it are refused. Revoking again changes nothing. */
    @Transactional
    public ApiClientView revoke(UUID id, ApiClientScope scope) {
        ApiClient current = managed(id, scope);
        Instant now = now();
        if (current.revokedAt() != null) {
            return ApiClientView.of(current, now);
        }
        ApiClient revoked = clients.update(current.withRevoked(now));
        revocations.revokeBelow(current.subject(), current.version() + 1);
        ApiClientView view = ApiClientView.of(revoked, now);
        audit.record("api-client.revoked", ENTITY, id, ApiClientView.of(current, now), view);
        LOG.info("API client '{}' ({}) revoked", revoked.name(), id);
        return view;
    }

    /**
     * Client credentials: an access token for an active client whose secret is right, with subject
     * {@code client:<name>}, the client's roles and jurisdiction and its version; it lives as long as a
     * person's and never past the client's expiry. Unknown, wrong secret, revoked or expired: the same 401.
     */
    public TokenMessages.TokenResponse token(UUID clientId, String clientSecret) {
        Optional<ApiClient> found = clients.findById(clientId);
        boolean secretRight = MessageDigest.isEqual(found.map(ApiClient::secretHash).orElse(NO_HASH).getBytes(StandardCharsets.UTF_8),
                sha256(clientSecret).getBytes(StandardCharsets.UTF_8));
        Instant now = Instant.now();
        if (found.isEmpty() || !secretRight || found.get().status(now) != ApiClientView.Status.ACTIVE) {
            LOG.warn("Client credentials refused for API client {} ({})", clientId,
                    found.isEmpty() ? "unknown" : !secretRight ? "wrong secret" : found.get().status(now));
            throw invalidClient();
        }
        ApiClient client = found.get();
        TokenIssuer.AccessToken token = issuer.forClient(client.subject(), client.name(), client.roleList(),
                client.jurisdictionId(), client.version(), client.expiresAt());
        LOG.info("Access token for API client '{}' ({})", client.name(), clientId);
        return new TokenMessages.TokenResponse(token.token(), null, "Bearer", token.expiresIn(), client.subject(),
                client.roleList());
    }

    public static ProblemException invalidClient() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid-client", "Unauthorized",
                "Unknown client, wrong client secret, or the client is revoked or expired", Map.of("error", "invalid_client"));
    }

    private ApiClient find(UUID id, ApiClientScope scope) {
        return clients.findById(id).filter(c -> scope.sees(c.roleList(), c.jurisdictionId()))
                .orElseThrow(() -> Problems.notFound("No API client " + id));
    }

    private ApiClient managed(UUID id, ApiClientScope scope) {
        ApiClient client = find(id, scope);
        if (!scope.manages()) {
            throw Problems.forbidden("Auditors change nothing");
        }
        return client;
    }

    private static RuntimeException duplicateName(String name) {
        return Problems.conflict("duplicate-api-client-name", "An API client named " + name + " exists already");
    }



    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
