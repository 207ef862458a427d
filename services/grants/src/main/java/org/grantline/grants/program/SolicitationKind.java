package org.grantline.grants.program;

public enum SolicitationKind {
    STATE, LOCAL
}
