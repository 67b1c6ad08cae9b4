package dev.tessera.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets in a configuration file are references, resolved where the file is read (by
 * {@code tessera apply}, on the operator's or CI's machine), never by the server:
 * {@code ${env:NAME}} is the environment variable NAME, {@code ${file:/path}} the content of the
 * file (one trailing line break removed). Only {@code client_secret} fields hold secrets.
 */
public final class SecretReferences {
    public static final String FIELD = "client_secret";
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{(env|file):([^}]+)}$");

    private SecretReferences() {
    }

    /** A reference that could not be resolved, at its place in the file. */
    public record Problem(String path, String reason) {
    }

    /** Whether a value is written as a reference (resolved or not). */
    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value).matches();
    }

    /**
     * Replaces each {@code client_secret} reference under {@code auth_servers[].clients[]} with
     * its value, in place. Returns the problems (unset variables, unreadable files); literals are
     * left as they are.
     */
    public static List<Problem> resolve(ObjectNode document, Map<String, String> env) {
        List<Problem> problems = new ArrayList<>();
        JsonNode servers = document.path("auth_servers");
        for (int s = 0; s < servers.size(); s++) {
            JsonNode clients = servers.get(s).path("clients");
            for (int c = 0; c < clients.size(); c++) {
                JsonNode client = clients.get(c);
                if (client instanceof ObjectNode object && object.path(FIELD).isTextual()) {
                    String path = "auth_servers[" + s + "].clients[" + c + "]." + FIELD;
                    try {
                        resolved(object.get(FIELD).asText(), env).ifPresent(v -> object.put(FIELD, v));
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem(path, e.getMessage()));
                    }
                }
            }
        }
        return problems;
    }

    /** The value a reference names; empty for a literal; IllegalArgumentException when it cannot be had. */
    static Optional<String> resolved(String value, Map<String, String> env) {
        Matcher m = REFERENCE.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(2).strip();
        if (m.group(1).equals("env")) {
            String v = env.get(name);
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("environment variable " + name + " is not set");
            }
            return Optional.of(v);
        }
        try {
            String content = Files.readString(Path.of(name), StandardCharsets.UTF_8);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            } else if (content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            if (content.isEmpty()) {
                throw new IllegalArgumentException("file " + name + " is empty");
            }
            return Optional.of(content);
        } catch (IOException e) {
            throw new IllegalArgumentException("file " + name + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
