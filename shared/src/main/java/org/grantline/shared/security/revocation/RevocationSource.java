package org.grantline.shared.security.revocation;

import java.util.List;

/** Where the revocation list comes from: the gateway over HTTP, or (in the gateway) its own database. */
public interface RevocationSource {

    /** Every revocation in force now; throws when the source cannot be read (the list then goes stale). */
    List<RevocationEntry> fetch() throws Exception;
}
