package org.grantline.jurisdiction.registry;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.shared.test.AuditorWritesContract;

/** Every write route of the registry, called directly with an auditor's token: 403. */
@MicronautTest(transactional = false)
class JurisdictionAuditorWritesTest extends AuditorWritesContract {
    @Override
    protected String service() {
        return "jurisdiction";
    }
}
