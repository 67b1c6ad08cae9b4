package dev.tessera.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.admintoken.ConsoleSessions;
import dev.tessera.support.KongApiDescription;
import dev.tessera.support.TesseraApiDescription;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Tessera's API description is a valid OpenAPI 3.1 document, complete and consistent with itself. */
class ApiDescriptionDocumentTest {
    private static final TesseraApiDescription DESCRIPTION = TesseraApiDescription.get();

    @Test
    void isAValidOpenApi31Document() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(
                new String(ApiDescription.json(), StandardCharsets.UTF_8), null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths()).hasSize(DESCRIPTION.document().path("paths").size());
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("adminToken");
    }

    @Test
    void everyReferenceResolvesAndEverySchemaCompiles() {
        List<String> dangling = new ArrayList<>();
        JsonNode doc = DESCRIPTION.document();
        references(doc, dangling, doc);
        assertThat(dangling).as("$refs that point nowhere").isEmpty();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(name ->
                // Compiling and using each schema once resolves every reference inside it.
                DESCRIPTION.schema("/components/schemas/" + name).validate(JSON_NULL, com.networknt.schema.InputFormat.JSON));
    }

    private static final String JSON_NULL = "null";

    private static void references(JsonNode node, List<String> dangling, JsonNode doc) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (!target.startsWith("#/") || doc.at(target.substring(1)).isMissingNode()) {
                    dangling.add(target);
                }
            }
            node.elements().forEachRemaining(child -> references(child, dangling, doc));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> references(child, dangling, doc));
        }
    }

    @Test
    void operationsAreNamedTaggedAndSecuredConsistently() {
        JsonNode doc = DESCRIPTION.document();
        Set<String> tags = new HashSet<>();
        doc.path("tags").forEach(t -> tags.add(t.path("name").asText()));
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (var op : DESCRIPTION.operations()) {
            JsonNode node = op.node();
            String id = node.path("operationId").asText("");
            if (id.isEmpty() || !ids.add(id)) {
                problems.add(op.name() + ": missing or repeated operationId '" + id + "'");
            }
            if (node.path("tags").isEmpty() || !tags.containsAll(texts(node.path("tags")))) {
                problems.add(op.name() + ": tags must be declared at the top: " + node.path("tags"));
            }
            if (node.path("summary").asText("").isBlank()) {
                problems.add(op.name() + ": no summary");
            }
            boolean open = node.has("security") && node.path("security").isEmpty();
            if (!open && !node.path("responses").has("401")) {
                problems.add(op.name() + ": needs an admin token but declares no 401");
            }
            // A console session without its CSRF token is refused on every method, reads included.
            if (!open && !node.path("responses").has("403")) {
                problems.add(op.name() + ": needs an admin token but declares no 403");
            }
            if (!node.path("responses").fieldNames().next().startsWith("2")) {
                problems.add(op.name() + ": the first response should be the success");
            }
        }
        assertThat(problems).isEmpty();
        // Only the description itself is readable without a token.
        assertThat(DESCRIPTION.operations().stream().filter(o -> o.node().has("security")).map(o -> o.name()))
                .containsExactly("GET /openapi.json");
    }

    /** Either the admin token, or the console's session cookie together with its CSRF header, as the server reads them. */
    @Test
    void theConsoleSessionIsTheSecondWayToAuthenticate() throws Exception {
        JsonNode doc = DESCRIPTION.document();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertThat(schemes.path("adminToken").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("consoleSession").path("in").asText()).isEqualTo("cookie");
        assertThat(schemes.path("consoleSession").path("name").asText()).isEqualTo(ConsoleSessions.COOKIE);
        assertThat(schemes.path("csrfToken").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("csrfToken").path("name").asText()).isEqualTo(ConsoleSessions.CSRF_HEADER);
        assertThat(doc.path("security")).isEqualTo(dev.tessera.support.Http.JSON.readTree(
                "[{\"adminToken\": []}, {\"consoleSession\": [], \"csrfToken\": []}]"));
    }

    /** Each addition says so, both for machines (x-tessera-addition) and for people (its description). */
    @Test
    void tesseraAdditionsAreMarkedForMachinesAndPeople() {
        List<String> problems = new ArrayList<>();
        marks(DESCRIPTION.document(), "", problems);
        assertThat(problems).isEmpty();
    }

    private static void marks(JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            boolean marked = node.path("x-tessera-addition").asBoolean(false);
            String description = node.path("description").asText("");
            if (marked && !description.contains("Tessera addition") && !node.has("$ref")) {
                problems.add(where + ": marked x-tessera-addition but its description does not say 'Tessera addition'");
            }
            if (!marked && description.startsWith("Tessera addition")) {
                problems.add(where + ": says 'Tessera addition' but has no x-tessera-addition: true");
            }
            JsonNode added = node.path("x-tessera-added-values");
            if (!added.isMissingNode()) {
                JsonNode values = node.has("enum") ? node.get("enum") : node.path("items").path("enum");
                added.forEach(v -> {
                    if (!texts(values).contains(v.asText()) || !description.contains(v.asText())) {
                        problems.add(where + ": added value " + v + " must be in the enum and named in the description");
                    }
                });
                if (!description.contains("Tessera addition")) {
                    problems.add(where + ": has x-tessera-added-values but its description does not say 'Tessera addition'");
                }
            }
            node.fields().forEachRemaining(e -> marks(e.getValue(), where + "/" + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                marks(node.get(i), where + "/" + i, problems);
            }
        }
    }

    /** Every operation of Kong Identity's description is in Tessera's, at the same path, without the addition mark. */
    @Test
    void describesEveryOperationOfKongIdentity() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(KongApiDescription.LOCATION), "Kong's API description is not at "
                + KongApiDescription.LOCATION.toAbsolutePath().normalize() + ": comparison skipped");
        ParseOptions options = new ParseOptions();
        SwaggerParseResult kong = new OpenAPIV3Parser().readLocation(
                KongApiDescription.LOCATION.toAbsolutePath().normalize().toUri().toString(), null, options);
        Set<String> kongOperations = new TreeSet<>();
        kong.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                kongOperations.add(method.name().toLowerCase() + " " + path + " " + op.getOperationId())));
        assertThat(kongOperations).hasSizeGreaterThan(25);
        Set<String> ours = new TreeSet<>();
        DESCRIPTION.operations().stream().filter(o -> !o.isTesseraAddition())
                .forEach(o -> ours.add(o.method() + " " + o.template() + " " + o.node().path("operationId").asText()));
        // The same operations under the same ids (generated clients keep working), and nothing more unmarked.
        assertThat(ours).isEqualTo(kongOperations);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
