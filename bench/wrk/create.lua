-- Scenario 4: POST /magic-links with a unique customer_id per request and a 3-name allow list.
local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local threads = 0
local prefix, counter

function setup(thread)
    threads = threads + 1
    thread:set("thread_no", threads)
end

function init(args)
    -- unique across threads and across runs against the same database (warm-up, then the measured run)
    prefix = string.format("bench-%s-%d-%d", os.getenv("BENCH_RUN_ID") or "run", thread_no or 0, math.random(1e9))
    counter = 0
    wrk.headers["content-type"] = "application/json"
end

function request()
    counter = counter + 1
    return wrk.format("POST", "/magic-links", nil, string.format(
        '{"customer_id":"%s-%d","integration_allow_list":["shipbob","shiphero","deposco"]}', prefix, counter))
end

done = report.done
