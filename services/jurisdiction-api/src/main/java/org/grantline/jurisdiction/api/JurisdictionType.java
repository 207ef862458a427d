package org.grantline.jurisdiction.api;

/** Kinds of jurisdiction, and the length of the FIPS code that identifies each. */
public enum JurisdictionType {
    STATE(2), COUNTY(5), CITY(7), TOWN(7), TRIBAL(0), OTHER(0);

    /** Digits of the FIPS code: state 2, county 5, place 7; 0 where any of those is accepted. */
    private final int fipsLength;

    JurisdictionType(int fipsLength) {
        this.fipsLength = fipsLength;
    }

    public boolean acceptsFips(String fips) {
        return fipsLength == 0 ? fips.length() == 2 || fips.length() == 5 || fips.length() == 7
                : fips.length() == fipsLength;
    }

    public int fipsLength() {
        return fipsLength;
    }
}
