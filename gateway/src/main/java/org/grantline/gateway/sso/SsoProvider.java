package org.grantline.gateway.sso;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code grantline.sso.providers.<name>}: an agency's OpenID Connect provider (its client is
 * {@code micronaut.security.oauth2.clients.<name>}), the jurisdiction it vouches for, and how its
 * claim values map to GrantLine roles. A user from it gets the mapped roles in that jurisdiction
 * and nothing else; a user none of whose values is mapped is refused.
 */
@EachProperty("grantline.sso.providers")
public class SsoProvider {
    private final String name;
    private String displayName;
    private UUID jurisdictionId;
    private String roleClaim = "groups";
    private Map<String, String> roles = new LinkedHashMap<>();

    public SsoProvider(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getDisplayName() {
        return displayName == null ? name : displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public UUID getJurisdictionId() {
        return jurisdictionId;
    }

    public void setJurisdictionId(UUID jurisdictionId) {
        this.jurisdictionId = jurisdictionId;
    }

    public String getRoleClaim() {
        return roleClaim;
    }

    public void setRoleClaim(String roleClaim) {
        this.roleClaim = roleClaim;
    }

    /** Claim value → GrantLine role. */
    public Map<String, String> getRoles() {
        return roles;
    }

    public void setRoles(Map<String, String> roles) {
        this.roles = roles == null ? new LinkedHashMap<>() : new LinkedHashMap<>(roles);
    }
}
