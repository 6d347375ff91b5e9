package dev.switchboard.error;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.switchboard.common.InputLimits;
import dev.switchboard.common.StorableText;
import dev.switchboard.db.DatabaseUnavailable;

/**
 * The one place where failures become HTTP responses. Bodies never carry class names or stack traces: 422 is the
 * contract's ValidationError, everything else {@link ErrorBody}.
 */
public class ErrorMappers {

    /** The header that carries a request's id; {@code dev.switchboard.http.RequestEdge} sets it on every request. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final PropertyNamingStrategies.NamingBase SNAKE = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = json(e.status(), e.body());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response validationProblem(ValidationProblem e) {
        return json(422, e.body()).build();
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        ValidationProblem problem = new ValidationProblem();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            problem.add(ValidationProblem.JSON, bodyField(violation.getPropertyPath()), violation.getMessage());
        }
        return validationProblem(problem);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return validationProblem(describe(e));
    }

    /** Named explicitly: Quarkus REST's own mapper for this type would otherwise answer 400 with its own body. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        // Quarkus REST wraps body-reading failures; the cause says what was wrong with the body.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        ErrorBody body = switch (status) {
            case 404 -> ErrorBody.of("Not found", "NOT_FOUND");
            case 405 -> ErrorBody.of("Method not allowed", "METHOD_NOT_ALLOWED");
            case 406 -> ErrorBody.of("Not acceptable: this API produces application/json", "NOT_ACCEPTABLE");
            case 413 -> ErrorBody.of("Request body too large (at most 1 MiB)", "PAYLOAD_TOO_LARGE");
            case 415 -> ErrorBody.of("Unsupported media type: send application/json", "UNSUPPORTED_MEDIA_TYPE");
            case 400 -> ErrorBody.of("Bad request", "BAD_REQUEST");
            default -> status >= 500
                    ? null
                    : ErrorBody.of(Response.Status.fromStatusCode(status) == null
                            ? "Request failed"
                            : Response.Status.fromStatusCode(status).getReasonPhrase(), "HTTP_" + status);
        };
        if (body == null) {
            return unexpected(e, null);
        }
        Response.ResponseBuilder response = json(status, body);
        if (e instanceof NotAllowedException) {
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                response.header(HttpHeaders.ALLOW, allow);
            }
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        if (isOversizeBody(e)) {
            // Quarkus already answered 413 to a chunked body over quarkus.http.limits.max-body-size.
            return json(413, ErrorBody.of("Request body too large (at most 1 MiB)", "PAYLOAD_TOO_LARGE")).build();
        }
        if (DatabaseUnavailable.isCause(e)) {
            LOG.warnf("Database unavailable: %s", e.getMessage());
            return apiException(
                    ApiException.serviceUnavailable("The service is temporarily unavailable. Please retry.", 5));
        }
        String requestId = headers == null ? null : headers.getHeaderString(REQUEST_ID_HEADER);
        LOG.errorf(e, "Unexpected failure (request %s)", requestId);
        return json(500,
                new ErrorBody("Internal error. Quote the request id when you contact support.", "INTERNAL_ERROR",
                        null, null, requestId))
                .build();
    }

    private static boolean isOversizeBody(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && "Request too large".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static Response.ResponseBuilder json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    /**
     * The body field of a violation on a resource method's body parameter, e.g. {@code create.body.scopes[1]} ->
     * {@code scopes.1}.
     */
    static String bodyField(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    field.append('.').append(node.getIndex());
                } else if (node.getKey() != null) {
                    field.append('.').append(node.getKey());
                }
                continue;
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(SNAKE.translate(node.getName()));
            }
            if (node.getIndex() != null) {
                field.append('.').append(node.getIndex());
            }
        }
        return field.isEmpty() ? ValidationProblem.WHOLE_BODY : field.toString();
    }

    static ValidationProblem describe(JsonProcessingException e) {
        StreamConstraintsException limit = limitExceeded(e);
        if (limit != null) {
            return ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, limitMessage(limit));
        }
        if (!(e instanceof JsonMappingException mapping)) {
            String message = e instanceof InputCoercionException ? "Number out of range." : "Invalid JSON body.";
            return ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, message);
        }
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            field = ValidationProblem.WHOLE_BODY;
        }
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "Unknown field.";
        } else if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                && !StorableText.isStorable(text)) {
            message = StorableText.MESSAGE;
        } else if (mapping.getCause() instanceof InputCoercionException) {
            message = "Number out of range.";
        } else if (e instanceof MismatchedInputException mismatch) {
            message = expected(mismatch.getTargetType(), mismatch, field);
        } else {
            message = "Invalid value.";
        }
        return ValidationProblem.of(ValidationProblem.JSON, field, message);
    }

    private static StreamConstraintsException limitExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    /** Which of {@link InputLimits} the body broke, without echoing any of it. */
    private static String limitMessage(StreamConstraintsException e) {
        String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (text.contains("Token count")) {
            return "Too many values in the body (at most " + InputLimits.MAX_TOKENS + " JSON tokens).";
        }
        if (text.contains("nesting depth")) {
            return "Nested too deeply (at most " + InputLimits.MAX_DEPTH + " levels).";
        }
        if (text.contains("Name length")) {
            return "A field name is too long (at most " + InputLimits.MAX_NAME_LENGTH + " characters).";
        }
        if (text.contains("String value length")) {
            return "A string is too long (at most " + InputLimits.MAX_STRING_LENGTH + " characters).";
        }
        return "A number is too long.";
    }

    private static String expected(Class<?> type, MismatchedInputException e, String field) {
        if (type == null) {
            return ValidationProblem.WHOLE_BODY.equals(field) ? "Invalid input type." : "Invalid value.";
        }
        if (type.isEnum()) {
            return "Must be one of: " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ")) + ".";
        }
        if (e instanceof InvalidFormatException && java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "Not a valid datetime (ISO 8601, e.g. 2025-09-17T15:01:41Z).";
        }
        if (type == String.class) {
            return "Not a valid string.";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "Not a valid integer.";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "Not a valid boolean.";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "Not a valid number.";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "Not a valid list.";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "Not a valid datetime (ISO 8601, e.g. 2025-09-17T15:01:41Z).";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return ValidationProblem.WHOLE_BODY.equals(field)
                    ? "Invalid input type: expected a JSON object."
                    : "Not a valid object.";
        }
        return "Invalid value.";
    }
}
