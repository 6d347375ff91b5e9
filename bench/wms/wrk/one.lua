-- GET /wms/orders/{order_id} for a random order of the million (ids ord_00000001 .. ord_<BENCH_ORDERS>).
local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
local orders = tonumber(os.getenv("BENCH_ORDERS"))
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
request = function()
    return wrk.format("GET", string.format("/wms/orders/ord_%08d", math.random(1, orders)))
end
done = report.done
