package org.grantline.documents.document;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.grantline.documents.support.DocumentsTestSupport;
import org.grantline.shared.test.AuditorWritesContract;

import java.util.Map;

/** Every write route of the documents service, called directly with an auditor's token: 403. */
@MicronautTest(transactional = false)
class DocumentsAuditorWritesTest extends AuditorWritesContract {
    @Override
    protected String service() {
        return "documents";
    }

    @Override
    public Map<String, String> getProperties() {
        return DocumentsTestSupport.properties(DocumentsTestSupport.freshStore());
    }
}
