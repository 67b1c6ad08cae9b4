package dev.tessera.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads a management-API request body: JSON content type (415 otherwise), at most the
 * configured size (413), a single JSON object (400 otherwise). Checked before any work.
 */
public final class JsonBody {
    /** The parsed body is kept on the request under this attribute, for the audit log. */
    public static final String PARSED_ATTRIBUTE = "tessera.json-body";

    private JsonBody() {
    }

    public static ObjectNode read(Context ctx, int maxBytes) {
        String type = ctx.header("Content-Type");
        if (type == null || !isJson(type)) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "Request body must be JSON: send Content-Type: application/json", List.of());
        }
        byte[] bytes = bytes(ctx, maxBytes);
        if (bytes.length == 0) {
            throw ProblemException.badRequest("Request body is required and must be a JSON object", List.of(
                    InvalidParameter.of("body", "body", "required", "is required")));
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("Request body is not valid JSON: " + e.getOriginalMessage(), List.of(
                    InvalidParameter.of("body", "body", "invalid", "is not valid JSON")));
        } catch (IOException e) {
            throw unreadable();
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("Request body must be a JSON object", List.of(
                    InvalidParameter.of("body", "body", "is_object", "must be a JSON object")));
        }
        ctx.attribute(PARSED_ATTRIBUTE, node);
        return (ObjectNode) node;
    }

    /** The body as received, or the management API's answer for one too large (413), too slow (408) or unreadable. */
    public static byte[] bytes(Context ctx, int maxBytes) {
        try {
            return RequestBodies.read(ctx, maxBytes);
        } catch (RequestBodies.TooLarge e) {
            throw tooLarge(maxBytes);
        } catch (RequestBodies.TimedOut e) {
            throw new ProblemException(408, "Request Timeout", "The request body did not arrive in time", List.of());
        } catch (RequestBodies.Unreadable e) {
            throw unreadable();
        }
    }

    static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
    }

    private static ProblemException unreadable() {
        return ProblemException.badRequest("Request body could not be read", List.of(
                InvalidParameter.of("body", "body", "invalid", "could not be read")));
    }

    private static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(413, "Content Too Large",
                "Request body is larger than " + maxBytes + " bytes", List.of());
    }
}
