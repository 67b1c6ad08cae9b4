package dev.tessera.openapi;

import dev.tessera.http.ProblemException;
import dev.tessera.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * {@code GET /v1/openapi.json}, Tessera's API description (no admin token needed: it holds no
 * secret), and {@code GET /console/api}, the same rendered by the bundled Swagger UI, with its
 * assets under {@code /console/api/assets/}. Served with the management API, so on the admin
 * listener when there is one.
 */
public final class ApiDescriptionRoutes implements RouteGroup {
    public static final String DOCUMENT_PATH = "/v1/openapi.json";
    public static final String VIEWER_PATH = "/console/api";
    static final String ASSETS_PATH = VIEWER_PATH + "/assets/";

    /**
     * Swagger UI runs from our own files only: no inline or evaluated script or style, no
     * third-party host, no framing. Its icons are data: URIs. (Checked by hand in headless
     * Chromium: every operation, parameter and schema renders under this policy.)
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ViewerAssets assets = new ViewerAssets();

    @Override
    public void addTo(JavalinDefaultRoutingApi r) {
        r.get(DOCUMENT_PATH, this::document);
        r.get(VIEWER_PATH, this::page);
        r.get(ASSETS_PATH + "{name}", this::asset);
    }

    private void document(Context ctx) {
        // Changes only with a new release, but a cached copy must not outlive an upgrade: always revalidate.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("application/json").result(ApiDescription.json());
    }

    private void page(Context ctx) {
        securityHeaders(ctx);
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(assets.page());
    }

    private void asset(Context ctx) {
        var asset = assets.find(ctx.pathParam("name"))
                .orElseThrow(() -> ProblemException.notFound("No such resource"));
        securityHeaders(ctx);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(asset.contentType()).result(assets.bytes(asset));
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }
}
