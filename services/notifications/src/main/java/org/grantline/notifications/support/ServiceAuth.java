package org.grantline.notifications.support;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.grantline.shared.security.ServiceTokens;

/** "Bearer …" for calls this service makes on its own behalf (client credentials at the gateway). */
@Singleton
public class ServiceAuth {
    private final Provider<ServiceTokens> tokens;

    public ServiceAuth(Provider<ServiceTokens> tokens) {
        this.tokens = tokens;
    }

    public String bearer() {
        return "Bearer " + tokens.get().token();
    }
}
