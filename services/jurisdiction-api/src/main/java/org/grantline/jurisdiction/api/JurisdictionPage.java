package org.grantline.jurisdiction.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

@Serdeable
public record JurisdictionPage(List<JurisdictionView> items, int page, int size, long total) {
}
