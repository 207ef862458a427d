package org.grantline.grants.program;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.shared.test.AuditorWritesContract;

/** Every write route of the grants service, called directly with an auditor's token: 403. */
@MicronautTest(transactional = false)
class GrantsAuditorWritesTest extends AuditorWritesContract {
    @Override
    protected String service() {
        return "grants";
    }
}
