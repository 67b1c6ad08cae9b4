package dev.tessera.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependencies point inward (STYLE.md): the feature packages never import the HTTP layer, the
 * management API, the OAuth endpoints or the command line.
 */
class DependencyDirectionTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/tessera");
    private static final List<String> FEATURES = List.of("authserver", "scope", "claim", "client", "admintoken",
            "crypto", "audit", "store", "token", "snapshot", "keys", "template", "cluster", "config", "login");
    private static final Pattern OUTER = Pattern.compile("^import dev\\.tessera\\.(http|admin|oauth|cli)\\.", Pattern.MULTILINE);

    @Test
    void featurePackagesDoNotImportTheOuterLayers() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String feature : FEATURES) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(feature))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    var m = OUTER.matcher(Files.readString(file));
                    while (m.find()) {
                        offenders.add(SOURCES.relativize(file) + " imports dev.tessera." + m.group(1));
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theManagementApiAndTheOAuthEndpointsDoNotImportEachOther() throws IOException {
        assertThat(imports("admin", "oauth")).isEmpty();
        assertThat(imports("oauth", "admin")).isEmpty();
    }

    private static List<Path> imports(String from, String to) throws IOException {
        Pattern p = Pattern.compile("^import dev\\.tessera\\." + to + "\\.", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(SOURCES.resolve(from))) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return p.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
