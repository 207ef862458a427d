package org.grantline.notifications.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.grantline.shared.openapi.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.grantline.notifications.support.NotificationsConfig;
import io.micronaut.http.HttpStatus;
import org.grantline.shared.audit.AuditTrail;
import org.grantline.shared.problem.Problems;
import org.grantline.shared.security.Roles;

import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Per-program reminder offsets and send time; the next planning run applies them. */
@Controller("/api/reminders/programs/{programId}/settings")
@ExecuteOn(TaskExecutors.BLOCKING)
@ProblemResponses.Authenticated
@Tag(name = "Reminders")
public class ProgramSettingsController {
    private final ProgramSettingsRepository settings;
    private final NotificationsConfig config;
    private final AuditTrail audit;
    private final Clock clock;

    public ProgramSettingsController(ProgramSettingsRepository settings, NotificationsConfig config, AuditTrail audit,
                                     Clock clock) {
        this.settings = settings;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    @Serdeable
    public record SettingsCommand(@NotNull @Size(max = 20) List<@NotNull @Min(0) @Max(365) Integer> offsetsDays,
                                  @NotNull @Size(max = 20) List<@NotNull @Min(1) @Max(365) Integer> overdueDays,
                                  @NotNull LocalTime sendTime, @Nullable @Size(max = 200) String dojOfficerName,
                                  @Nullable @Email @Size(max = 320) String dojOfficerEmail,
                                  @Nullable @Min(0) Long version, @Nullable Boolean escalationsMandatory) {
    }

    @Serdeable
    public record SettingsView(UUID programId, List<Integer> offsetsDays, List<Integer> overdueDays, LocalTime sendTime,
                               @Nullable String dojOfficerName, @Nullable String dojOfficerEmail, boolean defaults,
                               @Nullable Long version, boolean escalationsMandatory) {
    }

    @Get
    @ProblemResponses.BadRequest
    @Operation(summary = "A program's reminder settings (defaults until set)")
    @ProblemResponses.NotFound
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN, Roles.AUDITOR})
    public SettingsView get(UUID programId) {
        return settings.findById(programId).map(ProgramSettingsController::view)
                .orElse(new SettingsView(programId, config.getOffsetsDays(), config.getOverdueDays(), config.getSendTime(),
                        null, null, true, null, true));
    }

    /**
     * Sets a program's settings. With {@code version} (the one read) only that version is replaced:
     * racing writers from one version get one success and {@code 409 stale-version} or
     * {@code concurrent-update}; settings not made yet have no version, so a version then is stale.
     * Without it the last writer wins, and writers racing to make the first ones get {@code 409 duplicate}.
     */
    @Put
    @Operation(summary = "Replaces a program's reminder settings")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Secured({Roles.DOJ_OFFICER, Roles.ADMIN})
    @Transactional
    public SettingsView put(UUID programId, @Body @Valid SettingsCommand command) {
        var before = settings.findById(programId);
        if (command.version() != null && before.isEmpty()) {
            throw Problems.of(HttpStatus.CONFLICT, "stale-version", "Conflict",
                    "This program has no settings of its own yet (no version): send none to make them");
        }
        Problems.requireVersion(command.version(), before.map(ProgramSettings::version).orElse(null));
        ProgramSettings next = new ProgramSettings(programId, ProgramSettings.join(command.offsetsDays()),
                ProgramSettings.join(command.overdueDays()), command.sendTime(), command.dojOfficerName(),
                command.dojOfficerEmail(), clock.instant(), before.map(ProgramSettings::version).orElse(0L),
                // not named: as it was (mandatory until a program says otherwise)
                command.escalationsMandatory() != null ? command.escalationsMandatory()
                        : before.map(ProgramSettings::escalationsMandatory).orElse(true));
        ProgramSettings saved = before.isPresent() ? settings.update(next) : settings.save(next);
        SettingsView view = view(saved);
        audit.record("reminder-settings.changed", "program_settings", programId, before.map(ProgramSettingsController::view).orElse(null), view);
        return view;
    }

    static SettingsView view(ProgramSettings s) {
        return new SettingsView(s.programId(), ProgramSettings.parse(s.offsetsDays()), ProgramSettings.parse(s.overdueDays()),
                s.sendTime(), s.dojOfficerName(), s.dojOfficerEmail(), false, s.version(), s.escalationsMandatory());
    }
}
