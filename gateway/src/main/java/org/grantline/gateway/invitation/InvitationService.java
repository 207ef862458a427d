package org.grantline.gateway.invitation;

import static org.grantline.gateway.auth.Secrets.sha256;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.Secrets;
import org.grantline.gateway.auth.PasswordHasher;
import org.grantline.gateway.mail.NotificationsMailClient;
import org.grantline.notifications.api.InvitationEmailCommand;
import org.grantline.gateway.user.AgencyScope;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.gateway.user.UserService;
import org.grantline.gateway.user.UserView;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.DatabaseConflicts;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations: an agency administrator (or an administrator) invites a colleague by email to a
 * jurisdiction role; the link carries a random token (stored as its SHA-256 only) that works once,
 * for {@code grantline.invitations.lifetime} (72 h). The invitation is saved and audited in its
 * own transaction; only then is notifications asked to send it (no transaction held over the
 * call), and when it cannot, the invitation is withdrawn again (audited) and the caller gets a 503.
 */
@Singleton
public class InvitationService {
    static final String ENTITY = "invitation";
    private static final Logger LOG = LoggerFactory.getLogger(InvitationService.class);

    private final InvitationRepository invitations;
    private final AppUserRepository users;
    private final UserService userService;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> tx;
    private final NotificationsMailClient mail;
    private final Duration lifetime;

    public InvitationService(InvitationRepository invitations, AppUserRepository users, UserService userService,
                             PasswordHasher hasher, AuditTrail audit, TransactionOperations<Connection> tx,
                             NotificationsMailClient mail,
                             @Value("${grantline.invitations.lifetime:72h}") Duration lifetime) {
        this.invitations = invitations;
        this.users = users;
        this.userService = userService;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.mail = mail;
        this.lifetime = lifetime;
    }

    public InvitationView invite(InvitationCommands.InvitationCreateCommand command, AgencyScope scope, String inviter) {
        UUID jurisdiction = command.jurisdictionId() != null ? command.jurisdictionId() : scope.jurisdiction();
        scope.checkGrant(command.roles(), jurisdiction);
        for (String role : command.roles()) {
            if (!Roles.AGENCY_GRANTABLE.contains(role)) {
                throw Problems.invalid("roles", "an invitation gives jurisdiction roles only: " + Roles.AGENCY_GRANTABLE);
            }
        }
        if (jurisdiction == null) {
            throw Problems.invalid("jurisdictionId", "an invitation is to one jurisdiction");
        }
        List<String> roles = UserService.checkRoles(command.roles(), jurisdiction);
        String token = Secrets.random();
        Instant now = now();
        Invitation saved = tx.executeWrite(status -> {
            if (users.existsByUsername(command.username()) || invitations.pendingFor(command.username(), now)) {
                throw Problems.conflict("duplicate-username", "The username " + command.username()
                        + " is taken or already invited");
            }
            Invitation invitation = invitations.save(new Invitation(UUID.randomUUID(), command.email(), command.username(),
                    command.displayName().strip(), AppUser.joinRoles(roles), jurisdiction, sha256(token), inviter, now,
                    now.plus(lifetime), null, null, null, null));
            audit.record("invitation.created", ENTITY, invitation.id(), null, InvitationView.of(invitation, now));
            return invitation;
        });
        try {
            mail.send(new InvitationEmailCommand(saved.id(), saved.email(),
                    saved.displayName(), saved.username(), roles, inviter, token, saved.expiresAt()));
        } catch (RuntimeException e) {   // refused, unreachable, no instance known: the link was not sent
            LOG.warn("Invitation {} could not be emailed: {}", saved.id(), e.getMessage());
            withdraw(saved.id(), "the email could not be sent");
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "mail-unavailable", "Service unavailable",
                    "The invitation email could not be sent, so the invitation was withdrawn; try again later");
        }
        return InvitationView.of(saved, now);
    }

    public List<InvitationView> list(AgencyScope scope) {
        Instant now = now();
        List<Invitation> found = scope.everyone() ? invitations.findAllOrderByCreatedAtDesc()
                : scope.jurisdiction() == null ? List.of()
                : invitations.findByJurisdictionIdOrderByCreatedAtDesc(scope.jurisdiction());
        return found.stream().map(i -> InvitationView.of(i, now)).toList();
    }

    public InvitationView revoke(UUID id, AgencyScope scope) {
        return tx.executeWrite(status -> {
            Invitation current = invitations.findById(id).filter(i -> scope.covers(i.jurisdictionId()))
                    .orElseThrow(() -> Problems.notFound("No invitation " + id));
            Instant now = now();
            if (current.status(now) != InvitationView.Status.PENDING) {
                throw Problems.conflict("invitation-not-pending", "The invitation is " + current.status(now));
            }
            Invitation revoked = invitations.update(withRevoked(current, now));
            InvitationView view = InvitationView.of(revoked, now);
            audit.record("invitation.revoked", ENTITY, id, InvitationView.of(current, now), view);
            return view;
        });
    }

    /** The invitation behind a link, if it can still be accepted. */
    public InvitationCommands.InvitationPreview preview(String token) {
        Invitation i = usable(token, now());
        return new InvitationCommands.InvitationPreview(i.username(), i.displayName(), i.email(), i.roleList(),
                i.jurisdictionId(), i.expiresAt());
    }

    /** Creates the invited account with this password; the link works only once. */
    public UserView accept(String token, String password) {
        PasswordHasher.checkLength("password", password);
        String hash = hasher.hash(password);   // bcrypt outside the transaction
        return tx.executeWrite(status -> {
            Instant now = now();
            Invitation invitation = usable(invitations.findByTokenHashForUpdate(sha256(token)), now);
            if (users.existsByUsername(invitation.username())) {
                throw Problems.conflict("duplicate-username", "The username " + invitation.username() + " is taken");
            }
            AppUser user;
            try {
                user = users.save(new AppUser(UUID.randomUUID(), invitation.username(), invitation.displayName(),
                        invitation.email(), hash, invitation.roles(), invitation.jurisdictionId(), true, 0, null, now, now, null));
            } catch (DataAccessException e) {
                if (DatabaseConflicts.isUniqueViolation(e, "app_user_username_unique")) {
                    throw used();   // the same link accepted by another request at the same moment (a double submit)
                }
                throw e;
            }
            if (invitations.claim(invitation.id(), user.id(), now) != 1) {
                // Accepted (or revoked) by another request at the same moment: this one makes nobody.
                throw used();
            }
            Invitation accepted = invitations.findById(invitation.id()).orElseThrow();
            UserView view = userService.view(user);
            audit.recordAs(user.username(), "user.created", "user", user.id(), null, view);
            audit.recordAs(user.username(), "invitation.accepted", ENTITY, invitation.id(),
                    InvitationView.of(invitation, now), InvitationView.of(accepted, now));
            return view;
        });
    }

    private Invitation usable(String token, Instant now) {
        return usable(invitations.findByTokenHash(sha256(token)), now);
    }

    private Invitation usable(Optional<Invitation> found, Instant now) {
        Invitation i = found.orElseThrow(() -> Problems.notFound("This invitation link is not known"));
        return switch (i.status(now)) {
            case PENDING -> i;
            case ACCEPTED -> throw used();
            case EXPIRED -> throw Problems.conflict("invitation-expired",
                    "This invitation has expired; ask your agency administrator for a new one");
            case REVOKED -> throw Problems.conflict("invitation-revoked", "This invitation was withdrawn");
        };
    }

    private static RuntimeException used() {
        return Problems.conflict("invitation-used", "This invitation link has been used already; sign in instead");
    }

    private void withdraw(UUID id, String reason) {
        try {
            tx.executeWrite(status -> {
                invitations.findById(id).ifPresent(current -> {
                    Instant now = now();
                    Invitation revoked = invitations.update(withRevoked(current, now));
                    audit.record("invitation.send-failed", ENTITY, id, InvitationView.of(current, now),
                            InvitationView.of(revoked, now));
                });
                return null;
            });
        } catch (RuntimeException e) {
            // The link was never sent, so nobody holds it; it runs out on its own.
            LOG.warn("Invitation {} not withdrawn after {}: {}", id, reason, e.toString());
        }
    }

    private static Invitation withRevoked(Invitation i, Instant now) {
        return new Invitation(i.id(), i.email(), i.username(), i.displayName(), i.roles(), i.jurisdictionId(), i.tokenHash(),
                i.invitedBy(), i.createdAt(), i.expiresAt(), i.acceptedAt(), i.userId(), now, i.version());
    }



    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
