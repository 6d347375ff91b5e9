package dev.switchboard.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The bodies of the insight routes. Counts are of events that happened in the range (UTC days, today included). */
public final class InsightsDtos {

    private InsightsDtos() {
    }

    @RegisterForReflection
    @Schema(name = "MagicLinkInsights", description = "What happened to one link, or to an organization's links, in a range.")
    public record Insights(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The link (per-link insight only).") String magicLinkId,
            @Schema(required = true) Range range,
            @Schema(required = true) Totals totals,
            @Schema(required = true, description = "The funnel created -> opened -> selected -> completed; integrations "
                    + "are chosen at the selection step, so the split by integration starts there.") Funnel funnel,
            @Schema(required = true, description = "One entry per UTC day of the range, oldest first, zeros included.") List<Day> series) {
    }

    @Schema(name = "InsightRange")
    public record Range(
            @Schema(required = true, enumeration = {
                    "7d", "30d", "90d" }) String name,
            @Schema(required = true, description = "Start of the first day (UTC).") Instant from,
            @Schema(required = true, description = "Now.") Instant to){
    }

    @Schema(name = "InsightTotals")
    public record Totals(
            @Schema(required = true, description = "Links created.") long created,
            @Schema(required = true, description = "Page loads by people (the hosted page's beacon; a scanner's GET is not one).") long views,
            @Schema(required = true, description = "Distinct viewers per day, summed over the days (a viewer cannot be "
                    + "followed from one day to the next: each day's salt is discarded).") long uniqueViewerDays,
            @Schema(required = true, description = "Links opened for the first time.") long opens,
            @Schema(required = true, description = "Integrations picked.") long selections,
            @Schema(required = true, description = "Links completed (a connection installed).") long completions,
            @Schema(required = true, description = "Install attempts that failed.") long failures,
            @Schema(required = true, nullable = true, description = "completions / opens; null when nothing was opened.") Double conversion,
            @Schema(required = true, nullable = true, description = "Median seconds from open to completion, over the "
                    + "completions of the range; null when there were none.") Long medianOpenToCompletionSeconds) {
    }

    @Schema(name = "InsightFunnel")
    public record Funnel(
            @Schema(required = true) long created,
            @Schema(required = true) long opened,
            @Schema(required = true) long selected,
            @Schema(required = true) long completed,
            @Schema(required = true, description = "Per integration, most selected first.") List<IntegrationStep> byIntegration) {
    }

    @Schema(name = "InsightIntegration")
    public record IntegrationStep(
            @Schema(required = true) String integrationName,
            @Schema(required = true) long selected,
            @Schema(required = true) long completed,
            @Schema(required = true) long failed) {
    }

    @Schema(name = "InsightDay")
    public record Day(
            @Schema(required = true, examples = "2026-04-11") LocalDate day,
            @Schema(required = true) long views,
            @Schema(required = true) long uniqueViewerDays,
            @Schema(required = true) long opens,
            @Schema(required = true) long selections,
            @Schema(required = true) long completions,
            @Schema(required = true) long failures) {
    }
}
