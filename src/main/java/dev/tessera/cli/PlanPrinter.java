package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;

/** Prints a plan as a person reads it: one line per object, one indented line per field. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(PrintWriter out, JsonNode plan, boolean dryRun) {
        JsonNode changes = plan.path("changes");
        for (JsonNode c : changes) {
            String action = c.path("action").asText();
            String mark = switch (action) {
                case "create" -> "+";
                case "delete" -> "-";
                default -> "~";
            };
            String type = c.path("resource_type").asText().replace('_', ' ');
            String where = type.equals("auth server") ? "" : " (auth server " + c.path("auth_server").asText() + ")";
            out.println(mark + " " + action + " " + type + " " + c.path("name").asText() + where);
            for (JsonNode f : c.path("fields")) {
                String to = f.path("to").toString();
                out.println(action.equals("update")
                        ? "    " + f.path("field").asText() + ": " + f.path("from").toString() + " -> " + to
                        : "    " + f.path("field").asText() + ": " + to);
            }
        }
        JsonNode summary = plan.path("summary");
        int unmanaged = summary.path("unmanaged").asInt();
        String kept = unmanaged == 0 ? "" : "; " + unmanaged + " not in the file left as they are (--prune deletes them)";
        if (changes.isEmpty()) {
            out.println("No changes: the server matches the file" + kept + ".");
            return;
        }
        int create = summary.path("create").asInt();
        int update = summary.path("update").asInt();
        int delete = summary.path("delete").asInt();
        out.println(dryRun
                ? "Plan: " + create + " to create, " + update + " to update, " + delete + " to delete" + kept
                        + ". Dry run: nothing was changed."
                : "Applied: " + create + " created, " + update + " updated, " + delete + " deleted" + kept + ".");
    }
}
