-- Shared by every scenario script: at the end of a run, one machine-readable line for bench/run.sh.
-- wrk's own --latency output stops at p99; p99.9 comes from here. Latencies are in microseconds.
local report = {}

function report.done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
        latency.max / 1000, e.status, e.connect, e.read, e.write, e.timeout))
end

return report
