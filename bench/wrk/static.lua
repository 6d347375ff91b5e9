-- One fixed request (the URL and headers come from the wrk command line): scenarios 1, 2, 5 and 6.
local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
done = report.done
