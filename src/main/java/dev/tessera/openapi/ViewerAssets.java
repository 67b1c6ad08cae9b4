package dev.tessera.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of the API viewer at {@code /console/api}: Swagger UI from its WebJar (so nothing is
 * fetched from a CDN and the page works offline) and our own start-up script. Only the files
 * named here are served; each is read once from the class path and kept in memory.
 */
final class ViewerAssets {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OWN = "openapi/viewer/";

    record Asset(String resource, String contentType) {
    }

    /** The bundle's version is read from the WebJar itself, so a version bump in the POM is enough. */
    private static final String VERSION = webjarVersion();

    private static final Map<String, Asset> ASSETS = Map.of(
            "swagger-ui-bundle.js", new Asset(WEBJAR + VERSION + "/swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
            "swagger-ui.css", new Asset(WEBJAR + VERSION + "/swagger-ui.css", "text/css; charset=utf-8"),
            "favicon-32x32.png", new Asset(WEBJAR + VERSION + "/favicon-32x32.png", "image/png"),
            "viewer.js", new Asset(OWN + "viewer.js", "text/javascript; charset=utf-8"),
            "viewer.css", new Asset(OWN + "viewer.css", "text/css; charset=utf-8"));

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    Optional<Asset> find(String name) {
        return Optional.ofNullable(ASSETS.get(name));
    }

    byte[] bytes(Asset asset) {
        return cache.computeIfAbsent(asset.resource(), ViewerAssets::read);
    }

    /** The viewer's HTML page, also from the class path. */
    byte[] page() {
        return cache.computeIfAbsent(OWN + "index.html", ViewerAssets::read);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ViewerAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String webjarVersion() {
        String pom = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
        try (InputStream in = ViewerAssets.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException(pom + " is missing: the swagger-ui WebJar is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
