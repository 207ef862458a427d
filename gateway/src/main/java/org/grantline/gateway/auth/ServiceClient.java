package org.grantline.gateway.auth;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * A GrantLine service allowed to get tokens for itself (client credentials): its name is the
 * client id and the token's subject; each has its own secret. An empty secret disables it.
 */
@EachProperty("grantline.service-clients")
public class ServiceClient {
    private final String name;
    private String secret = "";

    public ServiceClient(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret == null ? "" : secret;
    }
}
