package org.grantline.notifications.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.Created;
import org.grantline.shared.openapi.NoContent;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.transaction.Transactional;
import org.grantline.jurisdiction.api.ContactView;
import org.grantline.notifications.directory.JurisdictionLookups;
import org.grantline.notifications.email.DigestEmail;
import org.grantline.notifications.email.Ics;
import org.grantline.notifications.owner.Owners;
import org.grantline.notifications.support.NotificationsConfig;
import org.grantline.notifications.plan.RequirementStatus;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Caller;
import org.grantline.shared.security.Roles;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Private calendar feeds: a user makes a feed URL with a secret token (only its SHA-256 is kept),
 * subscribes to it from Outlook or Google Calendar (which send no token), and can revoke it.
 * The feed lists every open deadline of the user's jurisdiction (all, for DOJ, admins, auditors),
 * however overdue, and those closed in the last 30 days, each with alarms a week and a day before.
 */
@Controller("/api/calendar")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Calendar")
public class CalendarController {
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String ICS_PATH = "/api/calendar/ics/";

    private final CalendarFeedRepository feeds;
    private final CalendarEntryRepository requirements;
    private final TransactionOperations<Connection> tx;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;
    private final Owners owners;

    private final SignedFeeds signedFeeds;
    private final JurisdictionLookups directory;
    private static final Logger LOG = LoggerFactory.getLogger(CalendarController.class);

    public CalendarController(CalendarFeedRepository feeds, CalendarEntryRepository requirements, TransactionOperations<Connection> tx,
                              NotificationsConfig config, AuditTrail audit, Clock clock, Owners owners, SignedFeeds signedFeeds,
                              JurisdictionLookups directory) {
        this.directory = directory;
        this.requirements = requirements;
        this.feeds = feeds;
        this.signedFeeds = signedFeeds;
        this.owners = owners;
        this.tx = tx;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    @Serdeable
    public record FeedView(UUID id, @Nullable UUID jurisdictionId, Instant createdAt, @Nullable Instant revokedAt, @Nullable String url) {
    }

    @Post("/feeds")
    @Operation(summary = "Creates a private calendar feed link for the caller's jurisdiction")
    @Created
    @Status(HttpStatus.CREATED)
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Transactional
    public HttpResponse<FeedView> create(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller.has(Roles.SERVICE)) {
            throw Problems.forbidden("Calendar feeds are for people");
        }
        if (caller.apiClient()) {
            // A feed is an anonymous link that lives by its owner's account (Owners); an API client has
            // none, so its feed would answer 404 at once. Integrations read the deadlines through the API.
            throw Problems.forbidden("Calendar feeds are for people; an API client reads deadlines through the API");
        }
        UUID jurisdiction = null;
        if (!caller.seesAllJurisdictions()) {
            jurisdiction = caller.jurisdictionId().orElseThrow(() -> Problems.forbidden("No jurisdiction bound to this user"));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CalendarFeed saved = feeds.save(new CalendarFeed(UUID.randomUUID(), hash(token), caller.subject(), jurisdiction,
                clock.instant(), null));
        audit.record("calendar-feed.created", "calendar_feed", saved.id(), null, Map.of("username", caller.subject()));
        return HttpResponse.created(new FeedView(saved.id(), jurisdiction, saved.createdAt(), null,
                config.getAppUrl() + ICS_PATH + token + ".ics"), URI.create("/api/calendar/feeds/" + saved.id()));
    }

    @Get("/feeds")
    @Operation(summary = "The caller's calendar feeds")
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<FeedView> mine(Authentication authentication) {
        return feeds.findByUsername(authentication.getName()).stream()
                .map(f -> new FeedView(f.id(), f.jurisdictionId(), f.createdAt(), f.revokedAt(), null)).toList();
    }

    @Delete("/feeds/{id}")
    @ProblemResponses.BadRequest
    @Operation(summary = "Revokes a calendar feed")
    @NoContent
    @ProblemResponses.Unauthorized
    @ProblemResponses.Forbidden
    @ProblemResponses.NotFound
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Status(HttpStatus.NO_CONTENT)
    @Transactional
    public void revoke(UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        CalendarFeed feed = feeds.findById(id).filter(f -> f.username().equals(caller.subject()) || caller.has(Roles.ADMIN))
                .orElseThrow(() -> Problems.notFound("No calendar feed " + id));
        if (feed.revokedAt() == null) {
            feeds.update(new CalendarFeed(feed.id(), feed.tokenHash(), feed.username(), feed.jurisdictionId(), feed.createdAt(), clock.instant()));
            audit.record("calendar-feed.revoked", "calendar_feed", id, Map.of("revoked", false), Map.of("revoked", true));
        }
    }

    /**
     * The feed itself: no token, only the secret in the path. Unknown or revoked: 404, the same answer;
     * so is a feed whose owner is now disabled or gone. It shows what its owner may see now: the
     * jurisdiction they are bound to today (all, for DOJ, admins, auditors), not the one of the day it was made.
     */
    @Get(value = "/ics/{file}", produces = "text/calendar")
    @SecurityRequirements
    @ProblemResponses.NotFound
    @ApiResponse(responseCode = "200", description = "An iCalendar (RFC 5545) feed of the jurisdiction's deadlines",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string", example = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...\r\nEND:VCALENDAR\r\n")))
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<String> ics(String file) {
        String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : file;
        boolean signed = SignedFeeds.isSigned(token);
        String username;
        if (signed) {   // a derived feed URL (SignedFeeds): no row, the signature is the credential
            username = signedFeeds.username(token).orElseThrow(() -> Problems.notFound("No such calendar"));
        } else {
            CalendarFeed feed = token.length() < 40 ? null
                    : feeds.findByTokenHash(hash(token)).filter(f -> f.revokedAt() == null).orElse(null);
            if (feed == null) {
                throw Problems.notFound("No such calendar");
            }
            username = feed.username();
        }
        Owners.Owner owner;
        try {
            owner = owners.current(username).filter(Owners.Owner::enabled)
                    .filter(o -> !signed || signedFeeds.current(token, o)).orElse(null);
        } catch (Owners.OwnerUnavailable e) {
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "owner-unavailable", "Calendar unavailable",
                    "Whether this calendar's owner may still read it cannot be checked now; try again later");
        }
        if (owner == null || (!owner.seesAll() && owner.jurisdictionId() == null)) {
            throw Problems.notFound("No such calendar");
        }
        UUID scope = owner.seesAll() ? null : owner.jurisdictionId();
        Instant now = clock.instant();
        nameUnnamedJurisdictions(scope);
        Instant closedSince = now.minus(Duration.ofDays(30));
        List<CalendarEntry> entries = scope == null ? requirements.all(RequirementStatus.OPEN, closedSince)
                : requirements.ofJurisdiction(scope, RequirementStatus.OPEN, closedSince);
        List<Ics.Event> events = entries.stream().map(this::event).toList();
        return HttpResponse.ok(Ics.calendar("GrantLine deadlines", events, now))
                .contentType(MediaType.of("text/calendar; charset=utf-8"))
                .header("Cache-Control", "private, max-age=300");
    }

    private Ics.Event event(CalendarEntry r) {
        String title = r.conditionTitle() == null ? "Certification" : r.conditionTitle();
        boolean open = RequirementStatus.owed(r.status()) && !r.enjoined();
        DigestEmail.Item item = new DigestEmail.Item(r.id(), 0, false, r.conditionTitle(), r.programName(), r.awardNumber(),
                r.jurisdictionName(), r.deadlineAt(), r.timeZone());
        return new Ics.Event(r.id() + "@grantline", r.deadlineAt(),
                (open ? "Deadline: " : "[" + (r.enjoined() ? "ENJOINED" : r.status()) + "] ") + title
                        + (r.jurisdictionName() == null ? "" : " (" + r.jurisdictionName() + ")"),
                "Award " + (r.awardNumber() == null ? "—" : r.awardNumber()) + ". Deadline: " + item.localDeadline() + ".",
                DigestEmail.link(config.getAppUrl(), r.id()),
                open ? List.of(Duration.ofDays(7), Duration.ofDays(1)) : List.of());
    }

    /**
     * Every event names its jurisdiction: a requirement gets its jurisdiction's name when a reminder for it fans out,
     * so one that no reminder has reached yet is named here, from the registry, once (the name is kept). If the
     * registry cannot answer, the feed is served as it is and the names come at the next reading.
     */
    private void nameUnnamedJurisdictions(@Nullable UUID scope) {
        List<UUID> unnamed = scope == null ? requirements.unnamedJurisdictions() : requirements.unnamedJurisdictions(scope);
        if (unnamed.isEmpty()) {
            return;
        }
        Map<UUID, String> names;
        try {
            names = directory.names(unnamed);
        } catch (RuntimeException e) {
            LOG.warn("Calendar served without {} jurisdictions' names: the registry did not answer ({})", unnamed.size(), e.toString());
            return;
        }
        tx.executeWrite(status -> {
            unnamed.stream().filter(names::containsKey).forEach(id -> requirements.nameJurisdiction(id, names.get(id)));
            return null;
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
