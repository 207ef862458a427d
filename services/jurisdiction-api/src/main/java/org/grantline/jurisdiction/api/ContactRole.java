package org.grantline.jurisdiction.api;

public enum ContactRole {
    CHIEF_EXECUTIVE, CHIEF_LEGAL_OFFICER, GRANT_MANAGER, POLICE_CHIEF, SHERIFF
}
