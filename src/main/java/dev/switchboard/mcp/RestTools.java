package dev.switchboard.mcp;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.auth.ApiKeyAuthFilter;
import dev.switchboard.auth.Caller;
import dev.switchboard.auth.KeyAuthenticator;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.error.ErrorMappers;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.tenant.Scope;
import dev.switchboard.wms.api.WmsReads;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolManager.ToolArguments;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.openapi.runtime.io.Format;

/**
 * The MCP tools, each one a REST route called in-process: the tool's input schema is the route's (from the OpenAPI
 * document), its arguments become the route's path, query and body parameters, and the resource method itself runs,
 * with the same parsing, validation, services and tenant scoping. The scope a tool needs is the one
 * {@link ApiKeyAuthFilter} derives for the route; the caller is the key {@link McpEndpoint} authenticated. A failure
 * is an MCP tool error ({@code isError}) whose text is the REST error body, as {@link ErrorMappers} makes it.
 */
@ApplicationScoped
public class RestTools {

    private static final Logger LOG = Logger.getLogger(RestTools.class);
    static final String ACCESS_TOKEN = "access_token";
    /** Response headers a list answers with, folded into the tool's result under these names. */
    private static final Map<String, String> RESULT_HEADERS = Map.of("x-next-page-token", "next_page_token",
            "x-total-count", "total_count");

    @Inject
    ToolManager tools;
    @Inject
    OpenApiDocumentService openApi;
    @Inject
    ObjectMapper json;
    @Inject
    KeyAuthenticator authenticator;
    @Inject
    CurrentVertxRequest vertxRequest;
    @Inject
    SwitchboardConfig config;
    @Inject
    WmsReads wmsReads;
    @Inject
    Caller caller;

    private final ErrorMappers errors = new ErrorMappers();

    /** One tool: a name for agents and the resource method it calls. */
    record Definition(String name, String title, Class<?> resource, String methodName, boolean readOnly) {
    }

    /** A definition bound to its method, route and scope. */
    record Bound(Definition definition, Method method, String httpMethod, String path, Scope scope) {
    }

    void register(@Observes StartupEvent start) {
        // Our own document, read by a plain mapper: the request mapper's limits are for what clients send.
        OpenApiSchemas schemas = OpenApiSchemas.parse(
                openApi.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON), new ObjectMapper());
        for (Definition definition : ToolCatalog.definitions()) {
            Bound bound = bind(definition);
            register(bound, schemas.inputSchema(bound.path(), bound.httpMethod()), arguments -> call(bound, arguments));
        }
        for (ToolCatalog.WmsRead read : ToolCatalog.wmsReads()) {
            Bound bound = bind(read.definition());
            // The route's access-token header is the tool's access_token argument (OpenApiSchemas).
            ObjectNode schema = schemas.inputSchema(bound.path(), bound.httpMethod());
            register(bound, schema, arguments -> callWms(bound, read, arguments));
        }
    }

    private void register(Bound bound, ObjectNode schema,
            java.util.function.Function<ToolArguments, ToolResponse> handler) {
        Definition definition = bound.definition();
        tools.newTool(definition.name())
                .setTitle(definition.title())
                .setDescription(description(bound))
                .setInputSchema(json.convertValue(schema, Map.class))
                .setAnnotations(new ToolManager.ToolAnnotations(definition.title(), definition.readOnly(),
                        !definition.readOnly() && bound.httpMethod().equals(HttpMethod.DELETE), definition.readOnly(),
                        false))
                .setHandler(handler)
                .register();
    }

    /** A WMS read: WmsReads (the read API's query service) with the route's filters, as WmsReadResource calls it. */
    private ToolResponse callWms(Bound bound, ToolCatalog.WmsRead read, ToolArguments arguments) {
        try {
            authenticate(bound);
            Map<String, Object> args = arguments.args() == null ? Map.of() : arguments.args();
            String token = text(args.get(ACCESS_TOKEN));
            if (read.idParameter() == null) {
                jakarta.ws.rs.core.MultivaluedMap<String, String> query = new jakarta.ws.rs.core.MultivaluedHashMap<>();
                args.forEach((name, value) -> {
                    if (!name.equals(ACCESS_TOKEN) && value != null) {
                        if (value instanceof List<?> values) {
                            values.forEach(v -> query.add(name, String.valueOf(v)));
                        } else {
                            query.add(name, value.toString());
                        }
                    }
                });
                return success(wmsReads.listBytes(caller.tenant(), token, read.route(), query, Map.of()));
            }
            String id = text(args.get(read.idParameter()));
            return success(wmsReads.one(caller.tenant(), token, read.route(), id, read.notFound(),
                    Map.of(read.idParameter(), id == null ? "" : id)));
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    /** The call's arguments with the null ones McpEndpoint set aside put back (a body field's null clears it). */
    private Map<String, Object> withNulls(Map<String, Object> arguments) {
        List<String> nulls = vertxRequest.getCurrent() == null
                ? null
                : vertxRequest.getCurrent().get(McpEndpoint.NULL_ARGUMENTS);
        if (nulls == null || nulls.isEmpty()) {
            return arguments == null ? Map.of() : arguments;
        }
        Map<String, Object> all = new LinkedHashMap<>(arguments == null ? Map.of() : arguments);
        nulls.forEach(name -> all.put(name, null));
        return all;
    }

    /** The key McpEndpoint authenticated, checked for the route's scope and made the request's Caller. */
    private void authenticate(Bound bound) {
        KeyAuthenticator.Authenticated key = vertxRequest.getCurrent() == null
                ? null
                : vertxRequest.getCurrent().get(McpEndpoint.AUTHENTICATED);
        if (key == null) {
            // McpEndpoint guards every request to /mcp; a tool reached without a key is a wiring error.
            throw new IllegalStateException("MCP tool call without an authenticated key");
        }
        authenticator.authorize(key.key(), bound.scope());
        authenticator.actAs(key);
    }

    static Bound bind(Definition definition) {
        Method method = null;
        for (Method candidate : definition.resource().getMethods()) {
            if (candidate.getName().equals(definition.methodName()) && httpMethod(candidate) != null) {
                if (method != null) {
                    throw new IllegalStateException("ambiguous resource method " + definition.methodName());
                }
                method = candidate;
            }
        }
        if (method == null) {
            throw new IllegalStateException(
                    "no resource method " + definition.resource().getName() + "." + definition.methodName());
        }
        String httpMethod = httpMethod(method);
        String path = path(definition.resource().getAnnotation(Path.class)) + path(method.getAnnotation(Path.class));
        return new Bound(definition, method, httpMethod, path.isEmpty() ? "/" : path,
                ApiKeyAuthFilter.neededScope(definition.resource(), method, httpMethod));
    }

    private ToolResponse call(Bound bound, ToolArguments arguments) {
        try {
            authenticate(bound);
            Object[] parameters = parameters(bound, withNulls(arguments.args()));
            Object bean = Arc.container().instance(bound.definition().resource()).get();
            return success(bound.method().invoke(bean, parameters));
        } catch (InvocationTargetException e) {
            return failure(e.getCause());
        } catch (RuntimeException | IllegalAccessException e) {
            return failure(e);
        }
    }

    private Object[] parameters(Bound bound, Map<String, Object> arguments) {
        Parameter[] declared = bound.method().getParameters();
        Object[] values = new Object[declared.length];
        Set<String> consumed = new HashSet<>();
        Map<String, Object> query = new LinkedHashMap<>();
        String path = bound.path();
        int body = -1;
        for (int i = 0; i < declared.length; i++) {
            Parameter parameter = declared[i];
            PathParam pathParam = parameter.getAnnotation(PathParam.class);
            QueryParam queryParam = parameter.getAnnotation(QueryParam.class);
            if (pathParam != null) {
                String value = text(arguments.get(pathParam.value()));
                values[i] = value;
                consumed.add(pathParam.value());
                path = path.replace("{" + pathParam.value() + "}", value == null ? "" : encode(value));
            } else if (queryParam != null) {
                values[i] = text(arguments.get(queryParam.value()));
                consumed.add(queryParam.value());
                if (values[i] != null) {
                    query.put(queryParam.value(), values[i]);
                }
            } else if (parameter.getAnnotation(jakarta.ws.rs.HeaderParam.class) != null && parameter
                    .getAnnotation(jakarta.ws.rs.HeaderParam.class).value()
                    .equalsIgnoreCase(OpenApiSchemas.ACCESS_TOKEN_HEADER)) {
                values[i] = text(arguments.get(ACCESS_TOKEN));
                consumed.add(ACCESS_TOKEN);
            } else if (isAnnotated(parameter)) {
                values[i] = null; // other headers (Idempotency-Key) and contexts: not given to tools
            } else {
                body = i;
            }
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i].isAnnotationPresent(Context.class)) {
                if (declared[i].getType() == UriInfo.class) {
                    values[i] = ToolRequestContext.uriInfo(requestUri(path, query), publicUrl());
                } else if (declared[i].getType() == Request.class) {
                    values[i] = ToolRequestContext.request(bound.httpMethod());
                }
            }
        }
        if (body >= 0) {
            Map<String, Object> fields = new LinkedHashMap<>(arguments);
            fields.keySet().removeAll(consumed);
            if (declared[body].getType() == String.class) {
                // The route reads its body as text and parses it itself: hand it the JSON the fields make.
                values[body] = fields.isEmpty() ? null : json.valueToTree(fields).toString();
            } else {
                values[body] = readBody(fields,
                        json.getTypeFactory().constructType(declared[body].getParameterizedType()));
            }
        } else {
            Set<String> unknown = new HashSet<>(arguments.keySet());
            unknown.removeAll(consumed);
            if (!unknown.isEmpty()) {
                ValidationProblem problem = new ValidationProblem();
                unknown.forEach(name -> problem.add(ValidationProblem.QUERY, name, "Unknown field."));
                throw problem;
            }
        }
        return values;
    }

    /** The body as REST reads it: the same ObjectMapper, so the same strict types and the same 422s. */
    private Object readBody(Map<String, Object> fields, JavaType type) {
        try {
            return json.readValue(json.writeValueAsBytes(fields), type);
        } catch (JsonProcessingException e) {
            throw new BodyUnreadable(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ToolResponse success(Object result) {
        JsonNode body;
        if (result instanceof Response response) {
            body = entity(response.getEntity());
            if (body instanceof ObjectNode object) {
                RESULT_HEADERS.forEach((header, field) -> {
                    Object value = response.getHeaders().getFirst(header);
                    if (value != null) {
                        object.put(field, value.toString());
                    }
                });
            }
            if (response.getStatus() >= 400) {
                return error(body);
            }
        } else {
            body = entity(result);
        }
        return new ToolResponse(false, List.of(new TextContent(body.toString())),
                body.isObject() ? json.convertValue(body, Map.class) : null, null);
    }

    private ToolResponse failure(Throwable e) {
        Response response;
        if (e instanceof BodyUnreadable unreadable) {
            response = errors.unreadableJson(unreadable.cause());
        } else if (e instanceof dev.switchboard.error.ApiException api) {
            response = errors.apiException(api);
        } else if (e instanceof ValidationProblem problem) {
            response = errors.validationProblem(problem);
        } else if (e instanceof jakarta.validation.ConstraintViolationException violations) {
            response = errors.constraintViolations(violations);
        } else if (e instanceof jakarta.ws.rs.WebApplicationException web) {
            response = errors.webApplicationException(web);
        } else {
            LOG.debugf(e, "MCP tool failed");
            response = errors.unexpected(e, null);
        }
        return error(entity(response.getEntity()));
    }

    private ToolResponse error(JsonNode body) {
        return new ToolResponse(true, List.of(new TextContent(body.toString())),
                body.isObject() ? json.convertValue(body, Map.class) : null, null);
    }

    private JsonNode entity(Object entity) {
        try {
            if (entity instanceof byte[] bytes) {
                return json.readTree(bytes);
            }
            if (entity instanceof String text) {
                return json.readTree(text);
            }
            return json.valueToTree(entity);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a response body is not JSON", e);
        }
    }

    private String description(Bound bound) {
        Operation operation = bound.method().getAnnotation(Operation.class);
        String text = operation == null
                ? bound.definition().title()
                : operation.summary() + (operation.description().isEmpty() ? "" : ". " + operation.description());
        return text + " (REST: " + bound.httpMethod() + " " + bound.path() + "; needs the '" + bound.scope().value()
                + "' scope.)";
    }

    private URI requestUri(String path, Map<String, Object> query) {
        StringBuilder uri = new StringBuilder(publicUrl()).append(path);
        String separator = "?";
        for (Map.Entry<String, Object> parameter : query.entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=')
                    .append(encode(parameter.getValue().toString()));
            separator = "&";
        }
        return URI.create(uri.toString());
    }

    private String publicUrl() {
        return config.publicUrl().replaceAll("/+$", "");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isAnnotated(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getPackageName().equals("jakarta.ws.rs")
                    || annotation.annotationType().getPackageName().equals("jakarta.ws.rs.core")
                    || annotation.annotationType().getName().startsWith("org.jboss.resteasy.reactive")) {
                return true;
            }
        }
        return false;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String path(Path path) {
        if (path == null) {
            return "";
        }
        String value = path.value();
        value = value.startsWith("/") ? value : "/" + value;
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /** A body the ObjectMapper refused; carried out of the invocation to become the REST 422. */
    private static final class BodyUnreadable extends RuntimeException {

        private final JsonProcessingException cause;

        BodyUnreadable(JsonProcessingException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }

        JsonProcessingException cause() {
            return cause;
        }
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        ToolCatalog.definitions().forEach(d -> names.add(d.name()));
        ToolCatalog.wmsReads().forEach(w -> names.add(w.definition().name()));
        return names;
    }
}
