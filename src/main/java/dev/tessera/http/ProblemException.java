package dev.tessera.http;

import java.util.List;

/**
 * A management-API error, rendered once as {@code application/problem+json}
 * ({@code status, title, detail, instance} and, for 400, {@code invalid_parameters}).
 */
public final class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<InvalidParameter> invalidParameters;

    public ProblemException(int status, String title, String detail, List<InvalidParameter> invalidParameters) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.invalidParameters = List.copyOf(invalidParameters);
    }

    /** A 400 names at least one invalid parameter, as Kong's error schema requires. */
    public static ProblemException badRequest(String detail, List<InvalidParameter> invalid) {
        if (invalid.isEmpty()) {
            throw new IllegalArgumentException("a 400 problem must name at least one invalid parameter");
        }
        return new ProblemException(400, "Bad Request", detail, invalid);
    }

    public static ProblemException invalid(InvalidParameter p) {
        return badRequest("Invalid request: " + p.field() + " " + p.reason(), List.of(p));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<InvalidParameter> invalidParameters() {
        return invalidParameters;
    }
}
