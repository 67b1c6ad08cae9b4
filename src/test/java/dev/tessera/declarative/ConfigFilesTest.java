package dev.tessera.declarative;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFilesTest {

    private static ObjectNode read(String text) throws ConfigFiles.Unreadable {
        return ConfigFiles.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void yamlAndJsonReadTheSameAndWriteBack() throws Exception {
        ObjectNode yaml = read("auth_servers:\n  - name: a\n    audience: \"300\"\n    labels: {team: x}\n");
        ObjectNode json = read("{\"auth_servers\": [{\"name\": \"a\", \"audience\": \"300\", \"labels\": {\"team\": \"x\"}}]}");
        assertThat(yaml).isEqualTo(json);
        assertThat(read(ConfigFiles.yaml(yaml))).isEqualTo(yaml); // a string that looks like a number stays a string
        assertThat(read(ConfigFiles.json(yaml))).isEqualTo(yaml);
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> read("auth_servers: []\nauth_servers: []\n")).isInstanceOf(ConfigFiles.Unreadable.class)
                .hasMessageContaining("line 2").hasMessageContaining("auth_servers");
    }

    @Test
    void whatIsNotAnObjectIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> read("- a\n- b\n")).hasMessageContaining("must be an object");
        assertThatThrownBy(() -> read("auth_servers: [\n  {name: a\n")).hasMessageContaining("is not valid YAML or JSON (line");
    }

    @Test
    void secretReferencesAreResolvedFromTheEnvironmentAndFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("s"), "from-a-file\n");
        ObjectNode doc = read("""
                auth_servers:
                  - name: a
                    clients:
                      - {name: one, client_secret: "${env:ONE}"}
                      - {name: two, client_secret: "${file:%s}"}
                      - {name: three, client_secret: literal}
                      - {name: four, client_secret: "${env:MISSING}"}
                      - {name: five, client_secret: "${file:%s}"}
                """.formatted(dir.resolve("s"), dir.resolve("absent")));
        List<SecretReferences.Problem> problems = SecretReferences.resolve(doc, Map.of("ONE", "from-env"));
        var clients = doc.path("auth_servers").get(0).path("clients");
        assertThat(clients.get(0).path("client_secret").asText()).isEqualTo("from-env");
        assertThat(clients.get(1).path("client_secret").asText()).isEqualTo("from-a-file");
        assertThat(clients.get(2).path("client_secret").asText()).isEqualTo("literal");
        assertThat(problems).extracting(SecretReferences.Problem::path, SecretReferences.Problem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("auth_servers[0].clients[3].client_secret",
                        "environment variable MISSING is not set"),
                org.assertj.core.groups.Tuple.tuple("auth_servers[0].clients[4].client_secret",
                        "file " + dir.resolve("absent") + " cannot be read (NoSuchFileException)"));
        assertThat(SecretReferences.isReference("${ .Client.Name }")).isFalse();
    }
}
