package dev.tessera.declarative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;

/**
 * Reads and writes declarative configuration files (docs/CONFIG-AS-CODE.md): YAML or JSON, one
 * object at the top. JSON is read by the YAML reader too (it is YAML), so either works anywhere.
 */
public final class ConfigFiles {
    /** The largest file accepted (the server's request-body limit applies as well). */
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    private static final ObjectMapper YAML = yamlMapper();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigFiles() {
    }

    /** Why a file could not be read as a configuration document. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** The document in {@code bytes}, YAML or JSON; an {@link Unreadable} with the line when it is neither. */
    public static ObjectNode read(byte[] bytes) throws Unreadable {
        JsonNode node;
        try {
            node = YAML.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new Unreadable("is not valid YAML or JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unreadable("could not be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new Unreadable("is empty; a configuration file is an object with auth_servers");
        }
        if (!node.isObject()) {
            throw new Unreadable("must be an object (with auth_servers) at the top");
        }
        return (ObjectNode) node;
    }

    public static String yaml(JsonNode document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    public static String json(JsonNode document) {
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectMapper yamlMapper() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_CODE_POINTS);
        loader.setMaxAliasesForCollections(20); // no "billion laughs"
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(loader)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build();
        YAMLMapper mapper = new YAMLMapper(factory);
        // A key given twice is a mistake in a configuration file, not "the last one wins".
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }
}
