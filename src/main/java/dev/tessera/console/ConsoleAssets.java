package dev.tessera.console;

import dev.tessera.http.ProblemException;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, shipped in the jar under {@code console/}: plain ES modules and CSS, no
 * build step. Names are checked against a strict pattern before the class path is asked, so a
 * request can reach nothing but these files.
 */
final class ConsoleAssets {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*\\.(js|css|svg|png|html)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "html", "text/html; charset=utf-8");

    private final Map<String, Optional<byte[]>> loaded = new ConcurrentHashMap<>();

    void serve(Context ctx, String name) {
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.notFound("No such console file");
        }
        byte[] bytes = loaded.computeIfAbsent(name, ConsoleAssets::load)
                .orElseThrow(() -> ProblemException.notFound("No such console file"));
        ConsoleHeaders.apply(ctx);
        // Revalidated each time: a new version is picked up at once, and the files are small.
        ctx.header("Cache-Control", "no-cache");
        ctx.status(200).contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1))).result(bytes);
    }

    private static Optional<byte[]> load(String name) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream("console/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read console/" + name, e);
        }
    }
}
