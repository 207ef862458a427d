package org.grantline.grants.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** (Described by @Schema: micronaut-openapi reads no Javadoc from another module.) */
@Schema(description = "The jurisdiction role that must sign a condition's certification (the 1373 form: the chief legal officer).")
public enum SignerRole {
    LEGAL_OFFICER, JURISDICTION_OFFICIAL
}
