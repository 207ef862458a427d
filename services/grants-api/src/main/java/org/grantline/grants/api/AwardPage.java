package org.grantline.grants.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of awards the caller may see ({@link AwardOperations#list}). */
@Serdeable
public record AwardPage(List<AwardView> items, int page, int size, long total) {
}
