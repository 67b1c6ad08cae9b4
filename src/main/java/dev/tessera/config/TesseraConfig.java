package dev.tessera.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of a Tessera node, read once from {@code TESSERA_*} environment variables.
 * Defaults work on a laptop; an unknown {@code TESSERA_} variable or an invalid value fails
 * start-up with one clear line (a typo must not silently fall back to a default).
 */
public record TesseraConfig(
        String httpHost,
        int httpPort,
        Optional<String> publicUrl,
        Path dataDir,
        Optional<String> databaseUrl,
        Optional<String> adminToken,
        LogFormat logFormat,
        Optional<String> masterKey,
        Optional<String> issuerDomain,
        int maxBodyBytes,
        int bodyTimeoutSeconds,
        boolean nativeCrypto,
        String sqliteSynchronous,
        ClientAuthLimits clientAuth,
        Optional<Listener> adminListener,
        ConsoleSettings console,
        ClientAssertionSettings clientAssertions,
        KeySettings keys) {

    /**
     * A separate listener for the management API and {@code /metrics}
     * ({@code TESSERA_ADMIN_HOST}, {@code TESSERA_ADMIN_PORT}); empty when everything shares one port.
     */
    public record Listener(String host, int port) {
    }

    public enum LogFormat { TEXT, JSON }

    public static final int DEFAULT_PORT = 8080;

    private static final Set<String> KNOWN = known(
            "TESSERA_HTTP_HOST", "TESSERA_HTTP_PORT", "TESSERA_PUBLIC_URL", "TESSERA_DATA_DIR",
            "TESSERA_DATABASE_URL", "TESSERA_ADMIN_TOKEN", "TESSERA_LOG_FORMAT", "TESSERA_MASTER_KEY",
            "TESSERA_ISSUER_DOMAIN", "TESSERA_MAX_BODY_BYTES", "TESSERA_BODY_TIMEOUT", "TESSERA_CRYPTO_PROVIDER", "TESSERA_SQLITE_SYNCHRONOUS",
            "TESSERA_ADMIN_HOST", "TESSERA_ADMIN_PORT");

    private static Set<String> known(String... names) {
        Set<String> all = new HashSet<>(Set.of(names));
        all.addAll(ClientAuthLimits.names());
        all.addAll(ConsoleSettings.names());
        all.addAll(ClientAssertionSettings.names());
        all.addAll(KeySettings.names());
        return Set.copyOf(all);
    }

    public static TesseraConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the settings from a map of environment variables. */
    public static TesseraConfig from(Map<String, String> env) {
        Set<String> unknown = new TreeSet<>();
        for (String name : env.keySet()) {
            if (name.startsWith("TESSERA_") && !KNOWN.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting " + String.join(", ", unknown)
                    + " (known: " + String.join(", ", new TreeSet<>(KNOWN)) + ")");
        }
        String host = value(env, "TESSERA_HTTP_HOST").orElse("0.0.0.0");
        int port = value(env, "TESSERA_HTTP_PORT").map(v -> integer("TESSERA_HTTP_PORT", v, 0, 65535))
                .orElse(DEFAULT_PORT);
        Optional<String> publicUrl = value(env, "TESSERA_PUBLIC_URL").map(TesseraConfig::publicUrl);
        Path dataDir = Path.of(value(env, "TESSERA_DATA_DIR").orElse("./data"));
        Optional<String> databaseUrl = value(env, "TESSERA_DATABASE_URL").map(TesseraConfig::databaseUrl);
        Optional<String> adminToken = value(env, "TESSERA_ADMIN_TOKEN");
        adminToken.ifPresent(t -> {
            if (t.length() < 16 || t.length() > 256 || !t.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new ConfigException("TESSERA_ADMIN_TOKEN must be 16 to 256 printable ASCII characters without spaces");
            }
        });
        LogFormat logFormat = value(env, "TESSERA_LOG_FORMAT").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new ConfigException("TESSERA_LOG_FORMAT must be text or json, not '" + v + "'");
        }).orElse(LogFormat.TEXT);
        Optional<String> masterKey = value(env, "TESSERA_MASTER_KEY");
        Optional<String> issuerDomain = value(env, "TESSERA_ISSUER_DOMAIN").map(TesseraConfig::domain);
        int maxBody = value(env, "TESSERA_MAX_BODY_BYTES")
                .map(v -> integer("TESSERA_MAX_BODY_BYTES", v, 1024, 16 * 1024 * 1024)).orElse(256 * 1024);
        int bodyTimeout = value(env, "TESSERA_BODY_TIMEOUT")
                .map(v -> integer("TESSERA_BODY_TIMEOUT", v, 1, 300)).orElse(10);
        boolean nativeCrypto = value(env, "TESSERA_CRYPTO_PROVIDER").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "auto" -> true;
            case "jdk" -> false;
            default -> throw new ConfigException("TESSERA_CRYPTO_PROVIDER must be auto or jdk, not '" + v + "'");
        }).orElse(true);
        String sqliteSynchronous = value(env, "TESSERA_SQLITE_SYNCHRONOUS").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "full" -> "FULL";
            case "normal" -> "NORMAL";
            default -> throw new ConfigException("TESSERA_SQLITE_SYNCHRONOUS must be full or normal, not '" + v + "'");
        }).orElse("FULL");
        Optional<Listener> adminListener = adminListener(env, host, port);
        return new TesseraConfig(host, port, publicUrl, dataDir, databaseUrl, adminToken, logFormat,
                masterKey, issuerDomain, maxBody, bodyTimeout, nativeCrypto, sqliteSynchronous,
                ClientAuthLimits.from(env), adminListener, ConsoleSettings.from(env), ClientAssertionSettings.from(env),
                KeySettings.from(env));
    }

    /** The admin listener binds to loopback unless told otherwise: it is meant for operators, not the internet. */
    private static Optional<Listener> adminListener(Map<String, String> env, String httpHost, int httpPort) {
        Optional<String> adminHost = value(env, "TESSERA_ADMIN_HOST");
        Optional<Integer> adminPort = value(env, "TESSERA_ADMIN_PORT")
                .map(v -> integer("TESSERA_ADMIN_PORT", v, 0, 65535));
        if (adminPort.isEmpty()) {
            if (adminHost.isPresent()) {
                throw new ConfigException("TESSERA_ADMIN_HOST needs TESSERA_ADMIN_PORT (the separate management listener)");
            }
            return Optional.empty();
        }
        if (adminPort.get() != 0 && adminPort.get() == httpPort) {
            throw new ConfigException("TESSERA_ADMIN_PORT must differ from TESSERA_HTTP_PORT (" + httpPort + ")");
        }
        return Optional.of(new Listener(adminHost.orElse("127.0.0.1"), adminPort.get()));
    }

    /** The same settings with another port and data directory; used by tests and benchmarks. */
    public TesseraConfig withPort(int port) {
        return new TesseraConfig(httpHost, port, publicUrl, dataDir, databaseUrl, adminToken, logFormat,
                masterKey, issuerDomain, maxBodyBytes, bodyTimeoutSeconds, nativeCrypto, sqliteSynchronous, clientAuth,
                adminListener, console, clientAssertions, keys);
    }

    /** True when the public URL is https: the console's cookie is then Secure even behind a TLS-terminating proxy. */
    public boolean publicUrlIsHttps() {
        return publicUrl.map(u -> u.regionMatches(true, 0, "https:", 0, 6)).orElse(false);
    }

    /** The public base URL, defaulting to {@code http://localhost:<bound port>}. */
    public String effectivePublicUrl(int boundPort) {
        return publicUrl.orElse("http://localhost:" + boundPort);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v < min || v > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static String publicUrl(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new ConfigException("TESSERA_PUBLIC_URL must be an http(s) URL without query or fragment, not '" + value + "'");
            }
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("TESSERA_PUBLIC_URL is not a valid URL: '" + value + "'");
        }
    }

    private static String databaseUrl(String value) {
        if (!value.startsWith("jdbc:postgresql://") && !value.startsWith("jdbc:sqlite:")) {
            throw new ConfigException("TESSERA_DATABASE_URL must start with jdbc:postgresql:// or jdbc:sqlite:, not '"
                    + value.replaceAll("password=[^&]*", "password=***") + "'");
        }
        return value;
    }

    private static String domain(String value) {
        if (!value.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw new ConfigException("TESSERA_ISSUER_DOMAIN must be a DNS name such as id.example.com, not '" + value + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
