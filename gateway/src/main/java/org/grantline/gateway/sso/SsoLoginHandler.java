package org.grantline.gateway.sso;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.LoginService;
import org.grantline.gateway.auth.TokenMessages;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.gateway.web.WebSessionController;

import java.net.URI;
import java.util.UUID;

/**
 * The end of a single sign-on: the user gets a GrantLine session exactly as after a password
 * sign-in (the refresh token in the web session's HttpOnly cookie) and is sent to the web app,
 * which restores the session from the cookie. A refused sign-in goes to the sign-in page, which
 * says so.
 */
@Singleton
public class SsoLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {
    public static final String REFUSED = "/#/signin?sso=refused";
    private final LoginService logins;
    private final AppUserRepository users;
    private final WebSessionController web;

    public SsoLoginHandler(LoginService logins, AppUserRepository users, WebSessionController web) {
        this.logins = logins;
        this.users = users;
        this.web = web;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        Object id = authentication.getAttributes().get(SsoAuthenticationMapper.USER_ID);
        AppUser user = id == null ? null : users.findById(UUID.fromString(id.toString())).filter(AppUser::enabled).orElse(null);
        if (user == null) {
            return HttpResponse.seeOther(URI.create(REFUSED));
        }
        TokenMessages.TokenResponse tokens = logins.signedIn(user);
        return HttpResponse.seeOther(URI.create("/")).cookie(web.refreshCookie(tokens.refreshToken()));
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(Authentication authentication, String refreshToken, HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create(REFUSED));
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse authenticationResponse, HttpRequest<?> request) {
        return HttpResponse.seeOther(URI.create(REFUSED));
    }
}
