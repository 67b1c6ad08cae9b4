package dev.tessera.authserver;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code typ} header of an auth server's access tokens. {@code JWT} is the default, as Kong
 * Identity issues it and as Nimbus's default JWT processor requires; {@code at+jwt} is RFC 9068's
 * media type, which strict RFC 9068 validators (jose's and oauth4webapi's profile checks, Auth0's
 * express-oauth2-jwt-bearer in strict mode) require. The two disagree in the field, hence a choice
 * per auth server.
 */
public enum AccessTokenType {
    JWT("JWT"),
    AT_JWT("at+jwt");

    public static final List<String> NAMES = Arrays.stream(values()).map(AccessTokenType::typ).toList();

    private final String typ;

    AccessTokenType(String typ) {
        this.typ = typ;
    }

    /** The header value, and the field's value in the management API. */
    public String typ() {
        return typ;
    }

    public static Optional<AccessTokenType> of(String typ) {
        return Arrays.stream(values()).filter(t -> t.typ.equals(typ)).findFirst();
    }
}
