package org.grantline.gateway.sso;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/**
 * After Micronaut Security validated the provider's ID token (signature against the provider's
 * JWKS, issuer, audience, nonce, expiry), maps it to a GrantLine user ({@link SsoSignIn}). The
 * provider's own tokens go no further: the user gets GrantLine's tokens ({@link SsoLoginHandler}).
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
public class SsoAuthenticationMapper implements OpenIdAuthenticationMapper {
    public static final String USER_ID = "grantlineUserId";
    private final SsoSignIn signIn;

    public SsoAuthenticationMapper(SsoSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName, OpenIdTokenResponse tokenResponse,
                                                                          OpenIdClaims openIdClaims, @Nullable State state) {
        return Mono.fromCallable(() -> {
            SsoSignIn.Outcome outcome = signIn.signIn(providerName, openIdClaims.getSubject(), openIdClaims.getClaims());
            if (outcome instanceof SsoSignIn.Accepted accepted) {
                return AuthenticationResponse.success(accepted.user().username(), accepted.user().roleList(),
                        Map.of(USER_ID, accepted.user().id().toString(), "provider", providerName));
            }
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND);
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
