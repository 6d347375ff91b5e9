package dev.switchboard.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import dev.switchboard.auth.RequiresScope;
import dev.switchboard.tenant.Scope;

/** Test-only endpoint (src/test): fails the way a bug would, to check what a client sees of it. */
@Path("/test-support/boom")
@RequiresScope(Scope.READ)
public class FailingTestResource {

    @GET
    public String boom() {
        throw new IllegalStateException("dev.switchboard.Secret internals at com.example.Foo");
    }
}
