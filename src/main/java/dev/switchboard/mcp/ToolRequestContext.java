package dev.switchboard.mcp;

import java.net.URI;
import java.util.Date;
import java.util.List;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response.ResponseBuilder;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Variant;

/**
 * What a resource method's {@code @Context} parameters need to know when a tool calls it instead of HTTP: the URI the
 * equivalent REST request would have had (lists build their next-page link from it), and a request without
 * preconditions (a tool never has an {@code If-None-Match}). Anything else a resource might ask is refused loudly.
 */
final class ToolRequestContext {

    private ToolRequestContext() {
    }

    static UriInfo uriInfo(URI requestUri, String baseUri) {
        return new ToolUriInfo(requestUri, URI.create(baseUri + "/"));
    }

    static Request request(String method) {
        return new ToolRequest(method);
    }

    private record ToolUriInfo(URI requestUri, URI baseUri) implements UriInfo {

        @Override
        public URI getRequestUri() {
            return requestUri;
        }

        @Override
        public UriBuilder getRequestUriBuilder() {
            return UriBuilder.fromUri(requestUri);
        }

        @Override
        public URI getAbsolutePath() {
            return URI.create(requestUri.getScheme() + "://" + requestUri.getRawAuthority() + requestUri.getRawPath());
        }

        @Override
        public UriBuilder getAbsolutePathBuilder() {
            return UriBuilder.fromUri(getAbsolutePath());
        }

        @Override
        public URI getBaseUri() {
            return baseUri;
        }

        @Override
        public UriBuilder getBaseUriBuilder() {
            return UriBuilder.fromUri(baseUri);
        }

        @Override
        public String getPath() {
            return requestUri.getPath();
        }

        @Override
        public String getPath(boolean decode) {
            return decode ? requestUri.getPath() : requestUri.getRawPath();
        }

        @Override
        public List<PathSegment> getPathSegments() {
            throw unsupported();
        }

        @Override
        public List<PathSegment> getPathSegments(boolean decode) {
            throw unsupported();
        }

        @Override
        public MultivaluedMap<String, String> getPathParameters() {
            throw unsupported();
        }

        @Override
        public MultivaluedMap<String, String> getPathParameters(boolean decode) {
            throw unsupported();
        }

        @Override
        public MultivaluedMap<String, String> getQueryParameters() {
            throw unsupported();
        }

        @Override
        public MultivaluedMap<String, String> getQueryParameters(boolean decode) {
            throw unsupported();
        }

        @Override
        public List<String> getMatchedURIs() {
            throw unsupported();
        }

        @Override
        public List<String> getMatchedURIs(boolean decode) {
            throw unsupported();
        }

        @Override
        public List<Object> getMatchedResources() {
            throw unsupported();
        }

        @Override
        public URI resolve(URI uri) {
            return baseUri.resolve(uri);
        }

        @Override
        public URI relativize(URI uri) {
            return baseUri.relativize(uri);
        }
    }

    private record ToolRequest(String method) implements Request {

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public Variant selectVariant(List<Variant> variants) {
            return variants.isEmpty() ? null : variants.get(0);
        }

        @Override
        public ResponseBuilder evaluatePreconditions(EntityTag eTag) {
            return null;
        }

        @Override
        public ResponseBuilder evaluatePreconditions(Date lastModified) {
            return null;
        }

        @Override
        public ResponseBuilder evaluatePreconditions(Date lastModified, EntityTag eTag) {
            return null;
        }

        @Override
        public ResponseBuilder evaluatePreconditions() {
            return null;
        }
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not available to an MCP tool call");
    }
}
