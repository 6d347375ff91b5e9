package dev.switchboard.wms.adapter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.switchboard.wms.WmsFunction;

/**
 * One WMS behind the unified API: the sandbox simulator or a vendor's HTTP API. The sync engine talks only to this
 * interface and cannot tell them apart. Implementations are {@code @ApplicationScoped} beans, found by
 * {@link #integrationName()} ({@link WmsAdapters}); they hold no per-connection state, which comes in the
 * {@link AdapterContext} of each call.
 *
 * <p>
 * Every record an adapter returns is already in Trackstar's schema for its function (the reference OpenAPI), with
 * {@code id} set to the system's id, {@code created_date} and {@code updated_date} when the system has them,
 * {@code raw_status} and {@code additional_fields} where the schema has them. The store adds
 * {@code trackstar_created_date} and {@code trackstar_updated_date}; adapters never set them.
 *
 * <p>
 * Failures are {@link AdapterException}s, whose kind tells the engine what to do: wait and resume, block the
 * connection, block one function, or retry later.
 */
public interface WmsAdapter {

    /** The catalog's {@code integration_name} this adapter serves, such as {@code shipbob} or {@code sandbox}. */
    String integrationName();

    /** The functions this adapter can read. The engine schedules only these (minus the link's disabled ones). */
    Set<WmsFunction> functions();

    /**
     * Checks the customer's credentials with the system: one cheap authenticated call. Throws
     * {@link AdapterException} of kind {@code CREDENTIALS_REJECTED} with the system's reason when it refuses them.
     */
    void verifyCredentials(AdapterContext context);

    /**
     * Checks the credentials at install and returns what to store for the connection: by default the credentials as
     * entered, after {@link #verifyCredentials}. An adapter that trades them for tokens at install (ShipHero) returns
     * the tokens instead of a password. Throws like {@link #verifyCredentials}.
     */
    default Map<String, String> connect(AdapterContext context) {
        verifyCredentials(context);
        return context.credentials();
    }

    /**
     * One page of a function's records. For an incremental function, the records changed in {@code window}
     * ({@link SyncWindow#since()} null means everything the window's start allows); for a
     * {@link WmsFunction#snapshot()}
     * function, a page of the whole current set. {@code cursor} is null for the first page and otherwise the previous
     * page's {@link Page#nextCursor()}; the engine stores it with the page, so a run can resume after a crash on any
     * instance. A page must be bounded (at most a few thousand records).
     */
    Page fetchPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor);

    /**
     * The page {@link #fetchPage} answers, handed to {@code records} one record at a time; the sync engine reads pages
     * this way and keeps each record only as its stored bytes. The default takes {@link #fetchPage}'s list, which an
     * HTTP adapter holds anyway (the system's answer is one body). An adapter that makes its records one by one
     * overrides it, so that its page never exists as JSON trees all at once: the sandbox does.
     */
    default PageEnd streamPage(AdapterContext context, WmsFunction function, SyncWindow window, String cursor,
            Consumer<ObjectNode> records) {
        Page page = fetchPage(context, function, window, cursor);
        page.records().forEach(records);
        return new PageEnd(page.nextCursor(), page.highWaterMark());
    }

    /**
     * Sends a caller's request to the system's own API with the connection's auth injected, on the same budget as
     * syncs. The path stays on the system's API (no other host, no {@code ..}, no caller auth). The system's answer
     * comes back whatever its status; only an exhausted budget, a timeout or a refused credential throws. Adapters
     * that cannot do this keep the default: PERMANENT with status 501.
     */
    default Passthrough.Response passthrough(AdapterContext context, Passthrough.Request request) {
        throw new AdapterException(AdapterException.Kind.PERMANENT, integrationName()
                + " does not support passthrough requests.", null, null, 501, null);
    }

    /**
     * The write actions this adapter forwards to its system; a write action the catalog lists but the adapter lacks
     * answers 501, like an action the integration does not have.
     */
    default Set<dev.switchboard.catalog.Action> writes() {
        return Set.of();
    }

    /**
     * Forwards one write to the system, synchronously, and returns the record as the system now has it. A refusal by
     * the system is PERMANENT with the system's status and reason (the API answers it with {@code origin:
     * integration}); a record the system does not have is PERMANENT with status 404. Adapters keep the default for
     * writes they cannot do: PERMANENT with status 501.
     */
    default Write.Result write(AdapterContext context, Write.Request request) {
        throw new AdapterException(AdapterException.Kind.PERMANENT, integrationName() + " does not support "
                + request.action().value() + ".", null, null, 501, null);
    }

    /** One record by the system's id, or empty when the system has no such record. */
    Optional<ObjectNode> fetchOne(AdapterContext context, WmsFunction function, String id);
}
