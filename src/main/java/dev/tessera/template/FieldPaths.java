package dev.tessera.template;

import java.util.List;
import java.util.Set;

/**
 * Checks field paths at parse time, so a typo such as {@code .Client.Nmae} is refused when the
 * claim is saved instead of silently rendering nothing in every token.
 */
final class FieldPaths {

    static final List<String> AUTH_SERVER_FIELDS = List.of(
            "ID", "Name", "Description", "Audience", "SigningAlgorithm", "CreatedAt", "UpdatedAt", "Labels");
    static final List<String> CLIENT_FIELDS = List.of(
            "ID", "Name", "Labels", "GrantTypes", "RedirectURIs", "LoginURI", "ResponseTypes", "AllowAllScopes",
            "CreatedAt", "UpdatedAt");

    private static final Set<String> AUTH_SERVER = Set.copyOf(AUTH_SERVER_FIELDS);
    private static final Set<String> CLIENT = Set.copyOf(CLIENT_FIELDS);

    private FieldPaths() {
    }

    /**
     * Validates a path written as {@code .A.B.C} and returns the segments to look up, with a
     * leading {@code Context} removed ({@code .Context.Client.ID} is {@code .Client.ID}).
     */
    static String[] resolve(List<String> written, int offset) throws TemplateSyntaxException {
        String shown = "." + String.join(".", written);
        List<String> path = written;
        if (path.get(0).equals("Context")) {
            if (path.size() == 1) {
                throw Lexer.error(offset, "\".Context\" needs a field after it, such as .Context.Client.Name");
            }
            path = path.subList(1, path.size());
        }
        String root = path.get(0);
        Set<String> fields = switch (root) {
            case "AuthServer" -> AUTH_SERVER;
            case "Client" -> CLIENT;
            default -> throw Lexer.error(offset,
                    "unknown field \"" + shown + "\": a field path starts with .AuthServer or .Client");
        };
        List<String> names = root.equals("Client") ? CLIENT_FIELDS : AUTH_SERVER_FIELDS;
        if (path.size() == 1) {
            throw Lexer.error(offset, "\"" + shown + "\" needs a field after it, one of " + String.join(", ", names));
        }
        String field = path.get(1);
        if (!fields.contains(field)) {
            throw Lexer.error(offset, "unknown field \"" + shown + "\": ." + root + " has " + String.join(", ", names));
        }
        int allowed = field.equals("Labels") ? 3 : 2;
        if (path.size() > allowed) {
            throw Lexer.error(offset, "\"" + shown + "\" is too long: "
                    + (allowed == 3 ? "a label value" : "." + root + "." + field) + " has no fields");
        }
        return path.toArray(String[]::new);
    }
}
