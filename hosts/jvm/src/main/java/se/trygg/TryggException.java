package se.trygg;

import java.util.List;
import java.util.Optional;

/**
 * A failed trygg call: a stable {@link #code()} (e.g. {@code json.invalid}), a JSON pointer
 * {@link #path()} into the offending document ({@code ""} for all of it), and every error
 * found in {@link #errors()}. {@code internal.trap} means the module instance trapped and
 * was dropped (the next call makes a new one); {@code internal.poisoned} a session lost with it.
 */
public class TryggException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One located error of a document. */
    public record Detail(String code, String path, String message) {}

    private final String code;
    private final String path;
    private final String detail;
    private final transient List<Detail> errors;
    private final String type;
    private final String value;

    TryggException(String code, String path, String message, List<Detail> errors, String type, String value, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.path = path;
        this.detail = message;
        this.errors = errors.isEmpty() ? List.of(new Detail(code, path, message)) : List.copyOf(errors);
        this.type = type;
        this.value = value;
    }

    TryggException(String code, String message, Throwable cause) {
        this(code, "", code + ": " + message, List.of(new Detail(code, "", message)), null, null, cause);
    }

    /** The stable code, e.g. {@code registry.unknown_form}. */
    public String code() { return code; }

    /** A JSON pointer (RFC 6901) into the offending document; {@code ""} for all of it. */
    public String path() { return path; }

    /** The message: {@code code: what is wrong (at path)}. */
    public String detail() { return detail; }

    /** Every error found (at least one; the first is this exception's code and path). */
    public List<Detail> errors() { return errors; }

    /** For {@code evaluateLogic}: the JsonLogic error type (e.g. {@code NaN}). */
    public Optional<String> type() { return Optional.ofNullable(type); }

    /** For {@code evaluateLogic}: the error value as canonical JSON text. */
    public Optional<String> value() { return Optional.ofNullable(value); }
}
