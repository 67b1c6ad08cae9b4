package dev.tessera.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Registered for every test (src/test/resources/META-INF/services and junit-platform.properties):
 * after each test, and after each class for what its set-up and tear-down sent, fails if a
 * management API exchange did not fit Tessera's API description (see {@link ApiDescriptionCheck}).
 */
public final class ApiDescriptionCheckExtension implements AfterEachCallback, AfterAllCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        failOnProblems();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnProblems();
    }

    private static void failOnProblems() {
        List<String> problems = ApiDescriptionCheck.drain();
        if (!problems.isEmpty()) {
            throw new AssertionError("The management API answered differently from its description "
                    + "(src/main/resources/openapi/tessera.yaml); fix the server or the description:\n"
                    + String.join("\n", problems));
        }
    }
}
