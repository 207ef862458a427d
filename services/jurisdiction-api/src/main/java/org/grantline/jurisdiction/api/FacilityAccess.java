package org.grantline.jurisdiction.api;

/** Whether federal immigration agents may enter the jurisdiction's detention facilities. */
public enum FacilityAccess {
    YES, NO, PARTIAL
}
