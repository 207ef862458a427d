package org.grantline.jurisdiction.api;

/** How a jurisdiction treats immigration detainers. */
public enum DetainerPolicy {
    HONOURS_ALL, JUDICIAL_WARRANT_ONLY, HONOURS_NONE, NO_POLICY
}
