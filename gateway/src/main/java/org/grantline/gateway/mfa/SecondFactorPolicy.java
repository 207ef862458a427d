package org.grantline.gateway.mfa;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code grantline.mfa}: which roles must have a second factor (production: ADMIN, DOJ_OFFICER,
 * LEGAL_OFFICER; the embedded default: none, so the demo logins work from the README alone), and
 * how guessing codes is bounded.
 */
@ConfigurationProperties("grantline.mfa")
public class SecondFactorPolicy {
    private List<String> requiredRoles = List.of("ADMIN", "DOJ_OFFICER", "LEGAL_OFFICER", "AGENCY_ADMIN");
    private String issuer = "GrantLine";
    private Duration challengeLifetime = Duration.ofMinutes(5);
    private int maxFailedCodes = 5;
    private Duration lockout = Duration.ofMinutes(15);

    public boolean requiredFor(List<String> roles) {
        return roles.stream().anyMatch(requiredRoles::contains);
    }

    public List<String> getRequiredRoles() {
        return requiredRoles;
    }

    public void setRequiredRoles(List<String> requiredRoles) {
        this.requiredRoles = requiredRoles == null ? List.of()
                : requiredRoles.stream().map(String::strip).filter(r -> !r.isEmpty()).toList();
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public Duration getChallengeLifetime() {
        return challengeLifetime;
    }

    public void setChallengeLifetime(Duration challengeLifetime) {
        this.challengeLifetime = challengeLifetime;
    }

    public int getMaxFailedCodes() {
        return maxFailedCodes;
    }

    public void setMaxFailedCodes(int maxFailedCodes) {
        this.maxFailedCodes = maxFailedCodes;
    }

    public Duration getLockout() {
        return lockout;
    }

    public void setLockout(Duration lockout) {
        this.lockout = lockout;
    }
}
