-- Counts the responses served from the page cache: Django's cache middleware adds `Age` to
-- those, never to a page rendered for the request. Used by bench/run.py's mixed-load pass.
-- wrk gives each thread its own Lua state: each counts its own, done() adds them up.
local hilos = {}

function setup(hilo)
  table.insert(hilos, hilo)
end

function init(args)
  aciertos = 0
  respuestas = 0
end

function response(status, headers, body)
  respuestas = respuestas + 1
  if headers["Age"] ~= nil or headers["age"] ~= nil then
    aciertos = aciertos + 1
  end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, hilo in ipairs(hilos) do
    a = a + hilo:get("aciertos")
    r = r + hilo:get("respuestas")
  end
  io.write(string.format("aciertos %d de %d\n", a, r))
end
