package org.grantline.gateway.sso;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * micronaut-security-oauth2 adds, for every OpenID provider, a bearer-token validator that asks the
 * provider's userinfo endpoint: any access token that provider issued would then authenticate at
 * the gateway, with whatever claims the provider lists. GrantLine accepts only its own tokens
 * (signed by its key, issuer {@code grantline}); the provider is asked only during sign-in. So
 * that validator is swapped for one that accepts nothing (it has no switch of its own).
 */
@Singleton
public class NoUserInfoTokenValidation implements BeanCreatedEventListener<TokenValidator<?>> {
    static final String USER_INFO_VALIDATOR = "io.micronaut.security.oauth2.endpoint.userinfo.UserInfoClientTokenValidator";

    @Override
    public TokenValidator<?> onCreated(BeanCreatedEvent<TokenValidator<?>> event) {
        TokenValidator<?> validator = event.getBean();
        if (validator.getClass().getName().equals(USER_INFO_VALIDATOR)) {
            return new TokenValidator<Object>() {
                @Override
                public Publisher validateToken(String token, Object request) {
                    return Mono.empty();
                }
            };
        }
        return validator;
    }
}
