package dev.tessera.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.Adler32;

/**
 * Hashes, Base64 and JSON: sha256sum, sha1sum, adler32sum, b64enc, b64dec, toJson, toRawJson,
 * toPrettyJson, fromJson (and their must* aliases, which behave the same because every failure
 * here is already an error).
 */
final class EncodingFunctions {

    private EncodingFunctions() {
    }

    static void register(Functions.Builder b) {
        b.define("sha256sum", 1, (a, ev) -> digest("SHA-256", Args.string(a, 0)));
        b.define("sha1sum", 1, (a, ev) -> digest("SHA-1", Args.string(a, 0)));
        b.define("adler32sum", 1, (a, ev) -> {
            Adler32 adler = new Adler32();
            adler.update(Args.string(a, 0).getBytes(StandardCharsets.UTF_8));
            return Long.toString(adler.getValue());
        });
        b.define("b64enc", 1, (a, ev) ->
                Base64.getEncoder().encodeToString(Args.string(a, 0).getBytes(StandardCharsets.UTF_8)));
        b.define("b64dec", 1, (a, ev) -> b64dec(Args.string(a, 0)));
        b.define("toJson", 1, (a, ev) -> JsonWriter.toJson(a[0], true, false));
        b.define("toRawJson", 1, (a, ev) -> JsonWriter.toJson(a[0], false, false));
        b.define("toPrettyJson", 1, (a, ev) -> JsonWriter.toJson(a[0], true, true));
        b.define("fromJson", 1, (a, ev) -> JsonReader.parseStrict(Args.string(a, 0)));
        b.alias("mustToJson", "toJson");
        b.alias("mustToRawJson", "toRawJson");
        b.alias("mustToPrettyJson", "toPrettyJson");
        b.alias("mustFromJson", "fromJson");
    }

    private static String digest(String algorithm, String s) {
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new EvalError(algorithm + " is not available");
        }
    }

    /** Standard Base64 with padding, as Go's StdEncoding (which skips line breaks). */
    private static String b64dec(String s) {
        String input = s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? s.replace("\n", "").replace("\r", "") : s;
        if (input.length() % 4 != 0) {
            throw new EvalError("illegal base64 data: length " + input.length() + " is not a multiple of 4");
        }
        try {
            return new String(Base64.getDecoder().decode(input), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EvalError("illegal base64 data: " + e.getMessage());
        }
    }
}
