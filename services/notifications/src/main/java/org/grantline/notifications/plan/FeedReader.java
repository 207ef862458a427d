package org.grantline.notifications.plan;

import org.grantline.grants.api.Feed;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.grantline.notifications.support.NotificationsConfig;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Reads a window of the grants feed page by page, each page asked for on the {@code planner-feed}
 * executor while the one before is written, so that writing rarely waits for the feed.
 */
@Singleton
public class FeedReader {
    /** The first page is small: nothing is written while it is on its way, and the pages after it arrive during writes. */
    static final int FIRST_PAGE = 250;

    private final GrantsFeedClient grants;
    private final NotificationsConfig config;
    private final ExecutorService executor;

    public FeedReader(GrantsFeedClient grants, NotificationsConfig config, @Named("planner-feed") ExecutorService executor) {
        this.grants = grants;
        this.config = config;
        this.executor = executor;
    }

    /** What is done with each page, in order. */
    @FunctionalInterface
    public interface PageHandler {
        void page(Feed page);
    }

    /**
     * Hands {@code handler} every page of {@code window} from {@code cursor} (null: from the start) and
     * answers how long it waited for the feed. A failed read is thrown as it came (grants down).
     */
    public Duration read(FeedWindow window, @Nullable String cursor, PageHandler handler) {
        long waited = 0;
        CompletableFuture<Feed> next = fetch(window, cursor, Math.max(1, Math.min(config.getFeedPageSize(), FIRST_PAGE)));
        while (next != null) {
            long started = System.nanoTime();
            Feed page = await(next);
            waited += System.nanoTime() - started;
            next = page.more() ? fetch(window, page.cursor(), config.getFeedPageSize()) : null;
            handler.page(page);
        }
        return Duration.ofNanos(waited);
    }

    private CompletableFuture<Feed> fetch(FeedWindow window, @Nullable String cursor, int limit) {
        return CompletableFuture.supplyAsync(() -> grants.feed(window.from(), window.to(), null, cursor, limit), executor);
    }

    private static Feed await(CompletableFuture<Feed> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
