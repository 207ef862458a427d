package org.grantline.gateway.user;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** A jurisdiction's enabled users and, among them, its enabled agency administrators (two or more: no single point of failure). */
@Serdeable
@Introspected
public record AgencyAdminCoverage(UUID jurisdictionId, long activeUsers, long activeAgencyAdmins) {
}
