package org.grantline.notifications.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key behind unsubscribe and calendar links: production needs one, a link verifies only for its purpose and unchanged. */
class LinkSignerTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void productionRefusesToStartWithoutAKeyOrWithAShortOne() {
        assertThatThrownBy(() -> new LinkSigner("", Set.of("production"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOTIFICATIONS_LINK_SECRET");
        assertThatThrownBy(() -> new LinkSigner("short", Set.of("embedded"))).isInstanceOf(IllegalStateException.class);
        assertThat(new LinkSigner("", Set.of("embedded")).sign("feed", List.of("a"))).contains(".");
    }

    @Test
    void aTokenVerifiesOnlyUnchangedForItsPurposeAndWithItsKey() {
        LinkSigner signer = new LinkSigner(KEY, Set.of("production"));
        String token = signer.sign("unsubscribe", List.of("v1", "a@b.test", "REMINDER", "2000000000"));
        assertThat(signer.verify("unsubscribe", token)).contains(List.of("v1", "a@b.test", "REMINDER", "2000000000"));
        assertThat(signer.verify("feed", token)).as("another purpose").isEmpty();
        assertThat(new LinkSigner(KEY.replace('0', '1'), Set.of()).verify("unsubscribe", token)).as("another key").isEmpty();
        String other = signer.sign("unsubscribe", List.of("v1", "c@d.test", "REMINDER", "2000000000"));
        String swapped = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(signer.verify("unsubscribe", swapped)).isEmpty();
        for (String bad : List.of("", ".", "a.b.c", "%%%.%%%", token.substring(0, token.length() - 2))) {
            assertThat(signer.verify("unsubscribe", bad)).as(bad).isEmpty();
        }
    }
}
