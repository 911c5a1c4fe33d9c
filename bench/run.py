"""The benchmark behind `make bench` (issue: performance against the framework's floor).

1. Uses its own database (redconsorcios_bench) in the embedded cluster, or DATABASE_URL.
2. Generates synthetic data with `manage.py generar_datos` (SCALE=large for the big run).
3. Serves the portal in production mode under gunicorn (gunicorn.conf.py), three times
   (comun/cache.py explains the two caches):
   - "cache": the anonymous page cache on (what visitors get after the first request);
   - "fallo": the page cache off (CACHE_PAGINAS_SEGUNDOS=0), so every request renders the page;
     fragments and derived values stay cached per section generation, as they are in production
     for a new URL, another language or a logged-in member;
   - "frio": fragments and derived values off too (CACHE_FRAGMENTOS_SEGUNDOS=0): what the first
     request after a save costs.
4. Loads each page type with wrk from a second process: first a hello-world view through the
   same server and middleware (the floor; the page cache never stores it), then the pages.
   Reports requests/s as a ratio to the floor, p50 and p99 latency, SQL queries per request and
   response bytes (raw and gzip). In the "fallo" and "frio" passes it also times the library
   searches one request at a time (p50 and p95 over BENCH_SEARCH_REQUESTS requests): a search
   repeated within a generation of the library (its fragment kept), and a new one (computed).
5. Mixed load: with the page cache on, the pages of PAGINAS_MIXTAS are read while
   `manage.py escritor_bench` posts one forum message (and, in the second sub-pass, saves one
   consortium) every second. A page is a hit when it comes from the page cache, which Django's
   cache middleware marks with an `Age` header (a page rendered for the request has none); a
   wrk Lua script counts them.
6. The live channel: the floor and the registry's list without and with BENCH_VIVO_FLUJOS (200) open
   streams of conversations (bench/vivo.py against uvicorn beside gunicorn), and the delivery time of a
   message a second meanwhile.
7. Writes bench/results/<timestamp>.json and .md, and bench/results/latest-<scale>.md
   (bench/results/README.md says how to read them).
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PY = sys.executable
PUERTO = int(os.environ.get("BENCH_PORT", "8765"))
DURACION = os.environ.get("BENCH_DURATION", "8s")
CONEXIONES = os.environ.get("BENCH_CONNECTIONS", "16")
PETICIONES_BUSQUEDA = int(os.environ.get("BENCH_SEARCH_REQUESTS", "100"))
# The three passes: (CACHE_PAGINAS_SEGUNDOS, CACHE_FRAGMENTOS_SEGUNDOS).
PASADAS = {"cache": ("600", "3600"), "fallo": ("0", "3600"), "frio": ("0", "0")}
# The mixed-load pass: what the writer writes in each sub-pass, and the pages read meanwhile.
ESCRITURAS = {"foros": ["--foros"], "foros y consorcios": ["--foros", "--consorcios"]}
PAGINAS_MIXTAS = [
    "consorcios: lista",
    "consorcio: ficha",
    "biblioteca: palabra frecuente",
    "foros: índice",
    "foros: tema de 50 mensajes",
]
# wrk runs one Lua state per thread: each counts its responses, done() adds them up.
CONTAR_ACIERTOS = RAIZ / "bench" / "aciertos.lua"
ESCALA = os.environ.get("SCALE", "default")
# Open streams of the conversations' live channel held during the last pass (issue 25: 200).
FLUJOS_VIVO = int(os.environ.get("BENCH_VIVO_FLUJOS", "200"))

ENTORNO = {
    **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
    "DJANGO_SETTINGS_MODULE": "redconsorcios.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x9Z" * 20),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    # One database per scale: the large run does not reuse (or skip over) the default one.
    "REDCONSORCIOS_DB": os.environ.get(
        "REDCONSORCIOS_DB", "redconsorcios_bench" if ESCALA == "default" else f"redconsorcios_bench_{ESCALA}"
    ),
    "BENCH_ENDPOINTS": "1",
    "MAP_TILES_URL": "",
    "DJANGO_LOG_LEVEL": "ERROR",
    # The topic page shows 50 posts, as the peers' pages it is compared with do.
    "FOROS_MENSAJES_POR_PAGINA": "50",
    # wrk is one client asking thousands of times a second: the API's limit must not answer it 429.
    # The limiter still runs (one counter a request), as it does for every client.
    "API_RATE_ANON": "1000000000/s",
}
# Production sits behind a TLS-terminating proxy: say so, as the load balancer would.
CABECERAS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


def manage(*args: str) -> str:
    resultado = subprocess.run(
        [PY, "manage.py", *args], cwd=RAIZ, env=ENTORNO, capture_output=True, text=True, check=False
    )
    if resultado.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} falló:\n{resultado.stdout}\n{resultado.stderr}")
    return resultado.stdout


def preparar() -> list[dict]:
    if not os.environ.get("DATABASE_URL"):
        subprocess.run([PY, "-m", "redconsorcios.pg", "start"], cwd=RAIZ, env=ENTORNO, check=True)  # creates the db
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    print(manage("generar_datos", "--escala", ESCALA), end="")
    # The pages to measure, with the SQL each costs, computed by the portal itself.
    lineas = manage("paginas_bench").strip().splitlines()
    for nota in lineas[:-1]:
        print(nota)
    return json.loads(lineas[-1])


def arrancar(pasada: str) -> subprocess.Popen:
    paginas, fragmentos = PASADAS[pasada]
    entorno = {
        **ENTORNO,
        "CACHE_PAGINAS_SEGUNDOS": paginas,
        "CACHE_FRAGMENTOS_SEGUNDOS": fragmentos,
        "GUNICORN_BIND": f"127.0.0.1:{PUERTO}",
    }
    proceso = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "redconsorcios.wsgi"], cwd=RAIZ, env=entorno
    )
    for _intento in range(100):
        try:
            peticion = urllib.request.Request(
                f"http://127.0.0.1:{PUERTO}/hola/", headers={"X-Forwarded-Proto": "https"}
            )
            urllib.request.urlopen(peticion, timeout=1)  # noqa: S310 (loopback, fixed scheme)
            return proceso
        except OSError:
            time.sleep(0.2)
    proceso.terminate()
    raise SystemExit("gunicorn no arrancó")


def parar(proceso: subprocess.Popen) -> None:
    proceso.send_signal(signal.SIGTERM)
    proceso.wait(timeout=30)


def _ms(valor: str) -> float:
    encontrado = re.match(r"([\d.]+)(us|ms|s|m)$", valor)
    if encontrado is None:  # wrk prints "-nan" when no request completed
        return float("nan")
    numero, unidad = encontrado.groups()
    return float(numero) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unidad]


def wrk(ruta: str, cabeceras: dict[str, str], contar_aciertos: bool = False) -> dict:
    # A 10 s timeout: slow pages (a phrase search under load) are measured, not dropped at wrk's 2 s.
    args = ["wrk", "-t2", f"-c{CONEXIONES}", f"-d{DURACION}", "--timeout", "10s", "--latency"]
    if contar_aciertos:
        args += ["-s", str(CONTAR_ACIERTOS)]
    for clave, valor in {**CABECERAS, **cabeceras}.items():
        args += ["-H", f"{clave}: {valor}"]
    salida = subprocess.run([*args, f"http://127.0.0.1:{PUERTO}{ruta}"], capture_output=True, text=True).stdout
    if not re.search(r"^\s*99%\s+\S+", salida, re.M):
        print(f"wrk {ruta}: salida inesperada\n{salida}", file=sys.stderr)
        return {"rps": 0.0, "p50_ms": float("nan"), "p99_ms": float("nan"), "errores": -1}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", salida).group(1))
    # Anchored: the "+/- Stdev" column of the Latency line (e.g. "75.50%") must not match "50%".
    p50 = _ms(re.search(r"^\s*50%\s+(\S+)", salida, re.M).group(1))
    p99 = _ms(re.search(r"^\s*99%\s+(\S+)", salida, re.M).group(1))
    errores = re.search(r"Non-2xx or 3xx responses: (\d+)", salida)
    agotadas = re.search(r"Socket errors:.*timeout (\d+)", salida)  # requests that got no answer in 10 s
    fallidas = (int(errores.group(1)) if errores else 0) + (int(agotadas.group(1)) if agotadas else 0)
    resultado = {"rps": rps, "p50_ms": p50, "p99_ms": p99, "errores": fallidas}
    if contar_aciertos:
        aciertos, total = map(int, re.search(r"^aciertos (\d+) de (\d+)$", salida, re.M).groups())
        resultado.update(aciertos=aciertos, respuestas=total, tasa_aciertos=aciertos / total if total else 0.0)
    return resultado


def tamanos(ruta: str, cabeceras: dict[str, str]) -> dict:
    peticion = urllib.request.Request(
        f"http://127.0.0.1:{PUERTO}{ruta}", headers={"X-Forwarded-Proto": "https", **cabeceras}
    )
    # Generous: after a slow page's load the server may still be answering wrk's last requests.
    with urllib.request.urlopen(peticion, timeout=300) as respuesta:  # noqa: S310
        cuerpo = respuesta.read()
    return {"bytes": len(cuerpo), "bytes_gzip": len(gzip.compress(cuerpo, 6))}


def latencias(ruta: str) -> dict:
    """One request at a time: p50 and p95 of the whole response, as a reader waits for it."""
    peticion = urllib.request.Request(
        f"http://127.0.0.1:{PUERTO}{ruta}", headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    )
    tiempos = []
    for vuelta in range(PETICIONES_BUSQUEDA + 5):
        inicio = time.perf_counter()
        with urllib.request.urlopen(peticion, timeout=30) as respuesta:  # noqa: S310
            respuesta.read()
        if vuelta >= 5:  # the first five warm the worker up
            tiempos.append((time.perf_counter() - inicio) * 1000)
    tiempos.sort()
    return {"p50_ms": tiempos[len(tiempos) // 2], "p95_ms": tiempos[int(len(tiempos) * 0.95) - 1]}


def medir(paginas: list[dict], pasada: str) -> tuple[list[dict], list[dict]]:
    proceso = arrancar(pasada)
    try:
        wrk("/hola/", {})  # warm-up
        suelo = wrk("/hola/", {})
        filas = [{"pagina": "hola (suelo)", "ruta": "/hola/", "consultas": 0, **suelo, "ratio": 1.0}]
        for pagina in paginas:
            if pasada == "cache" and pagina.get("privada"):
                continue  # logged-in pages are never cached: measured in the other passes
            cabeceras = pagina.get("cabeceras", {})
            wrk(pagina["ruta"], cabeceras)  # fill the caches, warm the workers
            resultado = wrk(pagina["ruta"], cabeceras)
            # The API has no page cache: its queries are the same in the "cache" pass as in "fallo".
            consultas = {
                "cache": pagina["consultas"] if pagina.get("api") else 0,
                "fallo": pagina["consultas"],
                "frio": pagina["consultas_frio"],
            }[pasada]
            filas.append(
                {
                    "pagina": pagina["nombre"],
                    "ruta": pagina["ruta"],
                    "consultas": 0
                    if pasada == "cache" and not pagina.get("privada") and not pagina.get("api")
                    else consultas,
                    **resultado,
                    "ratio": resultado["rps"] / suelo["rps"],
                    **tamanos(pagina["ruta"], cabeceras),
                }
            )
        busquedas = []
        if pasada in ("fallo", "frio"):
            for pagina in paginas:
                if pagina["nombre"].startswith("biblioteca"):
                    tiempos = latencias(pagina["ruta"])
                    busquedas.append({"pagina": pagina["nombre"], "ruta": pagina["ruta"], "pasada": pasada, **tiempos})
        return filas, busquedas
    finally:
        parar(proceso)


def carga_mixta(paginas: list[dict]) -> list[dict]:
    """The pages of PAGINAS_MIXTAS read under wrk while a writer writes every second (page cache on)."""
    leidas = [pagina for pagina in paginas if pagina["nombre"] in PAGINAS_MIXTAS]
    filas = []
    proceso = arrancar("cache")
    try:
        for escritura, opciones in ESCRITURAS.items():
            escritor = subprocess.Popen(
                [PY, "manage.py", "escritor_bench", *opciones],
                cwd=RAIZ,
                env=ENTORNO,
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                if escritor.stdout.readline().strip() != "escribiendo":
                    raise SystemExit(f"manage.py escritor_bench {' '.join(opciones)} no arrancó")
                for pagina in leidas:
                    wrk(pagina["ruta"], {})  # warm the workers, as in the other passes
                    resultado = wrk(pagina["ruta"], {}, contar_aciertos=True)
                    filas.append({"escritura": escritura, "pagina": pagina["nombre"], **resultado})
            finally:
                escritor.send_signal(signal.SIGTERM)
                escrito = escritor.communicate(timeout=30)[0].strip()
            print(f"  carga mixta ({escritura}): {escrito}")
    finally:
        parar(proceso)
    return filas


def canal_vivo() -> dict:
    """The page floor (and the registry's list) without and with FLUJOS_VIVO open streams of the live
    channel: uvicorn serves /vivo/ beside gunicorn, as in production, and bench/vivo.py holds the
    streams (one conversation each) while the host writes one message a second and times its delivery."""
    puerto = PUERTO + 1
    proceso = arrancar("fallo")
    canal = subprocess.Popen(
        [
            PY,
            "-m",
            "uvicorn",
            "redconsorcios.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(puerto),
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env=ENTORNO,
    )
    flujos = None
    try:
        medidas = {}
        for ruta in ("/hola/", "/consorcios/"):
            wrk(ruta, {})  # warm-up
            medidas[f"sin {ruta}"] = wrk(ruta, {})
        flujos = subprocess.Popen(
            [
                PY,
                "-u",
                "bench/vivo.py",
                "--url",
                f"http://127.0.0.1:{puerto}/vivo/",
                "-n",
                str(FLUJOS_VIVO),
                "--segundos",
                "0",
                "--mensajes",
            ],
            cwd=RAIZ,
            env=ENTORNO,
            stdout=subprocess.PIPE,
            text=True,
        )
        abiertos = f"{FLUJOS_VIVO}/{FLUJOS_VIVO} flujos abiertos"
        limite = time.monotonic() + 180
        for linea in flujos.stdout:
            if abiertos in linea:
                break
            if time.monotonic() > limite or flujos.poll() is not None:
                raise SystemExit(f"bench/vivo.py no abrió {FLUJOS_VIVO} flujos: {linea.strip()}")
        for ruta in ("/hola/", "/consorcios/"):
            medidas[f"con {ruta}"] = wrk(ruta, {})
        informe = ""
        for linea in flujos.stdout:  # the next report, with the delivery times under load
            informe = linea.strip()
            if abiertos in linea and "entrega" in linea:
                break
        return {"flujos": FLUJOS_VIVO, "medidas": medidas, "informe": informe}
    finally:
        if flujos is not None:
            flujos.terminate()
            flujos.wait(timeout=30)
        canal.terminate()
        canal.wait(timeout=30)
        parar(proceso)


def tabla_vivo(vivo: dict) -> str:
    lineas = [
        f"### The live channel: {vivo['flujos']} open streams (uvicorn beside gunicorn, page cache off)",
        "",
        "| página | req/s sin flujos | req/s con flujos | con / sin |",
        "|---|---:|---:|---:|",
    ]
    for ruta in ("/hola/", "/consorcios/"):
        sin, con = vivo["medidas"][f"sin {ruta}"], vivo["medidas"][f"con {ruta}"]
        lineas.append(f"| {ruta} | {sin['rps']:.0f} | {con['rps']:.0f} | {con['rps'] / sin['rps']:.2f} |")
    lineas += ["", f"bench/vivo.py during the second measure: {vivo['informe']}"]
    return "\n".join(lineas) + "\n"


def maquina() -> str:
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f if "model name" in line), "?")
    return f"{os.cpu_count()} núcleos ({cpu}), Python {platform.python_version()}, {platform.system()}"


def tabla(titulo: str, filas: list[dict]) -> str:
    lineas = [
        f"### {titulo}",
        "",
        "| página | req/s | % del suelo | p50 ms | p99 ms | SQL | bytes | gzip | errores |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in filas:
        lineas.append(
            f"| {f['pagina']} | {f['rps']:.0f} | {100 * f['ratio']:.1f} % | {f['p50_ms']:.1f} | {f['p99_ms']:.1f} "
            f"| {f['consultas']} | {f.get('bytes', '')} | {f.get('bytes_gzip', '')} | {f['errores']} |"
        )
    return "\n".join(lineas) + "\n"


def tabla_mixta(filas: list[dict]) -> str:
    lineas = [
        "### Mixed load: the page cache on while a writer writes every second",
        "",
        "A hit is a response from the page cache (it carries an `Age` header). The target: registry and",
        "library pages keep at least 90 % hits while only the forums are written.",
        "",
        "| escritura | página | aciertos | req/s | p50 ms | p99 ms | errores |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for f in filas:
        lineas.append(
            f"| {f['escritura']} | {f['pagina']} | {100 * f.get('tasa_aciertos', 0):.1f} % "
            f"| {f['rps']:.0f} | {f['p50_ms']:.1f} | {f['p99_ms']:.1f} | {f['errores']} |"
        )
    return "\n".join(lineas) + "\n"


def tabla_busquedas(filas: list[dict], documentos: str) -> str:
    """Repeated searches (fallo pass: the fragment kept) beside new ones (frio pass: computed each time)."""
    lineas = [
        f"### Library search, one request at a time ({documentos} documents, {PETICIONES_BUSQUEDA} requests each)",
        "",
        "Repeated: the same search again within a generation of the library (its fragment kept).",
        "New: fragments and derived values off, so the search is computed on each request, as a search",
        "nobody made since the last save is. The target: a new word's p95 at most 50 ms at 20,000 documents.",
        "",
        "| búsqueda | repetida p50 ms | repetida p95 ms | nueva p50 ms | nueva p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    por_pagina: dict[str, dict[str, dict]] = {}
    for f in filas:
        por_pagina.setdefault(f["pagina"], {})[f.get("pasada", "fallo")] = f
    vacia = {"p50_ms": float("nan"), "p95_ms": float("nan")}
    for nombre, pasadas in por_pagina.items():
        repetida, nueva = pasadas.get("fallo", vacia), pasadas.get("frio", vacia)
        lineas.append(
            f"| {nombre} | {repetida['p50_ms']:.1f} | {repetida['p95_ms']:.1f} "
            f"| {nueva['p50_ms']:.1f} | {nueva['p95_ms']:.1f} |"
        )
    return "\n".join(lineas) + "\n"


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("Falta wrk: sudo apt-get install wrk (make bench lo instala como root).")
    paginas = preparar()
    pasadas = {}
    busquedas = []
    for pasada in PASADAS:
        pasadas[pasada], encontradas = medir(paginas, pasada)
        busquedas += encontradas
    mixta = carga_mixta(paginas)
    vivo = canal_vivo()
    documentos = manage("shell", "-c", "from biblioteca.models import Documento; print(Documento.objects.count())")
    marca = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    resultado = {
        "fecha": marca,
        "escala": ESCALA,
        "maquina": maquina(),
        "wrk": {"duracion": DURACION, "conexiones": CONEXIONES, "hilos": 2},
        "documentos": int(documentos.strip().splitlines()[-1]),
        "con_cache": pasadas["cache"],
        "sin_cache": pasadas["fallo"],
        "frio": pasadas["frio"],
        "busquedas": busquedas,
        "carga_mixta": mixta,
        "canal_vivo": vivo,
    }
    destino = RAIZ / "bench" / "results"
    destino.mkdir(parents=True, exist_ok=True)
    (destino / f"{marca}-{ESCALA}.json").write_text(json.dumps(resultado, indent=2, ensure_ascii=False))
    texto = (
        f"## Benchmark {marca} (escala {ESCALA})\n\n{resultado['maquina']}; wrk -t2 -c{CONEXIONES} -d{DURACION}; "
        "gunicorn.conf.py, production settings, embedded PostgreSQL.\n\n"
        + tabla("Anonymous pages served from the page cache", pasadas["cache"])
        + "\n"
        + tabla(
            "Page cache off: every request renders the page (fragments and derived values cached per generation)",
            pasadas["fallo"],
        )
        + "\n"
        + tabla("Cold: page cache, fragments and derived values off (the first request after a save)", pasadas["frio"])
        + "\n"
        + tabla_busquedas(busquedas, f"{resultado['documentos']:,}")
        + "\n"
        + tabla_mixta(mixta)
        + "\n"
        + tabla_vivo(vivo)
    )
    (destino / f"{marca}-{ESCALA}.md").write_text(texto)
    (destino / f"latest-{ESCALA}.md").write_text(texto)
    print(texto)
    return 0


if __name__ == "__main__":
    sys.exit(main())
