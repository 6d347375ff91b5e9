package dev.switchboard.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.switchboard.auth.Caller;
import dev.switchboard.error.ErrorBody;
import dev.switchboard.error.ValidationErrorBody;
import dev.switchboard.error.ValidationProblem;
import dev.switchboard.http.KeysetCursor;
import dev.switchboard.http.KeysetPage;
import dev.switchboard.http.QueryParams;
import dev.switchboard.sync.SyncDtos.OnDemandSyncView;
import dev.switchboard.sync.SyncDtos.SchedulesResponse;
import dev.switchboard.sync.SyncDtos.SyncConnectionResponse;
import dev.switchboard.sync.SyncDtos.SyncRunView;
import dev.switchboard.sync.SyncDtos.SyncRunsPage;
import dev.switchboard.wms.WmsFunction;

/** The sync management API: Trackstar's force sync, on-demand syncs and schedule toggles, and the run log. */
public final class SyncResources {

    private SyncResources() {
    }

    /** A run's place in the run log, newest first: its start, then its id ({@code run_<n>}, as the log shows it). */
    static KeysetCursor position(SyncRepository.Run run) {
        return new KeysetCursor(run.startedAt(), SyncRepository.RUN_ID_PREFIX + run.id());
    }

    /** Reads an optional JSON body; malformed JSON is a 422 like everywhere else. */
    static JsonNode body(ObjectMapper json, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return json.readTree(raw.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, "Invalid JSON.");
        }
    }

    @Path("/connections/sync")
    @Tag(name = "Syncs")
    @SecurityRequirement(name = "SecurityScheme")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "401", description = "Missing or invalid API key, or INVALID_ACCESS_TOKEN", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public static class ForceSync {

        @Inject
        SyncService syncs;
        @Inject
        Caller caller;
        @Inject
        ObjectMapper json;

        @POST
        @Operation(summary = "Sync the connection now", description = "Runs the named functions (all when "
                + "functions_to_sync is left out) of the access token's connection now, from their last high-water "
                + "mark. Functions already running, paused or blocked are skipped. functions_to_sync in the answer: "
                + "the functions started, empty when every function was.")
        @APIResponse(responseCode = "200", description = "Started", content = @Content(schema = @Schema(implementation = SyncConnectionResponse.class)))
        public SyncConnectionResponse force(
                @Parameter(required = true) @HeaderParam(SyncDtos.ACCESS_TOKEN_HEADER) String token,
                String body) {
            String accessToken = SyncDtos.requireAccessToken(token);
            List<String> named = SyncDtos.functionsToSync(body(json, body));
            SyncService.Forced forced = syncs.force(caller.tenant(), accessToken, named);
            return new SyncConnectionResponse(forced.connectionId(), forced.syncing(), forced.functionsToSync());
        }
    }

    @Path("/connections/on-demand-syncs")
    @Tag(name = "Syncs")
    @SecurityRequirement(name = "SecurityScheme")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "401", description = "Missing or invalid API key, or INVALID_ACCESS_TOKEN", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public static class OnDemand {

        @Inject
        SyncService syncs;
        @Inject
        Caller caller;
        @Inject
        ObjectMapper json;
        @Inject
        Clock clock;

        @POST
        @Operation(summary = "Back-fill a window", description = "Syncs function_name over [start_time, end_time) "
                + "(the system's updated_date), beside the schedules (which keep running). Functions that are "
                + "snapshots (inventory, warehouses, ...) cannot be back-filled.")
        @APIResponse(responseCode = "200", description = "The job, open", content = @Content(schema = @Schema(implementation = OnDemandSyncView.class)))
        public OnDemandSyncView create(
                @Parameter(required = true) @HeaderParam(SyncDtos.ACCESS_TOKEN_HEADER) String token,
                String body) {
            String accessToken = SyncDtos.requireAccessToken(token);
            SyncDtos.OnDemandInput input = SyncDtos.onDemand(body(json, body), clock.instant());
            WmsFunction function = WmsFunction.find(input.functionName()).filter(WmsFunction::clientVisible)
                    .orElseThrow(() -> ValidationProblem.of(ValidationProblem.JSON, "function_name",
                            "Unknown function " + input.functionName() + "."));
            return OnDemandSyncView.of(syncs.createOnDemand(caller.tenant(), accessToken, function, input.start(),
                    input.end()));
        }

        @GET
        @Path("/{sync_job_id}")
        @Operation(summary = "An on-demand sync", description = "status: open, completed, cancelled or failed.")
        @APIResponse(responseCode = "200", description = "The job", content = @Content(schema = @Schema(implementation = OnDemandSyncView.class)))
        @APIResponse(responseCode = "404", description = "No such job of this connection", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
        public OnDemandSyncView get(@Parameter(required = true) @HeaderParam(SyncDtos.ACCESS_TOKEN_HEADER) String token,
                @PathParam("sync_job_id") String id) {
            return OnDemandSyncView.of(syncs.onDemand(caller.tenant(), SyncDtos.requireAccessToken(token), id));
        }

        @POST
        @Path("/{sync_job_id}/cancel")
        @Operation(summary = "Cancel an on-demand sync", description = "Its run stops at its next page; what it wrote "
                + "stays. Only an open job can be cancelled (409 SYNC_JOB_NOT_OPEN).")
        @APIResponse(responseCode = "200", description = "The job, cancelled", content = @Content(schema = @Schema(implementation = OnDemandSyncView.class)))
        @APIResponse(responseCode = "404", description = "No such job of this connection", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
        @APIResponse(responseCode = "409", description = "The job is not open", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
        public OnDemandSyncView cancel(
                @Parameter(required = true) @HeaderParam(SyncDtos.ACCESS_TOKEN_HEADER) String token,
                @PathParam("sync_job_id") String id) {
            return OnDemandSyncView.of(syncs.cancelOnDemand(caller.tenant(), SyncDtos.requireAccessToken(token), id));
        }
    }

    @Path("/schedules")
    @Tag(name = "Syncs")
    @SecurityRequirement(name = "SecurityScheme")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "401", description = "Missing or invalid API key, or INVALID_ACCESS_TOKEN", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public static class Toggles {

        @Inject
        SyncService syncs;
        @Inject
        Caller caller;
        @Inject
        ObjectMapper json;

        @PATCH
        @Path("/{function_name}/toggle")
        @Operation(summary = "Pause or resume one function's schedule", description = "Flips it, or sets it with "
                + "{\"enabled\": true|false}. A paused function does not sync; a run under way stops at its next page.")
        @APIResponse(responseCode = "200", description = "The schedules after the change", content = @Content(schema = @Schema(implementation = SchedulesResponse.class)))
        public SchedulesResponse toggle(
                @Parameter(required = true) @HeaderParam(SyncDtos.ACCESS_TOKEN_HEADER) String token,
                @PathParam("function_name") String function, String body) {
            String accessToken = SyncDtos.requireAccessToken(token);
            Boolean enabled = SyncDtos.enabled(body(json, body));
            return response(accessToken, syncs.toggle(caller.tenant(), accessToken, function, enabled));
        }

        @PATCH
        @Path("/toggle-all")
        @Operation(summary = "Pause or resume every schedule", description = "Pauses all when any is enabled, else "
                + "resumes all; or sets them with {\"enabled\": true|false}.")
        @APIResponse(responseCode = "200", description = "The schedules after the change", content = @Content(schema = @Schema(implementation = SchedulesResponse.class)))
        public SchedulesResponse toggleAll(
                @Parameter(required = true) @HeaderParam(SyncDtos.ACCESS_TOKEN_HEADER) String token,
                String body) {
            String accessToken = SyncDtos.requireAccessToken(token);
            Boolean enabled = SyncDtos.enabled(body(json, body));
            return response(accessToken, syncs.toggle(caller.tenant(), accessToken, null, enabled));
        }

        private SchedulesResponse response(String accessToken,
                List<dev.switchboard.connection.ConnectionDtos.SyncSchedule> schedules) {
            return new SchedulesResponse(syncs.connectionId(caller.tenant(), accessToken), schedules);
        }
    }

    @Path("/connections/{connection_id}/sync-runs")
    @Tag(name = "Syncs")
    @SecurityRequirement(name = "SecurityScheme")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "401", description = "Missing or invalid API key", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "Validation error", content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public static class Runs {

        @Inject
        SyncService syncs;
        @Inject
        Caller caller;

        @GET
        @Operation(summary = "The connection's sync runs", description = "Newest first, in pages of limit (1..1000, "
                + "default 100); next_token is the page_token of the next page. function_name narrows to one function.")
        @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = SyncRunsPage.class)))
        @APIResponse(responseCode = "404", description = "No such connection in this organization and environment", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
        public SyncRunsPage list(@PathParam("connection_id") String connectionId,
                @QueryParam("limit") String limitParam,
                @QueryParam("page_token") String pageToken, @QueryParam("function_name") String functionName) {
            int limit = QueryParams.intParam("limit", limitParam, 100, 1, 1000);
            WmsFunction function = QueryParams.wireValue(ValidationProblem.QUERY, "function_name", functionName,
                    WmsFunction.class);
            KeysetCursor after = KeysetCursor.parse(pageToken);
            KeysetPage<SyncRepository.Run> page = KeysetPage.of(syncs.runs(caller.tenant(), connectionId, after,
                    function, KeysetPage.fetchSize(limit)), limit, SyncResources::position);
            return new SyncRunsPage(page.items().stream().map(SyncRunView::of).toList(), page.nextToken(),
                    page.items().size());
        }
    }
}
