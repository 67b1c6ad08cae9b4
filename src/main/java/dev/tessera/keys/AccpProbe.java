package dev.tessera.keys;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.Provider;

/**
 * Tries, once per JVM, to load and install the Amazon Corretto Crypto Provider (ACCP).
 *
 * <p>ACCP is only on the class path on Linux x86_64 / aarch64 (Maven profiles add the jar with the
 * matching native library), so this class must compile and load without it. That is why ACCP is
 * reached through reflection here, in exactly one place, and only once at start-up: the
 * {@link Provider} it yields is then used through the ordinary JCA API, with no reflection on any
 * hot path.
 */
final class AccpProbe {

    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    /** Outcome of the probe: the healthy, installed provider, or why there is none. */
    record Result(Provider provider, String description, String failureReason) {
        boolean available() {
            return provider != null;
        }
    }

    private static volatile Result cached;

    private AccpProbe() {
    }

    /** Whether the ACCP classes are on the class path at all (says nothing about the native library). */
    static boolean classPresent() {
        try {
            Class.forName(ACCP_CLASS, false, AccpProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Probes and installs ACCP the first time it is called; later calls return the same result. */
    static Result result() {
        Result r = cached;
        if (r == null) {
            synchronized (AccpProbe.class) {
                r = cached;
                if (r == null) {
                    r = probe();
                    cached = r;
                }
            }
        }
        return r;
    }

    private static Result probe() {
        Class<?> accpClass;
        try {
            accpClass = Class.forName(ACCP_CLASS, true, AccpProbe.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return failure("ACCP jar is not on the class path (no build for this OS/architecture)");
        } catch (LinkageError e) {
            return failure("ACCP classes failed to load: " + e);
        }
        try {
            Field instanceField = accpClass.getField("INSTANCE");
            Provider accp = (Provider) instanceField.get(null);

            // getLoadingError() is non-null when the JNI library could not be loaded, e.g. wrong
            // libc, a blocked /tmp, or native access denied on newer JDKs.
            Throwable loadingError = (Throwable) accpClass.getMethod("getLoadingError").invoke(accp);
            if (loadingError != null) {
                return failure("ACCP native library did not load: " + loadingError + nativeAccessHint());
            }
            // assertHealthy() runs ACCP's self tests and throws when any of them failed.
            accpClass.getMethod("assertHealthy").invoke(accp);
            // install() puts ACCP first in the JVM-wide provider list, so JCA users we do not control
            // (TLS, SecureRandom) benefit too. Tessera still passes the provider explicitly everywhere.
            accpClass.getMethod("install").invoke(null);

            String version = describe(accpClass, accp);
            return new Result(accp, version, null);
        } catch (InvocationTargetException e) {
            return failure("ACCP is unhealthy: " + e.getCause() + nativeAccessHint());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return failure("ACCP could not be initialised: " + e + nativeAccessHint());
        }
    }

    private static String describe(Class<?> accpClass, Provider accp) {
        StringBuilder sb = new StringBuilder("ACCP ");
        sb.append(callString(accpClass, accp, "getVersionStr", accp.getVersionStr()));
        sb.append(" (").append(callString(accpClass, accp, "getAwsLcVersionStr", "AWS-LC ?")).append(')');
        return sb.toString();
    }

    private static String callString(Class<?> type, Object target, String method, String fallback) {
        try {
            Method m = type.getMethod(method);
            return String.valueOf(m.invoke(target));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return fallback;
        }
    }

    /**
     * On JDK 24+ JNI loading is a "restricted" operation; without native access granted, ACCP may
     * fail or the JDK may start refusing in a later release. Module.isNativeAccessEnabled() only
     * exists from JDK 22, and we compile for 21, hence the reflection.
     */
    private static String nativeAccessHint() {
        return nativeAccessEnabled() ? "" : " (start the JVM with --enable-native-access=ALL-UNNAMED)";
    }

    static boolean nativeAccessEnabled() {
        if (Runtime.version().feature() < 22) {
            return true;
        }
        try {
            Method m = Module.class.getMethod("isNativeAccessEnabled");
            return (Boolean) m.invoke(AccpProbe.class.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    private static Result failure(String reason) {
        return new Result(null, null, reason);
    }
}
