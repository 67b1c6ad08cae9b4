package dev.tessera.admin;

import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;
import io.javalin.http.Context;

import java.util.UUID;

/** Path parameters of the management API. */
final class PathParams {
    private PathParams() {
    }

    static UUID uuid(Context ctx, String name) {
        UUID id = Fields.parseUuid(ctx.pathParam(name));
        if (id == null) {
            throw ProblemException.invalid(InvalidParameter.of("path", name, "is_uuid", "must be a UUID"));
        }
        return id;
    }

    /** Client ids are 1–36 of [-_A-Za-z0-9]; anything else cannot exist, so it is a 404. */
    static String clientId(Context ctx) {
        String id = ctx.pathParam("clientId");
        if (!ClientFields.isValidClientId(id)) {
            throw ProblemException.notFound("Client not found");
        }
        return id;
    }
}
