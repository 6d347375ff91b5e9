package dev.switchboard.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.apikey.ApiKeyFormat;
import dev.switchboard.catalog.Action;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CredentialField;
import dev.switchboard.catalog.Integration;
import dev.switchboard.catalog.IntegrationType;
import dev.switchboard.common.Base62;
import dev.switchboard.crypto.SecretBox;
import dev.switchboard.db.Jdbc;
import dev.switchboard.error.ApiException;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.event.ConnectionEvent;
import dev.switchboard.event.ConnectionReinstalled;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.wms.adapter.AdapterContext;
import dev.switchboard.wms.adapter.AdapterException;
import dev.switchboard.wms.adapter.WmsAdapter;
import dev.switchboard.wms.adapter.WmsAdapters;

/**
 * Connections and their secrets: installs and reinstalls (called by the hosted install flow), the auth-code exchange,
 * the generated sandboxes, and changes made with an access token. Credentials and access tokens are sealed before
 * they reach the database and leave this class only as the API allows: the access token on exchange, sandbox
 * generation and in the {@code connection.created} event; credentials only to the service's own code.
 */
@ApplicationScoped
public class ConnectionService {

    public static final Duration AUTH_CODE_TTL = Duration.ofMinutes(10);
    static final String INVALID_ACCESS_TOKEN = "INVALID_ACCESS_TOKEN";
    static final String BAD_AUTH_CODE = "Invalid, expired or already used auth code.";
    private static final TypeReference<LinkedHashMap<String, String>> CREDENTIALS = new TypeReference<>() {
    };

    /** An install's result: the connection, and the auth code (shown once) the customer's frontend exchanges. */
    public record Installed(Connection connection, String authCode, boolean reinstalled) {
    }

    /** A connection and its access token in plaintext, as the exchange and the sandbox generator answer. */
    public record WithAccessToken(Connection connection, String accessToken) {
    }

    /** A PATCH /connections: each field applies only when given. */
    public record Changes(boolean customerIdGiven, String customerId, Boolean webhooksDisabled) {
    }

    @Inject
    Clock clock;
    @Inject
    SecretBox secrets;
    @Inject
    Catalog catalog;
    @Inject
    ObjectMapper json;
    @Inject
    Event<ConnectionEvent> events;
    @Inject
    Event<ConnectionReinstalled> reinstalls;
    @Inject
    WmsAdapters adapters;
    @Inject
    Jdbc jdbc;

    /**
     * Installs {@code integration} for a customer, or reinstalls an existing connection of the same integration.
     *
     * @param tenant the organization and environment the connection belongs to
     * @param integration the catalog entry the customer chose
     * @param customerId the organization's identifier for its customer; null for none (a reinstall keeps its own)
     * @param credentials what the customer entered, by {@link CredentialField#key()}; checked against the catalog's
     *     fields (a {@link ValidationProblem} at {@code json.<key>} otherwise) and stored sealed
     * @param disabledFunctions actions the link withheld; the connection gets the integration's other actions
     * @param magicLinkId the magic link the customer came through, or null (link token, sandbox)
     * @param reinstallConnectionId null for a new connection; else an active connection of this tenant and
     *     integration, which keeps its id and access token and gets the new credentials
     * @return the connection and a fresh auth code (one-time, {@link #AUTH_CODE_TTL})
     * @throws CredentialsRejected when the integration refuses the credentials (the sandbox, for password "fail")
     * @throws ApiException 404 when the connection to reinstall is not an active one of this tenant; 409
     *     {@code CONNECTION_INTEGRATION_MISMATCH} when it is of another integration
     */
    @Transactional
    public Installed install(Tenant tenant, Integration integration, String customerId, Map<String, String> credentials,
            Collection<Action> disabledFunctions, String magicLinkId, String reinstallConnectionId) {
        Map<String, String> accepted = checkCredentials(integration, credentials == null ? Map.of() : credentials);
        if (integration.isSandbox() && "fail".equals(accepted.get("password"))) {
            throw new CredentialsRejected("The sandbox rejected these credentials: the password 'fail' always fails. "
                    + "Use any other password.");
        }
        accepted = checkWithVendor(tenant, integration, accepted);
        Set<Action> disabled = disabledFunctions == null ? Set.of() : Set.copyOf(disabledFunctions);
        List<String> actions = integration.availableActions().stream().filter(a -> !disabled.contains(a))
                .map(Action::value).toList();
        Instant now = now();
        Connection connection;
        boolean reinstall = reinstallConnectionId != null;
        if (reinstall) {
            connection = Connection.findActive(tenant, reinstallConnectionId)
                    .orElseThrow(() -> ApiException.notFound("Connection not found", reinstallConnectionId));
            if (connection.integrationType != integration.integrationType()
                    || !connection.integrationName.equals(integration.integrationName())) {
                throw ApiException.conflict("CONNECTION_INTEGRATION_MISMATCH", "Connection " + connection.id + " is a "
                        + connection.integrationType + "/" + connection.integrationName + " connection; it can only be "
                        + "reinstalled with that integration.");
            }
            if (customerId != null) {
                connection.customerId = customerId;
            }
            if (magicLinkId != null) {
                connection.magicLinkId = magicLinkId;
            }
            connection.availableActions = actions;
            connection.updatedAt = now;
            // Re-sealed under the current key: a reinstall also completes a key rotation for this row.
            String token = accessToken(connection);
            setAccessToken(connection, token);
        } else {
            connection = newConnection(tenant, integration, customerId, actions, now);
            connection.magicLinkId = magicLinkId;
        }
        connection.credentials = secrets.seal(writeCredentials(accepted), credentialsContext(connection.id));
        if (!reinstall) {
            String token = AccessTokenFormat.generate();
            setAccessToken(connection, token);
            connection.persist();
            fire(connection, ConnectionEvent.CREATED, token, now);
        } else {
            reinstalls.fire(new ConnectionReinstalled(tenant, connection.id, connection.integrationName,
                    List.copyOf(connection.availableActions), now));
        }
        return new Installed(connection, issueAuthCode(connection, now), reinstall);
    }

    /**
     * What a reinstall of {@code connectionId} offers its customer, through a magic link or a link token alike: the
     * connection's own integration while the connection is active; nothing once it is gone.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Integration> reinstallOffer(Tenant tenant, String connectionId) {
        return findActive(tenant, connectionId).flatMap(c -> catalog.find(c.integrationType, c.integrationName))
                .map(List::of).orElse(List.of());
    }

    /** The active connection {@code connectionId} of this tenant, if there is one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Connection> findActive(Tenant tenant, String connectionId) {
        return connectionId == null ? Optional.empty() : Connection.findActive(tenant, connectionId);
    }

    /** The active connection, or the contract's 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Connection get(Tenant tenant, String connectionId) {
        return findActive(tenant, connectionId)
                .orElseThrow(() -> ApiException.contractNotFound("Connection not found", connectionId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Connection> page(Tenant tenant, String customerId, String integrationName, KeysetCursor after,
            int limit) {
        return Connection.page(tenant, customerId, integrationName, after == null ? null : after.createdAt(),
                after == null ? null : after.id(), limit);
    }

    /**
     * Trades an auth code for the connection's access token, once. A given {@code customerId} is recorded on the
     * connection. An unknown, used, expired or other tenant's code is a 422 at {@code json.auth_code}.
     */
    @Transactional
    public WithAccessToken exchange(Tenant tenant, String authCode, String customerId) {
        Instant now = now();
        AuthCode code = AuthCode.findUsable(tenant, ApiKeyFormat.hash(authCode), now)
                .filter(c -> AuthCode.markUsed(c.id, now))
                .orElseThrow(() -> ValidationProblem.of(ValidationProblem.JSON, "auth_code", BAD_AUTH_CODE));
        Connection connection = Connection.findActive(tenant, code.connectionId)
                .orElseThrow(() -> ValidationProblem.of(ValidationProblem.JSON, "auth_code", BAD_AUTH_CODE));
        if (customerId != null && !customerId.equals(connection.customerId)) {
            connection.customerId = customerId;
            connection.updatedAt = now;
        }
        return new WithAccessToken(connection, accessToken(connection));
    }

    /**
     * The tenant's sandbox connection of the sandbox's type: created on the first call (firing connection.created),
     * the same connection and token on every later one. Its data will be reset here once the unified API holds data.
     */
    @Transactional
    public WithAccessToken generateSandbox(Tenant tenant, Integration sandbox) {
        if (!sandbox.isSandbox()) {
            throw new IllegalArgumentException(sandbox.integrationName() + " is not a sandbox");
        }
        // Two concurrent first calls must not both create one (the partial unique index would fail the second).
        jdbc.advisoryXactLock("generate-sandbox:" + tenant.organizationId() + ":" + tenant.environment() + ":"
                + sandbox.integrationType());
        Optional<Connection> existing = Connection.findGeneratedSandbox(tenant, sandbox.integrationType());
        if (existing.isPresent()) {
            return new WithAccessToken(existing.get(), accessToken(existing.get()));
        }
        Instant now = now();
        Connection connection = newConnection(tenant, sandbox, null,
                sandbox.availableActions().stream().map(Action::value).toList(), now);
        connection.generatedSandbox = true;
        String token = AccessTokenFormat.generate();
        setAccessToken(connection, token);
        connection.persist();
        fire(connection, ConnectionEvent.CREATED, token, now);
        return new WithAccessToken(connection, token);
    }

    /** The active connection of this tenant that {@code accessToken} names, or 401 INVALID_ACCESS_TOKEN. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Connection byAccessToken(Tenant tenant, String accessToken) {
        if (!AccessTokenFormat.check(accessToken)) {
            throw invalidAccessToken();
        }
        return Connection.findByAccessToken(tenant, secrets.lookupHashes(accessToken))
                .orElseThrow(ConnectionService::invalidAccessToken);
    }

    @Transactional
    public Connection update(Tenant tenant, String accessToken, Changes changes) {
        Connection connection = byAccessToken(tenant, accessToken);
        if (changes.customerIdGiven()) {
            connection.customerId = changes.customerId();
        }
        if (changes.webhooksDisabled() != null) {
            connection.webhooksDisabled = changes.webhooksDisabled();
        }
        connection.updatedAt = now();
        return connection;
    }

    /**
     * Deletes the connection: its access token stops working at once, its credentials and sealed token are erased,
     * and connection.deleted is fired.
     */
    @Transactional
    public Connection delete(Tenant tenant, String accessToken) {
        Connection connection = byAccessToken(tenant, accessToken);
        Instant now = now();
        connection.status = ConnectionStatus.DELETED;
        connection.deletedAt = now;
        connection.updatedAt = now;
        connection.credentials = null;
        connection.accessToken = null;
        connection.accessTokenHash = null;
        fire(connection, ConnectionEvent.DELETED, null, now);
        return connection;
    }

    /** The credentials of an active connection, opened: for the code that calls the integration, never for an API. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> credentials(Tenant tenant, String connectionId) {
        Connection connection = get(tenant, connectionId);
        if (connection.credentials == null) {
            return Map.of();
        }
        try {
            return json.readValue(secrets.open(connection.credentials, credentialsContext(connection.id)), CREDENTIALS);
        } catch (IOException e) {
            throw new UncheckedIOException("sealed credentials of " + connection.id + " are not JSON", e);
        }
    }

    /**
     * Replaces an active connection's stored credentials with {@code credentials} (sealed as at install): what an
     * adapter obtained itself, such as a refreshed token. Joins the caller's transaction if there is one.
     */
    @Transactional
    public void updateCredentials(Tenant tenant, String connectionId, Map<String, String> credentials) {
        Connection connection = get(tenant, connectionId);
        connection.credentials = secrets.seal(writeCredentials(new LinkedHashMap<>(credentials)),
                credentialsContext(connection.id));
        connection.updatedAt = now();
    }

    /**
     * What an adapter needs to call the connection's system: its credentials, opened, and an updater that stores what
     * the adapter obtains itself ({@link #updateCredentials}).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AdapterContext adapterContext(Tenant tenant, String connectionId) {
        Connection connection = get(tenant, connectionId);
        return new AdapterContext(connection.id, tenant, connection.integrationName,
                credentials(tenant, connectionId), updated -> updateCredentials(tenant, connectionId, updated));
    }

    /**
     * Asks the integration's adapter (one cheap authenticated call) whether the vendor accepts the credentials, before
     * anything is stored, and returns what to store: the credentials as entered, or what the adapter traded them for
     * (ShipHero's tokens instead of the password). A refusal is {@link CredentialsRejected} with the vendor's reason,
     * beside the form's first secret field; a vendor that cannot be reached refuses the install too, since nothing
     * unchecked is connected. Integrations without an adapter (and the sandbox, whose rule is above) are not asked.
     */
    private Map<String, String> checkWithVendor(Tenant tenant, Integration integration, Map<String, String> accepted) {
        if (integration.isSandbox() || integration.integrationType() != IntegrationType.WMS) {
            return accepted;
        }
        Optional<WmsAdapter> adapter = adapters.find(integration.integrationName());
        if (adapter.isEmpty()) {
            return accepted;
        }
        String field = integration.credentials().stream().filter(CredentialField::isSecret).map(CredentialField::key)
                .findFirst()
                .orElse(integration.credentials().isEmpty() ? null : integration.credentials().get(0).key());
        try {
            Map<String, String> stored = adapter.get().connect(new AdapterContext(null, tenant,
                    integration.integrationName(), Map.copyOf(accepted), null));
            return new LinkedHashMap<>(stored);
        } catch (AdapterException e) {
            throw switch (e.kind()) {
                case CREDENTIALS_REJECTED, PERMISSION_MISSING, PERMANENT -> new CredentialsRejected(e.getMessage(),
                        field);
                case RATE_LIMITED, TRANSIENT -> new CredentialsRejected(integration.displayName()
                        + " could not check these details right now (" + e.getMessage() + "). Try again in a moment.");
            };
        }
    }

    /** The catalog's fields that were filled in, in catalog order; every problem at {@code json.<key>}. */
    static Map<String, String> checkCredentials(Integration integration, Map<String, String> given) {
        ValidationProblem problem = new ValidationProblem();
        Map<String, String> accepted = new LinkedHashMap<>();
        for (CredentialField field : integration.credentials()) {
            String value = given.get(field.key());
            String why = field.problemWith(value);
            if (why != null) {
                problem.add(ValidationProblem.JSON, field.key(), why);
            } else if (value != null && !value.isBlank()) {
                accepted.put(field.key(), value);
            }
        }
        given.keySet().stream()
                .filter(key -> integration.credentials().stream().noneMatch(f -> f.key().equals(key)))
                .forEach(key -> problem.add(ValidationProblem.JSON, key, "Unknown field."));
        problem.throwIfAny();
        return accepted;
    }

    private Connection newConnection(Tenant tenant, Integration integration, String customerId, List<String> actions,
            Instant now) {
        Connection connection = new Connection();
        connection.id = Connection.newId();
        connection.organizationId = tenant.organizationId();
        connection.environment = tenant.environment();
        connection.integrationType = integration.integrationType();
        connection.integrationName = integration.integrationName();
        connection.customerId = customerId;
        connection.status = ConnectionStatus.ACTIVE;
        connection.availableActions = actions;
        connection.createdAt = now;
        connection.updatedAt = now;
        return connection;
    }

    private String issueAuthCode(Connection connection, Instant now) {
        String code = "ac_" + Base62.random(40);
        AuthCode row = new AuthCode();
        row.id = "acd_" + Base62.random(24);
        row.organizationId = connection.organizationId;
        row.environment = connection.environment;
        row.codeHash = ApiKeyFormat.hash(code);
        row.connectionId = connection.id;
        row.createdAt = now;
        row.expiresAt = now.plus(AUTH_CODE_TTL);
        row.persist();
        return code;
    }

    private void setAccessToken(Connection connection, String token) {
        connection.accessTokenHash = secrets.lookupHash(token);
        connection.accessToken = secrets.seal(token, accessTokenContext(connection.id));
    }

    private String accessToken(Connection connection) {
        return secrets.openString(connection.accessToken, accessTokenContext(connection.id));
    }

    private byte[] writeCredentials(Map<String, String> credentials) {
        try {
            return json.writeValueAsBytes(credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fire(Connection connection, String type, String token, Instant now) {
        events.fire(new ConnectionEvent(connection.tenant(), type, connection.id, connection.integrationName,
                connection.integrationType, connection.customerId, now, connection.webhooksDisabled, token));
    }

    static ApiException invalidAccessToken() {
        return ApiException.unauthorized(INVALID_ACCESS_TOKEN,
                "Invalid or deleted access token, or one of another organization or environment.");
    }

    private static String credentialsContext(String connectionId) {
        return "connection.credentials:" + connectionId;
    }

    private static String accessTokenContext(String connectionId) {
        return "connection.access_token:" + connectionId;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
