package dev.tessera.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Tessera's own OpenAPI 3.1 description of the {@code /v1} management API. It is written by hand
 * in YAML ({@code openapi/tessera.yaml}, easier to read and review than JSON) and turned into JSON
 * once, on first use, so that start-up does not pay for it.
 */
public final class ApiDescription {
    /** The hand-written source on the class path. */
    public static final String RESOURCE = "openapi/tessera.yaml";

    private static final class Loaded {
        static final JsonNode TREE = read();
        static final byte[] JSON = write(TREE);
    }

    private ApiDescription() {
    }

    /** The document as a JSON tree (a fresh copy: callers may change it). */
    public static JsonNode tree() {
        return Loaded.TREE.deepCopy();
    }

    /** The document as served: UTF-8 JSON. */
    public static byte[] json() {
        return Loaded.JSON.clone();
    }

    private static JsonNode read() {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static byte[] write(JsonNode tree) {
        try {
            return new ObjectMapper().writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
