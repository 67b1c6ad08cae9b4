package dev.tessera.flows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The documented example login application (examples/login-app/LoginApp.java), run as its own process. */
final class ExampleLoginApp implements AutoCloseable {
    final Process process;
    final String loginUri;

    ExampleLoginApp(String issuer, String clientId, String clientSecret) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "examples/login-app/LoginApp.java").redirectErrorStream(true);
        pb.environment().put("TESSERA_ISSUER", issuer);
        pb.environment().put("CLIENT_ID", clientId);
        pb.environment().put("CLIENT_SECRET", clientSecret);
        pb.environment().put("PORT", "0");
        process = pb.start();
        // It prints its port once it listens: no polling, no sleeping.
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on ")) {
            throw new IllegalStateException("the example login app did not start: " + line);
        }
        loginUri = "http://127.0.0.1:" + line.substring("listening on ".length()).strip() + "/login";
    }

    @Override
    public void close() {
        process.destroy();
    }
}
