package org.grantline.jurisdiction.api;

/** The jurisdiction's position on compliance with 8 U.S.C. 1373. */
public enum Section1373Position {
    CERTIFIED_COMPLIANT, DISPUTED, UNKNOWN
}
