package dev.switchboard.integrations.http;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.switchboard.connection.ConnectionService;
import dev.switchboard.db.Jdbc;
import dev.switchboard.wms.adapter.AdapterContext;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Token refresh, once across every instance: a PostgreSQL advisory lock per connection, then the stored credentials
 * are read again, and only if they still hold the token the caller found stale (or one about to expire) is the vendor
 * asked for a new one. The instance that lost the race gets the winner's token without calling the vendor. The new
 * credentials are stored through the context's {@link AdapterContext.CredentialUpdater} (sealed, for every instance)
 * before the lock is released.
 *
 * <p>
 * A context without a connection (the credential check at install) refreshes without locking or storing.
 */
@ApplicationScoped
public class TokenRefresh {

    @Inject
    Jdbc jdbc;
    @Inject
    ConnectionService connections;

    /**
     * @param context the connection whose token to refresh
     * @param tokenKey the credentials key of the access token
     * @param staleToken the token the caller found expired, refused, or about to expire (null: none yet)
     * @param usable whether stored credentials hold a token good for a while yet
     * @param obtain asks the vendor for new credentials, given the current ones; it keeps what the vendor did not
     *     send anew (a refresh token)
     * @return the credentials to use from now on
     */
    public Map<String, String> refresh(AdapterContext context, String tokenKey, String staleToken,
            Predicate<Map<String, String>> usable, UnaryOperator<Map<String, String>> obtain) {
        if (context.connectionId() == null || context.tenant() == null) {
            return obtain.apply(context.credentials());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            jdbc.advisoryXactLock("vendor-token:" + context.connectionId());
            Map<String, String> current = connections.credentials(context.tenant(), context.connectionId());
            String token = current.get(tokenKey);
            if (token != null && !Objects.equals(token, staleToken) && usable.test(current)) {
                return current;
            }
            Map<String, String> fresh = obtain.apply(current);
            if (context.credentialUpdater() != null) {
                context.credentialUpdater().update(fresh);
            }
            return fresh;
        });
    }
}
