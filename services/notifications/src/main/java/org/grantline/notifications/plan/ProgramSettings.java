package org.grantline.notifications.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Offsets and send time for one program's requirements, the DOJ officer its escalations go to, and
 * whether its escalations are mandatory (recipients cannot decline them; the default).
 */
@MappedEntity("program_settings")
public record ProgramSettings(@Id UUID programId, String offsetsDays, String overdueDays, LocalTime sendTime,
                              @Nullable String dojOfficerName, @Nullable String dojOfficerEmail, Instant updatedAt,
                              @Version long version, boolean escalationsMandatory) {

    public ReminderSchedule.Settings schedule() {
        return new ReminderSchedule.Settings(parse(offsetsDays), parse(overdueDays), sendTime);
    }

    static List<Integer> parse(String days) {
        if (days == null || days.isBlank()) {
            return List.of();
        }
        return Arrays.stream(days.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    static String join(List<Integer> days) {
        return String.join(",", days.stream().map(String::valueOf).toList());
    }
}
