"""The Lighthouse audit behind `make audit` (issue 9: quality gates a user feels).

1. Installs npm's lighthouse (pinned) into var/lighthouse/, a project-local folder.
2. Uses its own database (redconsorcios_audit) in the embedded cluster, or DATABASE_URL, with the demo
   data (`manage.py cargar_demo`).
3. Serves the portal in production mode (DJANGO_DEBUG=0) under gunicorn with gunicorn.conf.py on
   127.0.0.1. Lighthouse cannot send X-Forwarded-Proto, so DJANGO_SECURE_SSL_REDIRECT=0 keeps the
   server from redirecting it to https:// (which nothing serves here); Lighthouse treats localhost as
   a secure origin. Map tiles are off (MAP_TILES_URL empty): the machine has no network.
4. Runs Lighthouse with Debian's Chromium (CHROME_PATH) on home, list, map, a consortium, a library
   search and a forum topic, mobile (Lighthouse's default emulation and throttling) and desktop.
5. Writes bench/results/audit.md (a table of performance, accessibility, best practices and SEO, and
   the reasons for every score below target: 95 for performance, 100 for the others) and the raw JSON
   reports in var/lighthouse/informes/.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
PY = sys.executable
LIGHTHOUSE_VERSION = "12.2.3"  # 13.x wants Node 22; Debian bookworm ships Node 18/20
CARPETA = RAIZ / "var" / "lighthouse"
LIGHTHOUSE = CARPETA / "node_modules" / ".bin" / "lighthouse"
INFORMES = CARPETA / "informes"
PUERTO = int(os.environ.get("AUDIT_PORT", "8766"))
BASE = f"http://localhost:{PUERTO}"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIAS = [
    ("performance", "Rendimiento"),
    ("accessibility", "Accesibilidad"),
    ("best-practices", "Buenas prácticas"),
    ("seo", "SEO"),
]
OBJETIVO = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}

ENTORNO = {
    **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
    "DJANGO_SETTINGS_MODULE": "redconsorcios.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECURE_SSL_REDIRECT": "0",  # Lighthouse speaks plain http to localhost and cannot say X-Forwarded-Proto
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "audit-" + "q7W" * 20),
    "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
    "REDCONSORCIOS_DB": os.environ.get("REDCONSORCIOS_DB", "redconsorcios_audit"),
    "MAP_TILES_URL": "",
    "DJANGO_LOG_LEVEL": "ERROR",
    "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
    "GUNICORN_BIND": f"127.0.0.1:{PUERTO}",
}

# Paths of pages whose address depends on the data, found by the portal itself.
PAGINAS_CON_DATOS = """
import json
from consorcios.models import Consorcio
from foros.models import Tema
consorcio = Consorcio.objects.publicados().order_by("slug").first()
tema = Tema.objects.filter(foro__solo_staff=False).order_by("-destacado", "pk").first()
print(json.dumps({"consorcio": consorcio.get_absolute_url(), "tema": tema.get_absolute_url()}))
"""


def manage(*args: str) -> str:
    resultado = subprocess.run(
        [PY, "manage.py", *args], cwd=RAIZ, env=ENTORNO, capture_output=True, text=True, check=False
    )
    if resultado.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} falló:\n{resultado.stdout}\n{resultado.stderr}")
    return resultado.stdout


def instalar_lighthouse() -> None:
    paquete = CARPETA / "node_modules" / "lighthouse" / "package.json"
    if paquete.exists() and json.loads(paquete.read_text())["version"] == LIGHTHOUSE_VERSION:
        return
    print(f"Instalando lighthouse@{LIGHTHOUSE_VERSION} en {CARPETA.relative_to(RAIZ)}/ …", flush=True)
    CARPETA.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(CARPETA), "--no-audit", "--no-fund", "--save-exact",
         f"lighthouse@{LIGHTHOUSE_VERSION}"],
        check=True,
    )  # fmt: skip


def preparar() -> list[tuple[str, str]]:
    if not os.environ.get("DATABASE_URL"):
        subprocess.run([PY, "-m", "redconsorcios.pg", "start"], cwd=RAIZ, env=ENTORNO, check=True)  # creates the db
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("compilar_mensajes")
    manage("cargar_demo")
    con_datos = json.loads(manage("shell", "-c", PAGINAS_CON_DATOS).strip().splitlines()[-1])
    return [
        ("Portada", "/"),
        ("Lista de consorcios", "/consorcios/"),
        ("Mapa", "/consorcios/mapa/"),
        ("Ficha de consorcio", con_datos["consorcio"]),
        ("Búsqueda en la biblioteca", "/biblioteca/?q=consorcios+de+origen"),
        ("Tema del foro", con_datos["tema"]),
    ]


def arrancar() -> subprocess.Popen:
    proceso = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "redconsorcios.wsgi"], cwd=RAIZ, env=ENTORNO
    )
    for _intento in range(150):
        try:
            urllib.request.urlopen(f"{BASE}/salud/", timeout=1)  # noqa: S310 (loopback, fixed scheme)
            return proceso
        except OSError:
            time.sleep(0.2)
    proceso.terminate()
    raise SystemExit("gunicorn no arrancó")


def lighthouse(ruta: str, formato: str, nombre: str) -> dict:
    destino = INFORMES / f"{nombre}-{formato}.json"
    args = [
        str(LIGHTHOUSE),
        f"{BASE}{ruta}",
        "--quiet",
        "--output=json",
        f"--output-path={destino}",
        f"--only-categories={','.join(c for c, _ in CATEGORIAS)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=30000",
    ]
    if formato == "escritorio":
        args.append("--preset=desktop")
    # Lighthouse now and then fails to record the trace (NO_NAVSTART): that run is tried again.
    for intento in range(3):
        resultado = subprocess.run(args, env={**os.environ, "CHROME_PATH": CHROME}, check=False)
        if resultado.returncode == 0:
            return json.loads(destino.read_text())
        print(f"Lighthouse falló en {ruta} ({formato}), intento {intento + 1} de 3", flush=True)
    raise SystemExit(f"Lighthouse no pudo auditar {ruta} ({formato})")


def puntos(informe: dict) -> dict[str, int]:
    return {c: round(100 * (informe["categories"][c]["score"] or 0)) for c, _ in CATEGORIAS}


def _ejemplos(auditoria: dict, cuantos: int = 3) -> str:
    """A few of the failing items (a URL or an element), so the reason can be acted on."""
    ejemplos = []
    for item in (auditoria.get("details") or {}).get("items", []):
        lugar = (
            (item.get("sourceLocation") or {}).get("url") or item.get("url") or (item.get("node") or {}).get("selector")
        )
        if lugar and lugar not in ejemplos:
            ejemplos.append(lugar)
    if not ejemplos:
        return ""
    resto = ", …" if len(ejemplos) > cuantos else ""
    return ": " + ", ".join(f"`{e}`" for e in ejemplos[:cuantos]) + resto


def motivos(informe: dict, categoria: str) -> list[str]:
    """The audits that cost points in a category, heaviest first, as Lighthouse words them."""
    auditorias = informe["audits"]
    faltas = []
    for ref in informe["categories"][categoria]["auditRefs"]:
        auditoria = auditorias[ref["id"]]
        if ref.get("weight", 0) == 0 or auditoria.get("score") is None or auditoria["score"] >= 1:
            continue
        valor = f" ({auditoria['displayValue']})" if auditoria.get("displayValue") else ""
        texto = f"{auditoria['title'].rstrip('.')}{valor}{_ejemplos(auditoria)}"
        faltas.append((ref["weight"] * (1 - auditoria["score"]), texto))
    if categoria == "performance":  # where the time goes, in Lighthouse's own words
        for clave in ["bootup-time", "mainthread-work-breakdown"]:
            auditoria = auditorias.get(clave) or {}
            if auditoria.get("displayValue") and (auditoria.get("score") or 0) < 1:
                faltas.append((0, f"{auditoria['title'].rstrip('.')} ({auditoria['displayValue']})"))
        for auditoria in auditorias.values():
            detalles = auditoria.get("details") or {}
            ahorro = detalles.get("overallSavingsMs") or 0
            if detalles.get("type") == "opportunity" and ahorro >= 50:
                faltas.append((0, f"{auditoria['title'].rstrip('.')} (≈ {ahorro:.0f} ms)"))
    return [texto for _peso, texto in sorted(faltas, key=lambda f: -f[0])]


def tabla(filas: list[dict]) -> str:
    cabecera = "| página | formato | " + " | ".join(t for _, t in CATEGORIAS) + " |"
    lineas = [cabecera, "|---|---|" + "---:|" * len(CATEGORIAS)]
    for fila in filas:
        celdas = [
            f"**{fila['puntos'][c]}**" if fila["puntos"][c] < OBJETIVO[c] else str(fila["puntos"][c])
            for c, _ in CATEGORIAS
        ]
        lineas.append(f"| {fila['pagina']} (`{fila['ruta']}`) | {fila['formato']} | " + " | ".join(celdas) + " |")
    return "\n".join(lineas) + "\n"


def informe_md(filas: list[dict], version_chrome: str) -> str:
    fecha = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    texto = [
        f"## Lighthouse {fecha}",
        "",
        f"Lighthouse {LIGHTHOUSE_VERSION}, {version_chrome}, headless; gunicorn (gunicorn.conf.py) with production "
        "settings, demo data, DJANGO_SECURE_SSL_REDIRECT=0 (plain http to localhost), no map tiles (offline). "
        "Mobile: Lighthouse's emulated phone with simulated slow 4G and CPU throttling; desktop: `--preset=desktop`. "
        "Targets: 95 for performance, 100 for the others (in **bold** below target).",
        "",
        tabla(filas),
    ]
    debajo = [f for f in filas if any(f["puntos"][c] < OBJETIVO[c] for c, _ in CATEGORIAS)]
    texto += ["### Below target", ""]
    if not debajo:
        texto.append("Every page meets every target.")
    for fila in debajo:
        for categoria, titulo in CATEGORIAS:
            if fila["puntos"][categoria] < OBJETIVO[categoria]:
                razones = "; ".join(fila["motivos"][categoria]) or "no single audit failed (score rounding)"
                texto.append(f"- {fila['pagina']}, {fila['formato']}, {titulo} {fila['puntos'][categoria]}: {razones}.")
    return "\n".join(texto) + "\n"


def main() -> int:
    if not Path(CHROME).exists():
        raise SystemExit(f"No hay Chromium en {CHROME}: sudo apt-get install chromium (o CHROME_PATH=…).")
    instalar_lighthouse()
    paginas = preparar()
    INFORMES.mkdir(parents=True, exist_ok=True)
    proceso = arrancar()
    filas = []
    version_chrome = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout.strip() or "Chromium"
    try:
        for pagina, ruta in paginas:
            for formato in ["móvil", "escritorio"]:
                nombre = ruta.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "portada"
                informe = lighthouse(ruta, "movil" if formato == "móvil" else "escritorio", nombre)
                fila = {"pagina": pagina, "ruta": ruta, "formato": formato, "puntos": puntos(informe)}
                fila["motivos"] = {c: motivos(informe, c) for c, _ in CATEGORIAS}
                print(f"{pagina:28} {formato:10} {fila['puntos']}", flush=True)
                filas.append(fila)
    finally:
        proceso.send_signal(signal.SIGTERM)
        proceso.wait(timeout=30)
    texto = informe_md(filas, version_chrome)
    destino = RAIZ / "bench" / "results"
    destino.mkdir(parents=True, exist_ok=True)
    (destino / "audit.md").write_text(texto)
    (destino / "audit.json").write_text(json.dumps(filas, indent=2, ensure_ascii=False))
    print(texto)
    return 0


if __name__ == "__main__":
    sys.exit(main())
