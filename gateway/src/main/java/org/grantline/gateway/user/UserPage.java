package org.grantline.gateway.user;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record UserPage(List<UserView> items, int page, int size, long total) {
}
