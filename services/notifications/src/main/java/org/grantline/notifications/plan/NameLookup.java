package org.grantline.notifications.plan;

import org.grantline.grants.api.AwardPage;
import org.grantline.grants.api.AwardView;
import org.grantline.grants.api.FeedItem;
import org.grantline.grants.api.ProgramView;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The names of requirements first seen, from grants, kept for one run: each award, program and
 * condition catalogue is asked for once. The feed names each award; an older grants service does not,
 * and then many unknown awards are read in pages rather than one by one.
 */
final class NameLookup {
    private static final int BULK_AWARD_LOOKUP = 50;
    private static final int AWARD_PAGE = 100;

    private final GrantsNames grants;
    private final Map<UUID, AwardName> awards = new HashMap<>();
    private final Map<UUID, String> programNames = new HashMap<>();
    private final Map<UUID, String> conditionTitles = new HashMap<>();
    private final Set<String> conditionCatalogues = new HashSet<>();
    private boolean allAwardsLoaded;

    NameLookup(GrantsNames grants) {
        this.grants = grants;
    }

    /** What a reminder needs of its award. */
    private record AwardName(UUID programId, int fiscalYear, String awardNumber) {
        /** The award as the feed names it, or null when the feed item does not carry award details. */
        static AwardName of(FeedItem item) {
            return item.programId() == null || item.fiscalYear() == null || item.awardNumber() == null ? null
                    : new AwardName(item.programId(), item.fiscalYear(), item.awardNumber());
        }

        static AwardName of(AwardView award) {
            return new AwardName(award.programId(), award.fiscalYear(), award.awardNumber());
        }
    }

    /** {@code known} with the names of the items it lacks (or knows without a program) added. */
    Map<UUID, RequirementNames> complete(Collection<FeedItem> items, Map<UUID, RequirementNames> known) {
        for (FeedItem item : items) {
            AwardName award = AwardName.of(item);
            if (award != null) {
                awards.put(item.awardId(), award);
            }
        }
        loadAwards(items.stream().filter(i -> !isKnown(known, i)).map(FeedItem::awardId).collect(Collectors.toSet()));
        Map<UUID, RequirementNames> names = new HashMap<>(known);
        for (FeedItem item : items) {
            if (isKnown(known, item)) {
                continue;
            }
            AwardName award = awards.get(item.awardId());
            names.put(item.id(), award == null ? RequirementNames.NONE : new RequirementNames(award.programId(), award.awardNumber(),
                    programName(award.programId()), conditionTitle(award.programId(), award.fiscalYear(), item.conditionId())));
        }
        return names;
    }

    private static boolean isKnown(Map<UUID, RequirementNames> known, FeedItem item) {
        RequirementNames n = known.get(item.id());
        return n != null && n.known();
    }

    private void loadAwards(Set<UUID> ids) {
        Set<UUID> missing = ids.stream().filter(id -> !awards.containsKey(id)).collect(Collectors.toSet());
        if (missing.isEmpty()) {
            return;
        }
        if (missing.size() > BULK_AWARD_LOOKUP && !allAwardsLoaded) {
            int page = 0;
            AwardPage result;
            do {
                result = grants.awards().list(null, page++, AWARD_PAGE);
                result.items().forEach(a -> awards.put(a.id(), AwardName.of(a)));
            } while ((long) page * AWARD_PAGE < result.total());
            allAwardsLoaded = true;
            missing.removeAll(awards.keySet());
        }
        for (UUID id : missing) {
            AwardView award = grants.awards().get(id);   // null: no such award (404)
            awards.put(id, award == null ? null : AwardName.of(award));
        }
    }

    private String programName(UUID programId) {
        return programNames.computeIfAbsent(programId, id -> {
            ProgramView program = grants.programs().get(id);   // null: grants knows no such program
            return program == null ? null : program.name();
        });
    }

    private String conditionTitle(UUID programId, int fiscalYear, UUID conditionId) {
        if (conditionCatalogues.add(programId + "/" + fiscalYear)) {
            grants.conditions().list(programId, fiscalYear).forEach(c -> conditionTitles.put(c.id(), c.title()));
        }
        return conditionTitles.get(conditionId);
    }
}
