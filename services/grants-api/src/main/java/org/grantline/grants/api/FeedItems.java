package org.grantline.grants.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The feed items of named requirements (unknown ids are left out). */
@Serdeable
public record FeedItems(List<FeedItem> items) {
}
