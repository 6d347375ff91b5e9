package dev.switchboard.http;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.switchboard.common.StorableText;
import dev.switchboard.error.ValidationProblem;

/**
 * Every query and path parameter of every REST route must be text PostgreSQL can store ({@link StorableText}): a
 * {@code %00} in a filter or an id is a 422 at {@code query.<name>} or {@code path.<name>}, before any resource
 * passes it to a query. Runs after authentication, so a caller without a key still gets 401 first. JSON bodies are
 * checked as they are parsed ({@link JsonSettings}).
 */
public class StorableParams {

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public void check(ContainerRequestContext request, UriInfo uri) {
        ValidationProblem problem = new ValidationProblem();
        check(problem, ValidationProblem.PATH, uri.getPathParameters(true));
        check(problem, ValidationProblem.QUERY, uri.getQueryParameters(true));
        problem.throwIfAny();
    }

    private static void check(ValidationProblem problem, String location, MultivaluedMap<String, String> params) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            boolean storable = StorableText.isStorable(param.getKey());
            for (String value : param.getValue()) {
                storable &= StorableText.isStorable(value);
            }
            if (!storable) {
                String name = StorableText.isStorable(param.getKey()) ? param.getKey() : "_name";
                problem.add(location, name, StorableText.MESSAGE);
            }
        }
    }
}
