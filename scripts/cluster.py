"""`make cluster`: the multi-server topology of README "Running beyond one machine", on loopback.

Every part is its own process on its own port of 127.0.0.1, configured from deploy/:

    HAProxy (deploy/haproxy.cfg)           http://127.0.0.1:8290/   statistics on :8293
    two app servers (gunicorn.conf.py)     :8291, :8292              DJANGO_DEBUG=0, no shared local state
    two task workers (manage.py db_worker) w1, w2
    PostgreSQL primary + hot standby       :18291, :18292            deploy/postgresql/*.conf, streaming
    Redis (cache, rate limits, sessions)   :18293
    S3 (moto's standalone server)          :18294                    bucket "redconsorcios"
    SMTP sink (aiosmtpd, a Maildir)        :18295                    var/cluster/correo/

Data lives in var/cluster/ (the PostgreSQL directories where the server's user can reach them, see
redconsorcios/pg.py). The first start migrates and loads the demo data; later starts reuse it
(`python scripts/cluster.py --nuevo` starts from nothing). Ctrl-C stops every process, each by its
process group. scripts/cluster_drills.py (`make cluster-test`) starts the same cluster through
``Cluster`` and drills its faults.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))

from redconsorcios import pg  # noqa: E402  (after the path: the script runs from anywhere)

PY = sys.executable
BIN = Path(PY).parent
DIR = RAIZ / "var" / "cluster"
LOGS = DIR / "logs"
CORREO = DIR / "correo"
HOST = "127.0.0.1"
PUERTOS = {
    "haproxy": 8290,
    "app1": 8291,
    "app2": 8292,
    "estadisticas": 8293,
    "vivo1": 8294,  # the live channel of conversations (uvicorn)
    "primario": 18291,
    "replica": 18292,
    "redis": 18293,
    "s3": 18294,
    "smtp": 18295,
    "restaurado": 18296,  # the drills' fresh server for a restore (scripts/cluster_drills.py)
}
BUCKET = "redconsorcios"
BASE = "redconsorcios"
APPS = ("app1", "app2")
WORKERS = ("w1", "w2")


def url(nombre: str) -> str:
    return f"http://{HOST}:{PUERTOS[nombre]}"


def _esperar(comprobar, que: str, segundos: float = 30.0) -> None:
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        try:
            if comprobar():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{que} no respondió en {segundos:.0f} s (registros en {LOGS})")


def responde(direccion: str, timeout: float = 2.0, esperado: int = 200) -> bool:
    try:
        with urllib.request.urlopen(direccion, timeout=timeout) as respuesta:  # noqa: S310  (loopback)
            return respuesta.status == esperado
    except urllib.error.HTTPError as error:
        return error.code == esperado
    except (urllib.error.URLError, OSError):
        return False


class Cluster:
    """The processes of the topology: start, stop, kill and restart each by name."""

    def __init__(self) -> None:
        self.usuario_pg = pg._run_as()
        self.bins = pg._prepare_binaries(self.usuario_pg, pg.bindir())
        self.dir_pg = pg._base_dir(self.usuario_pg) / "cluster"
        self.procesos: dict[str, subprocess.Popen] = {}
        self.entorno = self._entorno()

    # --- environment ----------------------------------------------------------------

    def _entorno(self) -> dict[str, str]:
        """The production environment every app server and worker shares (like deploy/env.example)."""
        DIR.mkdir(parents=True, exist_ok=True)
        secreto = DIR / "secreto"
        if not secreto.exists():
            secreto.write_text(secrets.token_urlsafe(60))
            secreto.chmod(0o600)
        entorno = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "AWS_"))}
        entorno |= {
            "DJANGO_SETTINGS_MODULE": "redconsorcios.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secreto.read_text(),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on loopback: no redirect to https and no HSTS (HAProxy terminates TLS in production).
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "SITE_URL": url("haproxy"),
            "TRUSTED_PROXY_COUNT": "1",
            "MAP_TILES_URL": "",
            "DATABASE_URL": f"postgres://postgres@{HOST}:{PUERTOS['primario']}/{BASE}",
            "DATABASE_REPLICA_URL": f"postgres://postgres@{HOST}:{PUERTOS['replica']}/{BASE}",
            "REDIS_URL": f"redis://{HOST}:{PUERTOS['redis']}/0",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_ENDPOINT_URL": url("s3"),
            "AWS_ACCESS_KEY_ID": "cluster",
            "AWS_SECRET_ACCESS_KEY": "cluster-local",
            "AWS_DEFAULT_REGION": "us-east-1",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": HOST,
            "EMAIL_PORT": str(PUERTOS["smtp"]),
            "EMAIL_USE_TLS": "0",
            # Two cores shared by everything here: three sync workers per app server.
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "3"),
            "GUNICORN_LOG_LEVEL": "warning",
            "HAPROXY_BIND": f"{HOST}:{PUERTOS['haproxy']}",
            "HAPROXY_STATS": f"{HOST}:{PUERTOS['estadisticas']}",
            "APP1": f"{HOST}:{PUERTOS['app1']}",
            "APP2": f"{HOST}:{PUERTOS['app2']}",
            "APP_MAXCONN": os.environ.get("WEB_CONCURRENCY", "3"),
            "VIVO1": f"{HOST}:{PUERTOS['vivo1']}",
            "HAPROXY_LOG_LEVEL": "info",
        }
        (DIR / "env").write_text("".join(f"{k}={v}\n" for k, v in sorted(entorno.items()) if k in _ENV_PUBLICO))
        return entorno

    # --- processes --------------------------------------------------------------------

    def _lanzar(self, nombre: str, args: list[str], **extra) -> subprocess.Popen:
        LOGS.mkdir(parents=True, exist_ok=True)
        registro = open(LOGS / f"{nombre}.log", "ab")  # noqa: SIM115  (the child keeps it)
        proceso = subprocess.Popen(
            args,
            cwd=RAIZ,
            env={**self.entorno, **extra},
            stdout=registro,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: Ctrl-C reaches us, and we stop it
        )
        registro.close()
        self.procesos[nombre] = proceso
        self._guardar_pids()
        return proceso

    def _guardar_pids(self) -> None:
        vivos = {n: p.pid for n, p in self.procesos.items() if p.poll() is None}
        (DIR / "pids.json").write_text(json.dumps(vivos, indent=1))

    def matar(self, nombre: str, sennal: int = signal.SIGKILL) -> None:
        """Signal a process and its children (its group); wait for it."""
        proceso = self.procesos.pop(nombre, None)
        if proceso is None or proceso.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proceso.pid, sennal)
        try:
            proceso.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proceso.pid, signal.SIGKILL)
            proceso.wait()
        self._guardar_pids()

    # --- PostgreSQL --------------------------------------------------------------------

    def _pg(self, args: list[str], **kwargs) -> subprocess.CompletedProcess:
        return pg._cmd(args, self.usuario_pg, **kwargs)

    def _datos(self, nombre: str) -> Path:
        return self.dir_pg / nombre

    def _preparar_dir(self, directorio: Path) -> None:
        directorio.mkdir(parents=True, exist_ok=True)
        if self.usuario_pg is not None:
            info = pwd.getpwnam(self.usuario_pg)
            os.chown(directorio, info.pw_uid, info.pw_gid)
            os.chmod(directorio, 0o700)

    def _incluir(self, datos: Path, conf: str) -> None:
        """Copy deploy/postgresql/<conf> into the data directory and include it from postgresql.conf."""
        destino = datos / conf
        shutil.copy(RAIZ / "deploy" / "postgresql" / conf, destino)
        if self.usuario_pg is not None:
            info = pwd.getpwnam(self.usuario_pg)
            os.chown(destino, info.pw_uid, info.pw_gid)
        principal = datos / "postgresql.conf"
        if f"include '{conf}'" not in principal.read_text():
            with principal.open("a") as archivo:
                archivo.write(f"\ninclude '{conf}'\n")

    def _pg_ctl(self, nombre: str, accion: str, *extra: str) -> None:
        datos = self._datos(nombre)
        socket = self.dir_pg / "run"
        args = [str(self.bins / "pg_ctl"), accion, "-w", "-D", str(datos)]
        if accion in {"start", "restart"}:
            opciones = f"-p {PUERTOS[nombre]} -c unix_socket_directories='{socket}'"
            args += ["-l", str(self.dir_pg / f"{nombre}.log"), "-o", opciones]
        resultado = self._pg([*args, *extra], capture_output=True, text=True)
        if resultado.returncode != 0:
            raise RuntimeError(f"pg_ctl {accion} {nombre}: {resultado.stderr}")

    def pg_en_marcha(self, nombre: str) -> bool:
        datos = self._datos(nombre)
        if not (datos / "PG_VERSION").exists():
            return False
        return self._pg([str(self.bins / "pg_ctl"), "status", "-D", str(datos)], capture_output=True).returncode == 0

    def arrancar_primario(self) -> bool:
        """Start the primary (initdb on first use); return True when it was new."""
        datos = self._datos("primario")
        nuevo = not (datos / "PG_VERSION").exists()
        self._preparar_dir(self.dir_pg)
        self._preparar_dir(self.dir_pg / "run")
        if nuevo:
            initdb = [str(self.bins / "initdb"), "-D", str(datos), "-U", "postgres", "--auth=trust"]
            resultado = self._pg([*initdb, "--encoding=UTF8", "--locale=C.UTF-8"], capture_output=True, text=True)
            if resultado.returncode != 0:
                raise RuntimeError(f"initdb: {resultado.stderr}")
            self._incluir(datos, "primary.conf")
        if not self.pg_en_marcha("primario"):
            self._pg_ctl("primario", "start")
        if nuevo:
            self.psql("primario", f"CREATE DATABASE {BASE}", base="postgres")
        return nuevo

    def arrancar_replica(self) -> None:
        """A hot standby made by pg_basebackup from the primary (first time), then streaming."""
        datos = self._datos("replica")
        if not (datos / "PG_VERSION").exists():
            self._preparar_dir(datos)
            resultado = self._pg(
                [
                    str(self.bins / "pg_basebackup"),
                    "-h", HOST, "-p", str(PUERTOS["primario"]), "-U", "postgres",
                    "-D", str(datos),
                    "--write-recovery-conf", "--wal-method=stream",
                    "--slot=replica1", "--create-slot", "--checkpoint=fast",
                ],
                capture_output=True,
                text=True,
            )  # fmt: skip
            if resultado.returncode != 0:
                raise RuntimeError(f"pg_basebackup: {resultado.stderr}")
            self._incluir(datos, "replica.conf")
            # pg_basebackup writes the conninfo with its own libpq's options (sslnegotiation…), which the
            # server's walreceiver may not know: the plain one that deploy/postgresql/replica.conf shows.
            auto = datos / "postgresql.auto.conf"
            lineas = [linea for linea in auto.read_text().splitlines() if not linea.startswith("primary_conninfo")]
            conninfo = f"host={HOST} port={PUERTOS['primario']} user=postgres application_name=replica1"
            auto.write_text("\n".join([*lineas, f"primary_conninfo = '{conninfo}'", ""]))
        if not self.pg_en_marcha("replica"):
            self._pg_ctl("replica", "start")

    def servidor_nuevo(self, nombre: str) -> str:
        """An empty PostgreSQL server of the same binaries on PUERTOS[nombre]; its URL (no database yet)."""
        datos = self._datos(nombre)
        self.parar_pg(nombre, "immediate")
        shutil.rmtree(datos, ignore_errors=True)
        initdb = [str(self.bins / "initdb"), "-D", str(datos), "-U", "postgres", "--auth=trust"]
        resultado = self._pg([*initdb, "--encoding=UTF8", "--locale=C.UTF-8"], capture_output=True, text=True)
        if resultado.returncode != 0:
            raise RuntimeError(f"initdb: {resultado.stderr}")
        self._pg_ctl(nombre, "start")
        return f"postgres://postgres@{HOST}:{PUERTOS[nombre]}/postgres"

    def parar_pg(self, nombre: str, modo: str = "fast") -> None:
        if self.pg_en_marcha(nombre):
            self._pg_ctl(nombre, "stop", "-m", modo)

    def psql(self, nombre: str, sql: str, base: str = BASE) -> str:
        resultado = subprocess.run(
            [str(self.bins / "psql"), "-X", "-qtA", "-h", HOST, "-p", str(PUERTOS[nombre]), "-U", "postgres",
             "-d", base, "-c", sql],
            capture_output=True,
            text=True,
        )  # fmt: skip
        if resultado.returncode != 0:
            raise RuntimeError(f"psql {nombre}: {resultado.stderr}")
        return resultado.stdout.strip()

    # --- the other services ------------------------------------------------------------

    def arrancar_redis(self) -> None:
        (DIR / "redis").mkdir(parents=True, exist_ok=True)
        self._lanzar(
            "redis",
            [
                shutil.which("redis-server") or "/usr/bin/redis-server",
                "--bind", HOST, "--port", str(PUERTOS["redis"]),
                "--dir", str(DIR / "redis"),
                # Nothing persisted: a restart loses everything, which the drills want to see survived.
                "--save", "", "--appendonly", "no",
                # The generations and rate limits must never be evicted (settings, "Cache and sessions").
                "--maxmemory", "256mb", "--maxmemory-policy", "noeviction",
            ],
        )  # fmt: skip
        _esperar(lambda: self._redis_ping(), "Redis")

    def _redis_ping(self) -> bool:
        import redis

        return redis.Redis(host=HOST, port=PUERTOS["redis"], socket_timeout=1).ping()

    def arrancar_s3(self) -> None:
        self._lanzar("s3", [str(BIN / "moto_server"), "-H", HOST, "-p", str(PUERTOS["s3"])])
        _esperar(lambda: responde(url("s3") + "/moto-api/"), "S3 (moto)")
        import boto3

        cliente = boto3.client(
            "s3",
            endpoint_url=url("s3"),
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster-local",  # noqa: S106  (moto accepts any)
            region_name="us-east-1",
        )
        cliente.create_bucket(Bucket=BUCKET)

    def arrancar_smtp(self) -> None:
        import mailbox

        mailbox.Maildir(CORREO, create=True)  # with its new/, cur/ and tmp/
        self._lanzar(
            "smtp",
            [
                PY,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"{HOST}:{PUERTOS['smtp']}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(CORREO),
            ],
        )
        import socket

        _esperar(lambda: socket.create_connection((HOST, PUERTOS["smtp"]), timeout=1).close() or True, "SMTP")

    def arrancar_app(self, nombre: str) -> None:
        self._lanzar(
            nombre,
            [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "redconsorcios.wsgi"],
            GUNICORN_BIND=f"{HOST}:{PUERTOS[nombre]}",
        )
        _esperar(lambda: responde(url(nombre) + "/salud/"), f"gunicorn {nombre}", 60)

    def arrancar_vivo(self, nombre: str) -> None:
        """The live channel's ASGI process: HAProxy sends /vivo/ there (deploy/haproxy.cfg)."""
        self._lanzar(
            nombre,
            [str(BIN / "uvicorn"), "redconsorcios.asgi:application", "--host", HOST, "--port", str(PUERTOS[nombre])],
        )
        _esperar(lambda: responde(url(nombre) + "/vivo/", esperado=403), f"uvicorn {nombre}", 60)

    def arrancar_worker(self, nombre: str) -> None:
        self._lanzar(nombre, [PY, "manage.py", "db_worker", "--worker-id", nombre, "--interval", "0.5"])

    def arrancar_haproxy(self) -> None:
        self._lanzar("haproxy", [shutil.which("haproxy") or "/usr/sbin/haproxy", "-db", "-f", "deploy/haproxy.cfg"])
        _esperar(lambda: responde(url("haproxy") + "/salud/"), "HAProxy")

    def manage(self, *args: str) -> None:
        subprocess.run([PY, "manage.py", *args], cwd=RAIZ, env=self.entorno, check=True)

    # --- the whole ---------------------------------------------------------------------

    def arrancar(self, *, nuevo: bool = False) -> None:
        if nuevo:
            self.borrar()
        print("PostgreSQL primario y réplica…", flush=True)
        base_nueva = self.arrancar_primario()
        self.arrancar_replica()
        print("Redis, S3 (moto), SMTP…", flush=True)
        self.arrancar_redis()
        self.arrancar_s3()
        self.arrancar_smtp()
        if base_nueva or nuevo:
            print("Migraciones y datos de demostración (una vez)…", flush=True)
            self.manage("migrate", "--noinput", "-v0")
            self.manage("cargar_demo", "--si-vacia")
        self.manage("collectstatic", "--noinput", "-v0")
        print("Dos servidores de aplicación, dos workers, HAProxy…", flush=True)
        for app in APPS:
            self.arrancar_app(app)
        for worker in WORKERS:
            self.arrancar_worker(worker)
        self.arrancar_vivo("vivo1")
        self.arrancar_haproxy()

    def parar(self) -> None:
        for nombre in ["haproxy", *APPS, *WORKERS, "vivo1", "smtp", "s3", "redis"]:
            self.matar(nombre, signal.SIGTERM)
        for nombre in list(self.procesos):
            self.matar(nombre, signal.SIGTERM)
        self.parar_pg("restaurado")
        self.parar_pg("replica")
        self.parar_pg("primario")

    def borrar(self) -> None:
        """Start from nothing: the databases, the bucket (moto keeps it in memory) and the mail."""
        self.parar_pg("restaurado")
        self.parar_pg("replica")
        self.parar_pg("primario")
        shutil.rmtree(self.dir_pg, ignore_errors=True)
        shutil.rmtree(CORREO, ignore_errors=True)


# What var/cluster/env shows (the rest of the process environment is the caller's own).
_ENV_PUBLICO = {
    "DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_HSTS_SECONDS",
    "SITE_URL", "TRUSTED_PROXY_COUNT", "MAP_TILES_URL", "DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION",
    "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "WEB_CONCURRENCY",
}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--nuevo", action="store_true", help="borra las bases y el correo del cluster y empieza de cero"
    )
    opciones = parser.parse_args()

    def detener(_senal, _marco):
        raise KeyboardInterrupt

    # Ctrl-C, and a TERM from a process manager, stop everything the same way (SIGINT is installed
    # explicitly: a shell that starts us in the background ignores it otherwise).
    signal.signal(signal.SIGINT, detener)
    signal.signal(signal.SIGTERM, detener)
    cluster = Cluster()
    try:
        cluster.arrancar(nuevo=opciones.nuevo)
        print(
            f"\n  Portal (HAProxy): {url('haproxy')}/\n"
            f"  Servidores: {url('app1')}/  {url('app2')}/   Estadísticas de HAProxy: {url('estadisticas')}/\n"
            f"  Entorno: {DIR / 'env'}   Registros: {LOGS}/   Correo enviado: {CORREO}/\n"
            "  Ctrl-C lo detiene todo.\n",
            flush=True,
        )
        while True:
            for nombre, proceso in list(cluster.procesos.items()):
                if proceso.poll() is not None:
                    print(f"AVISO: {nombre} terminó (código {proceso.returncode}); ver {LOGS / (nombre + '.log')}")
                    cluster.procesos.pop(nombre)
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nDeteniendo…", flush=True)
    finally:
        cluster.parar()
    return 0


if __name__ == "__main__":
    sys.exit(main())
