package dev.tessera.admin;

import dev.tessera.client.Client;
import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules between a client's fields (DESIGN §2, issue 10), checked on the client as it will be
 * stored, so that a PATCH of one field cannot leave the others inconsistent: response types
 * follow from grant types, and direct authorization is only for confidential clients of the
 * authorization code grant. {@code token} and {@code id_token} stay allowed beside
 * {@code client_credentials}, as Kong's own tutorial registers them so; a client without
 * redirect URIs simply cannot start a flow at {@code /authorize}.
 */
final class ClientConsistency {
    private ClientConsistency() {
    }

    static void check(Client c) {
        List<InvalidParameter> problems = new ArrayList<>();
        List<String> grants = c.grantTypes();
        List<String> responses = c.responseTypes();
        if (responses.contains("code") && !grants.contains("authorization_code")) {
            problems.add(invalid("response_types", "contains code, which needs the authorization_code grant type"));
        }
        if (grants.contains("authorization_code") && !responses.contains("code")) {
            problems.add(invalid("response_types", "must contain code for the authorization_code grant type"));
        }
        if (grants.contains("implicit") && !responses.contains("token") && !responses.contains("id_token")) {
            problems.add(invalid("response_types", "must contain token or id_token for the implicit grant type"));
        }
        if (grants.contains("refresh_token") && !grants.contains("authorization_code")) {
            problems.add(invalid("grant_types", "refresh_token needs the authorization_code grant type"));
        }
        if (c.allowDirectAuthorization() && (!grants.contains("authorization_code") || c.isPublic())) {
            problems.add(invalid("allow_direct_authorization",
                    "needs the authorization_code grant type and a client that authenticates (not 'none')"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.badRequest("Invalid request: " + problems.getFirst().field() + " "
                    + problems.getFirst().reason(), problems);
        }
    }

    private static InvalidParameter invalid(String field, String reason) {
        return InvalidParameter.of("body", field, "invalid", reason);
    }
}
