package org.grantline.grants.condition;

/** The jurisdiction role that must sign a condition's certification (the 1373 form: the chief legal officer). */
public enum SignerRole {
    LEGAL_OFFICER, JURISDICTION_OFFICIAL
}
