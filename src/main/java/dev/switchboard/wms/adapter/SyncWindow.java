package dev.switchboard.wms.adapter;

import java.time.Instant;

/**
 * The time range an incremental fetch asks for, by the system's {@code updated_date}: {@code since} (inclusive; the
 * engine has already subtracted its clock-skew overlap) to {@code until} (exclusive). Snapshot functions ignore it.
 */
public record SyncWindow(Instant since, Instant until) {
}
