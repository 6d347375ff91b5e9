-- Scenario 3: GET /magic-links/{id} over random ids of the big organization (a file of ids, one a line, that
-- bench/run.sh samples from the database: links that are not revoked, so every answer should be a 200).
local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local ids = {}
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_no", threads)
end

function init(args)
    for line in io.lines(os.getenv("BENCH_IDS")) do
        ids[#ids + 1] = line
    end
    math.randomseed(os.time() * 16 + (thread_no or 0))
end

function request()
    return wrk.format("GET", "/magic-links/" .. ids[math.random(#ids)])
end

done = report.done
