package org.grantline.grants.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of the deadline feed. {@code cursor}: pass it back as {@code cursor} to get only what changed since; {@code more}: call again now. */
@Serdeable
public record Feed(List<FeedItem> items, String cursor, boolean more) {
}
