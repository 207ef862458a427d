package org.grantline.gateway.apiclient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * An integration's credentials: its id is the {@code client_id}, {@code secretHash} the SHA-256 of
 * its secret. {@code version} is raised by every change (rotate, revoke) and is also the token
 * version its access tokens carry ({@code ver}), so each change ends every token issued before it.
 */
@MappedEntity("api_client")
public record ApiClient(@Id UUID id,
                        String name,
                        String roles,
                        @Nullable UUID jurisdictionId,
                        String secretHash,
                        String createdBy,
                        Instant createdAt,
                        @Nullable Instant expiresAt,
                        @Nullable Instant revokedAt,
                        @Nullable Instant rotatedAt,
                        @Version Long version) {

    /** The prefix of an API client's token subject: never a username (usernames have no colon). */
    public static final String SUBJECT_PREFIX = org.grantline.shared.security.Caller.API_CLIENT_PREFIX;

    public List<String> roleList() {
        return Arrays.asList(roles.split(","));
    }

    public String subject() {
        return SUBJECT_PREFIX + name;
    }

    public ApiClientView.Status status(Instant now) {
        if (revokedAt != null) {
            return ApiClientView.Status.REVOKED;
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? ApiClientView.Status.EXPIRED : ApiClientView.Status.ACTIVE;
    }

    ApiClient withSecret(String newHash, Instant now) {
        return new ApiClient(id, name, roles, jurisdictionId, newHash, createdBy, createdAt, expiresAt, revokedAt, now, version);
    }

    ApiClient withRevoked(Instant now) {
        return new ApiClient(id, name, roles, jurisdictionId, secretHash, createdBy, createdAt, expiresAt, now, rotatedAt, version);
    }
}
