package org.grantline.jurisdiction.facility;

public enum FacilityKind {
    JAIL, PRISON, HOLDING_FACILITY
}
