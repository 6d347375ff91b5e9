package dev.switchboard.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

import dev.switchboard.connection.ConnectionDtos.SyncSchedule;
import dev.switchboard.error.ValidationProblem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Bodies of the sync management API. Inputs are read from JSON trees so each mistake is a 422 at its field. */
@RegisterForReflection
public final class SyncDtos {

    static final String ACCESS_TOKEN_HEADER = "x-trackstar-access-token";

    private SyncDtos() {
    }

    @Schema(name = "SyncConnectionResponseSchema")
    public record SyncConnectionResponse(
            @Schema(required = true, description = "The connection's id.") String id,
            @Schema(required = true, description = "Whether a sync was started.") boolean syncing,
            @Schema(required = true, description = "The functions started; empty when every function was.") List<String> functionsToSync) {
    }

    @Schema(name = "OnDemandSync")
    public record OnDemandSyncView(
            @Schema(required = true) String id,
            @Schema(required = true) String connectionId,
            @Schema(required = true) String functionName,
            @Schema(required = true, enumeration = {
                    "open", "completed", "cancelled", "failed" }) String status,
            @Schema(required = true) Instant requestedStartTime,
            @Schema(required = true) Instant requestedEndTime,
            @Schema(required = true) Instant createdAt,
            @Schema(required = true) Instant updatedAt,
            @Schema(required = true, nullable = true, description = "Why it failed.") String error){

        static OnDemandSyncView of(SyncRepository.Job job) {
            return new OnDemandSyncView(job.id(), job.connectionId(), job.function().value(), job.status(),
                    job.startTime(), job.endTime(), job.createdAt(), job.updatedAt(), job.error());
        }
    }

    @Schema(name = "SchedulesResponse")
    public record SchedulesResponse(@Schema(required = true) String connectionId,
            @Schema(required = true) List<SyncSchedule> syncSchedules) {
    }

    @Schema(name = "SyncRun")
    public record SyncRunView(
            @Schema(required = true) String id,
            @Schema(required = true) String functionName,
            @Schema(required = true, enumeration = {
                    "initial", "scheduled", "forced", "on_demand" }) String kind,
            @Schema(required = true, enumeration = { "running", "succeeded", "failed", "cancelled" }) String status,
            @Schema(required = true) Instant startedAt,
            @Schema(required = true, nullable = true) Instant endedAt,
            @Schema(required = true, description = "Executions the run took (more than one after a time cap, a rate limit or a takeover).") int attempts,
            @Schema(required = true) int pages,
            @Schema(required = true) int recordsCreated,
            @Schema(required = true) int recordsUpdated,
            @Schema(required = true) int recordsUnchanged,
            @Schema(required = true) int recordsDeleted,
            @Schema(required = true, nullable = true, description = "The updated_date window asked of the system.") Instant windowStart,
            @Schema(required = true, nullable = true) Instant windowEnd,
            @Schema(required = true, nullable = true, description = "The on-demand sync this run back-fills.") String onDemandSyncId,
            @Schema(required = true, nullable = true) String error){

        static SyncRunView of(SyncRepository.Run run) {
            return new SyncRunView(SyncRepository.RUN_ID_PREFIX + run.id(), run.function().value(), run.kind(),
                    run.status(), run.startedAt(),
                    run.endedAt(), run.attempts(), run.pages(), run.created(), run.updated(), run.unchanged(),
                    run.deleted(), run.windowSince(), run.windowUntil(),
                    SyncRepository.SCHEDULE_LANE.equals(run.lane()) ? null : run.lane(), run.error());
        }
    }

    @Schema(name = "SyncRunsPage")
    public record SyncRunsPage(@Schema(required = true) List<SyncRunView> data,
            @Schema(required = true, nullable = true) String nextToken,
            @Schema(required = true, description = "The number of runs in this page.") int totalCount) {
    }

    // --- input ----------------------------------------------------------------------------------------------------

    /** {@code {"functions_to_sync": [...]}} or no body: null means every function. */
    static List<String> functionsToSync(JsonNode body) {
        if (body == null || body.isNull() || (body.isObject() && body.isEmpty())) {
            return null;
        }
        ValidationProblem problem = new ValidationProblem();
        if (!body.isObject()) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, "Invalid input type.");
        }
        unknownFields(body, Set.of("functions_to_sync"), problem);
        JsonNode list = body.get("functions_to_sync");
        List<String> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            problem.throwIfAny();
            return null;
        }
        if (!list.isArray()) {
            problem.add(ValidationProblem.JSON, "functions_to_sync", "Not a valid list.");
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    problem.add(ValidationProblem.JSON, "functions_to_sync." + i, "Not a valid string.");
                } else {
                    out.add(list.get(i).asText());
                }
            }
            if (list.isEmpty()) {
                problem.add(ValidationProblem.JSON, "functions_to_sync", "Shorter than minimum length 1.");
            }
        }
        problem.throwIfAny();
        return out;
    }

    /** The on-demand request, checked: function name known, both times ISO 8601, start before end, not future. */
    record OnDemandInput(String functionName, Instant start, Instant end) {
    }

    static OnDemandInput onDemand(JsonNode body, Instant now) {
        ValidationProblem.requireBody(body);
        if (!body.isObject()) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, "Invalid input type.");
        }
        ValidationProblem problem = new ValidationProblem();
        unknownFields(body, Set.of("function_name", "start_time", "end_time"), problem);
        String function = text(body, "function_name", problem);
        Instant start = time(body, "start_time", problem);
        Instant end = time(body, "end_time", problem);
        if (start != null && end != null && !start.isBefore(end)) {
            problem.add(ValidationProblem.JSON, "end_time", "Must be after start_time.");
        }
        if (start != null && start.isAfter(now)) {
            problem.add(ValidationProblem.JSON, "start_time", "Must not be in the future.");
        }
        problem.throwIfAny();
        return new OnDemandInput(function, start, end);
    }

    /** The optional {@code {"enabled": bool}} of the toggles; null when absent (flip). */
    static Boolean enabled(JsonNode body) {
        if (body == null || body.isNull() || (body.isObject() && body.isEmpty())) {
            return null;
        }
        if (!body.isObject()) {
            throw ValidationProblem.of(ValidationProblem.JSON, ValidationProblem.WHOLE_BODY, "Invalid input type.");
        }
        ValidationProblem problem = new ValidationProblem();
        unknownFields(body, Set.of("enabled"), problem);
        JsonNode enabled = body.get("enabled");
        if (enabled != null && !enabled.isBoolean()) {
            problem.add(ValidationProblem.JSON, "enabled", "Not a valid boolean.");
        }
        problem.throwIfAny();
        return enabled == null ? null : enabled.asBoolean();
    }

    private static void unknownFields(JsonNode body, Set<String> known, ValidationProblem problem) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                problem.add(ValidationProblem.JSON, name, "Unknown field.");
            }
        }
    }

    private static String text(JsonNode body, String field, ValidationProblem problem) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            problem.add(ValidationProblem.JSON, field, "Missing data for required field.");
            return null;
        }
        if (!node.isTextual()) {
            problem.add(ValidationProblem.JSON, field, "Not a valid string.");
            return null;
        }
        return node.asText();
    }

    private static Instant time(JsonNode body, String field, ValidationProblem problem) {
        String text = text(body, field, problem);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problem.add(ValidationProblem.JSON, field, "Not a valid datetime (YYYY-MM-DDTHH:MM:SSZ).");
            return null;
        }
    }

    static String requireAccessToken(String header) {
        if (header == null || header.isBlank()) {
            throw ValidationProblem.of(ValidationProblem.HEADERS, ACCESS_TOKEN_HEADER,
                    "Missing data for required field.");
        }
        return header.strip();
    }
}
