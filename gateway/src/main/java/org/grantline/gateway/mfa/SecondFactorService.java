package org.grantline.gateway.mfa;

import static org.grantline.gateway.auth.Secrets.sha256;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.grantline.gateway.auth.Secrets;
import org.grantline.gateway.auth.RefreshTokenRepository;
import org.grantline.gateway.revocation.TokenRevocations;
import org.grantline.gateway.mail.NotificationsMailClient;
import org.grantline.notifications.api.AccountEmailCommand;
import org.grantline.gateway.passkey.PasskeyService;
import org.grantline.gateway.user.AppUser;
import org.grantline.gateway.user.AppUserRepository;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.ProblemException;
import org.grantline.shared.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The second factor: enrolment, the sign-in challenge, codes and recovery codes, the admin reset.
 * Every decision that concurrent requests could race is one conditional UPDATE (a code's step is
 * used once, a recovery code is spent once, a challenge ends once). Wrong codes are counted per
 * challenge and per user; at {@code grantline.mfa.max-failed-codes} in a row the user's factor is
 * locked for {@code grantline.mfa.lockout}. No method here runs in one transaction on purpose: a
 * failure that is counted must stay counted when the request then fails.
 */
@Singleton
public class SecondFactorService {
    private static final Logger LOG = LoggerFactory.getLogger(SecondFactorService.class);
    static final String ENTITY = "user";
    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final TotpFactorRepository factors;
    private final RecoveryCodeRepository recoveryCodes;
    private final SignInChallengeRepository challenges;
    private final AppUserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final TokenRevocations revocations;
    private final SecondFactorPolicy policy;
    private final AuditTrail audit;
    private final NotificationsMailClient mail;
    private final PasskeyService passkeys;

    public SecondFactorService(TotpFactorRepository factors, RecoveryCodeRepository recoveryCodes,
                               SignInChallengeRepository challenges, AppUserRepository users,
                               RefreshTokenRepository refreshTokens, TokenRevocations revocations,
                               SecondFactorPolicy policy, AuditTrail audit, NotificationsMailClient mail,
                               PasskeyService passkeys) {
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.challenges = challenges;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.policy = policy;
        this.audit = audit;
        this.mail = mail;
        this.passkeys = passkeys;
    }

    /** After a right password: nothing more to do (empty), or the 401 that asks for a code or for enrolment. */
    public Optional<ProblemException> challengeAfterPassword(AppUser user, String source) {
        Optional<TotpFactor> factor = factors.findById(user.id());
        boolean confirmed = factor.map(TotpFactor::confirmed).orElse(false);
        if (!confirmed && !policy.requiredFor(user.roleList())) {
            return Optional.empty();
        }
        SignInChallenge.Purpose purpose = confirmed ? SignInChallenge.Purpose.VERIFY : SignInChallenge.Purpose.ENROL;
        String token = Secrets.random();
        Instant now = now();
        challenges.save(new SignInChallenge(UUID.randomUUID(), sha256(token), user.id(), purpose, source, 0, now,
                now.plus(policy.getChallengeLifetime()), null));
        Map<String, Object> extensions = Map.of("challenge", token, "enrolment", !confirmed,
                "expires_in", policy.getChallengeLifetime().toSeconds());
        return Optional.of(confirmed
                ? new ProblemException(HttpStatus.UNAUTHORIZED, "second-factor-required", "Unauthorized",
                "Enter the code from your authenticator app (or a recovery code)", extensions)
                : new ProblemException(HttpStatus.UNAUTHORIZED, "second-factor-enrolment-required", "Unauthorized",
                "Your role requires a second factor: set up an authenticator app to finish signing in", extensions));
    }

    /** During a sign-in that requires enrolment: the new key for the user's authenticator app. */
    public SecondFactorMessages.Enrolment startEnrolmentFor(String challenge) {
        SignInChallenge found = liveChallenge(challenge);
        if (found.purpose() != SignInChallenge.Purpose.ENROL) {
            throw Problems.conflict("second-factor-exists", "This account already has an authenticator");
        }
        AppUser user = enabledUser(found.userId());
        return startEnrolment(user);
    }

    /** The signed-in user sets up (or starts again setting up) an authenticator; a confirmed one must be reset first. */
    public SecondFactorMessages.Enrolment startEnrolment(AppUser user) {
        Optional<TotpFactor> existing = factors.findById(user.id());
        if (existing.map(TotpFactor::confirmed).orElse(false)) {
            throw Problems.conflict("second-factor-exists",
                    "You already have an authenticator; an administrator can reset it");
        }
        String secret = Totp.newSecret();
        Instant now = now();
        // Two enrolments at once: the second insert is a unique violation, answered 409 (shared DatabaseConflicts).
        if (existing.isPresent()) {
            factors.update(new TotpFactor(user.id(), secret, null, -1, 0, null, now));
        } else {
            factors.save(new TotpFactor(user.id(), secret, null, -1, 0, null, now));
        }
        audit.recordAs(user.username(), "mfa.enrolment-started", ENTITY, user.id(), null, Map.of("method", "totp"));
        String uri = Totp.uri(policy.getIssuer(), user.username(), secret);
        QrCodes.Drawing qr = QrCodes.draw(uri);
        return new SecondFactorMessages.Enrolment(secret, uri, qr.svg(), qr.size(), qr.path(), Totp.DIGITS, Totp.STEP_SECONDS);
    }

    /** The signed-in user confirms their authenticator with a code: the ten recovery codes, shown once. */
    public List<String> confirmEnrolment(AppUser user, String code, String source) {
        return confirm(user, code, source);
    }

    /** The outcome of a second factor at sign-in: who signed in, and their new recovery codes if they just enrolled. */
    public record Passed(AppUser user, List<String> recoveryCodes) {
    }

    /** A code for a sign-in challenge: the user, or a 401 (and the failure counted and audited). */
    public Passed complete(String challenge, String code, String source) {
        SignInChallenge found = liveChallenge(challenge);
        AppUser user = enabledUser(found.userId());
        List<String> newCodes = List.of();
        if (found.purpose() == SignInChallenge.Purpose.ENROL) {
            try {
                newCodes = confirm(user, code, source);
            } catch (ProblemException e) {
                challenges.fail(found.id(), policy.getMaxFailedCodes(), now());
                throw e;
            }
        } else {
            try {
                verify(user, code, source);
            } catch (ProblemException e) {
                challenges.fail(found.id(), policy.getMaxFailedCodes(), now());
                throw e;
            }
        }
        if (challenges.use(found.id(), now()) != 1) {
            throw invalidChallenge();   // completed by a request at the same moment
        }
        return new Passed(user, newCodes);
    }

    public SecondFactorMessages.Status status(AppUser user) {
        Optional<TotpFactor> factor = factors.findById(user.id());
        Instant now = now();
        return new SecondFactorMessages.Status(factor.map(TotpFactor::confirmed).orElse(false),
                factor.map(TotpFactor::confirmedAt).orElse(null),
                factor.map(f -> !f.confirmed()).orElse(false),
                recoveryCodes.countUnused(user.id()),
                policy.requiredFor(user.roleList()),
                factor.map(TotpFactor::lockedUntil).filter(until -> until.isAfter(now)).orElse(null),
                passkeys.count(user.id()));
    }

    /**
     * An administrator removes a user's second factor (lost phone): the authenticator, its
     * recovery codes and the user's passkeys (a lost phone may hold both) go, and every session
     * of the user ends; if their role requires one they enrol again at the next sign-in. The user is then told by email at once (notifications'
     * account notice), so that a reset they did not ask for is noticed: the reset stands whatever
     * the mail does, and {@code userEmailed} says whether SMTP took the notice (false, audited as
     * {@code mfa.reset-not-emailed} with the reason, when the user has no address or mail is down).
     */
    public SecondFactorMessages.Reset reset(UUID userId, String by) {
        AppUser user = users.findById(userId).orElseThrow(() -> Problems.notFound("No user " + userId));
        SecondFactorMessages.Status before = status(user);
        if (factors.existsById(userId)) {
            factors.deleteById(userId);
        }
        recoveryCodes.deleteByUserId(userId);
        passkeys.removeAll(userId);
        Instant now = now();
        AppUser ended = users.update(user.withTokensEnded(now));
        refreshTokens.revokeAllOf(userId, now);
        revocations.revokeBelow(ended.username(), ended.tokenVersion());
        SecondFactorMessages.Status after = status(ended);
        audit.record("mfa.reset", ENTITY, userId, before, after);
        LOG.info("Second factor of '{}' reset by '{}'; their sessions ended", user.username(), by);
        String notEmailed = tellTheUser(ended, by, now);
        if (notEmailed != null) {
            LOG.warn("The reset of '{}' was not emailed to them: {}", user.username(), notEmailed);
            audit.record("mfa.reset-not-emailed", ENTITY, userId, null, Map.of("reason", notEmailed));
        }
        return new SecondFactorMessages.Reset(after.enrolled(), after.pending(), after.recoveryCodesLeft(), after.required(),
                after.passkeys(), notEmailed == null);
    }

    /** Null when SMTP took the notice, else why not. */
    private String tellTheUser(AppUser user, String by, Instant at) {
        if (user.email() == null || user.email().isBlank()) {
            return "the user has no email address";
        }
        try {
            mail.send(new AccountEmailCommand(AccountEmailCommand.Kind.SECOND_FACTOR_RESET,
                    user.id(), user.email(), user.displayName(), user.username(), by, at));
            return null;
        } catch (RuntimeException e) {   // refused, unreachable, no instance known, mail down (503)
            return "notifications did not send it (" + e.getMessage() + ")";
        }
    }

    private List<String> confirm(AppUser user, String code, String source) {
        TotpFactor factor = factors.findById(user.id())
                .filter(f -> !f.confirmed())
                .orElseThrow(() -> Problems.conflict("no-enrolment", "Start the enrolment first (no authenticator key is pending)"));
        Instant now = now();
        refuseIfLocked(user, now);
        OptionalLong step = Totp.matchingStep(factor.secret(), normalise(code), now);
        if (step.isEmpty()) {
            throw wrongCode(user, source, "enrolment");
        }
        if (factors.confirm(user.id(), factor.secret(), step.getAsLong(), now) != 1) {
            throw Problems.conflict("concurrent-enrolment", "The enrolment changed meanwhile; start it again");
        }
        List<String> codes = newRecoveryCodes(user.id());
        audit.recordAs(user.username(), "mfa.enrolled", ENTITY, user.id(), null,
                Map.of("method", "totp", "source", source, "recoveryCodes", codes.size()));
        LOG.info("Second factor enrolled for '{}' from {}", user.username(), source);
        return codes;
    }

    private void verify(AppUser user, String code, String source) {
        TotpFactor factor = factors.findById(user.id()).filter(TotpFactor::confirmed)
                .orElseThrow(SecondFactorService::invalidChallenge);   // reset meanwhile: sign in again
        Instant now = now();
        refuseIfLocked(user, now);
        String given = normalise(code);
        OptionalLong step = Totp.matchingStep(factor.secret(), given, now);
        if (step.isPresent()) {
            if (factors.useStep(user.id(), step.getAsLong(), now) == 1) {
                return;
            }
            throw wrongCode(user, source, "code-reused");
        }
        String recovery = given.replace("-", "");
        if (recovery.length() == 10 && recoveryCodes.spend(user.id(), sha256(recovery), now) == 1) {
            long left = recoveryCodes.countUnused(user.id());
            audit.recordAs(user.username(), "mfa.recovery-code-used", ENTITY, user.id(), null,
                    Map.of("source", source, "recoveryCodesLeft", left));
            LOG.info("Recovery code used by '{}' from {} ({} left)", user.username(), source, left);
            return;
        }
        throw wrongCode(user, source, "wrong-code");
    }

    private void refuseIfLocked(AppUser user, Instant now) {
        if (factors.isLocked(user.id(), now)) {
            audit.recordAs(user.username(), "mfa.failed", ENTITY, user.id(), null, Map.of("reason", "locked"));
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "second-factor-locked", "Unauthorized",
                    "Too many wrong codes: try again later, or ask an administrator", Map.of());
        }
    }

    private ProblemException wrongCode(AppUser user, String source, String reason) {
        Instant now = now();
        factors.fail(user.id(), policy.getMaxFailedCodes(), now.plus(policy.getLockout()));
        boolean locked = factors.isLocked(user.id(), now);
        audit.recordAs(user.username(), "mfa.failed", ENTITY, user.id(), null,
                Map.of("reason", reason, "source", source, "locked", locked));
        LOG.warn("Wrong second-factor code for '{}' from {} ({}{})", user.username(), source, reason,
                locked ? "; locked" : "");
        return new ProblemException(HttpStatus.UNAUTHORIZED, "wrong-code", "Unauthorized",
                "That code is not right, or was used already", Map.of());
    }

    private List<String> newRecoveryCodes(UUID userId) {
        recoveryCodes.deleteByUserId(userId);
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            recoveryCodes.save(new RecoveryCode(UUID.randomUUID(), userId, sha256(code.toString()), null));
            shown.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return shown;
    }

    private SignInChallenge liveChallenge(String challenge) {
        return challenges.findByTokenHash(sha256(challenge))
                .filter(c -> c.usedAt() == null && c.expiresAt().isAfter(Instant.now()))
                .orElseThrow(SecondFactorService::invalidChallenge);
    }

    private AppUser enabledUser(UUID id) {
        return users.findById(id).filter(AppUser::enabled).orElseThrow(SecondFactorService::invalidChallenge);
    }

    private static ProblemException invalidChallenge() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "challenge-invalid", "Unauthorized",
                "This sign-in has expired or ended; sign in again with your password", Map.of());
    }

    private static String normalise(String code) {
        return code.strip().replace(" ", "").toLowerCase(Locale.ROOT);
    }



    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
