"""Settings of the Red Latinoamericana de Consorcios portal.

Every value that differs between machines comes from an environment variable,
read through the small typed helpers below, which fail loudly on nonsense.
Development defaults run out of the box; production values come only from the
environment (see README, "Configuración").
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"La variable de entorno {name} es obligatoria.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on", "si", "sí"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} debe ser un booleano (1/0, true/false), no {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} debe ser un entero, no {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)
if DEBUG:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", "solo-para-desarrollo-" + "x" * 40)
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("solo-para-desarrollo"):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY debe ser una clave aleatoria de 50+ caracteres.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS es obligatoria en producción.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
for origin in CSRF_TRUSTED_ORIGINS:
    if urlparse(origin).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(f"DJANGO_CSRF_TRUSTED_ORIGINS: {origin!r} debe empezar por https://")

# Absolute links in e-mails and feeds, e.g. https://consorcios.example.org
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, as its documentation asks: staff content in es, pt and en (*/translation.py).
    "modeltranslation",
    "redconsorcios.sitio_admin.AdminConfig",  # Django's admin: explicit registration (see urls.py), our home page
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",  # staff's second factor: TOTP and recovery codes (README, "Security")
    "django_countries",
    "django_filters",
    "leaflet",
    "django_tasks_db",
    # The JSON API (api/) runs on Django REST framework, which is deliberately not an installed app:
    # its catalogues would take precedence over Django's own messages in every form of the portal
    # (its Spanish "El archivo enviado está vació."). The API words its messages itself (api/errores.py).
    "drf_spectacular",  # the API's OpenAPI 3.1 document
    # Ours, in dependency order: later apps may import earlier ones, never the reverse
    # (README, "Architecture"; tests/portal/test_arquitectura.py checks it).
    "comun",
    "redconsorcios",
    "miembros",
    "consorcios",
    "biblioteca",
    "oai",  # OAI-PMH for the library
    "foros",
    "red",  # the network: member institutions, joining, administrators and promoters
    "conversaciones",  # private conversations between members, with their live channel (/vivo/)
    "oportunidades",  # cooperation opportunities that consortia and institutions publish
    "afinidades",  # matchmaking: which consortia and opportunities complement each other, in PostgreSQL
    "boletin",
    "seguimientos",  # follows, "Mi red", the private feed and the digest: reads the content apps, nothing reads it
    "datos",  # open data: the "Datos abiertos" page, DCAT-AP, the nightly dumps
    "api",  # the read-only JSON API (/api/v1/): reads the content apps, nothing reads it
    "demo",
]

MIDDLEWARE = [
    # ETag on every GET answer and 304 when it matches, kept pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous pages of the views marked @en_cache (comun/cache.py): a hit answers here, before
    # the session, authentication or any view runs. What is below it is stored with the page:
    # compressed, with its security headers.
    "comun.cache.PaginasAnonimasMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff without a second factor are sent to set one up before the admin opens (MFA_OBLIGATORIO_STAFF).
    "miembros.middleware.MfaObligatorioStaffMiddleware",
]

ROOT_URLCONF = "redconsorcios.urls"
WSGI_APPLICATION = "redconsorcios.wsgi.application"
ASGI_APPLICATION = "redconsorcios.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "comun.context_processors.cache",
                "redconsorcios.context_processors.portal",
                "conversaciones.context_processors.conversaciones",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# DATABASE_URL selects an existing server (postgres://user:pass@host:5432/name);
# without it the portal uses its embedded cluster in var/ (redconsorcios/pg.py).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DB_POOL = env_bool("DJANGO_DB_POOL", True)
if DATABASE_URL:
    import dj_database_url

    if urlparse(DATABASE_URL).scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured("DATABASE_URL debe apuntar a PostgreSQL (postgres://…).")
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
else:
    from redconsorcios import pg

    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": pg.DBNAME,
            "USER": pg.SUPERUSER,
            "HOST": str(pg.socket_dir()),
            "PORT": str(pg.PORT),
        }
    }
DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 2, "max_size": 20, "timeout": 10}} if DB_POOL else {}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections; Django must not
# A hot-standby replica for the reads of GET requests (redconsorcios/routers.py: read-your-writes, and
# the primary whenever the replica lags or fails). Unset: one database, no router.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_STICKY_SECONDS = env_int("DATABASE_REPLICA_STICKY_SECONDS", 10)
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 5)
DATABASE_REPLICA_PROBE_SECONDS = env_int("DATABASE_REPLICA_PROBE_SECONDS", 2)
if DATABASE_REPLICA_URL:
    import dj_database_url

    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL) | {
        # Persistent connections checked before each request: a restarted replica is reconnected to.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": 2},
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["redconsorcios.routers.RouterReplica"]
    # First: every query of the request, middleware included, knows whether it may use the replica.
    MIDDLEWARE.insert(0, "redconsorcios.routers.LecturasMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ----------------------------------------------------------
# Three caches (comun/cache.py has the design in one page):
# - "default", shared by every worker: the sections' generations, the rate limits (sign-in,
#   posting) and, with Redis, the sessions. Redis across machines; on one machine in
#   production, files (gunicorn's workers are separate processes and must see one generation);
#   local memory in development and tests (one process).
# - "paginas" and "template_fragments" ({% cache %} uses it by that name), the memory of each
#   worker: whole anonymous pages, and fragments and derived values, under keys that carry the
#   shared generations, so no worker serves what a write made stale. A hit is a dictionary
#   lookup; each worker makes a page once per generation.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_DIR = env_str("CACHE_DIR", "" if DEBUG else str(BASE_DIR / "var" / "cache"))
# "default" holds only what must never be dropped to make room: the generations and the rate limits
# (allauth's and the forums' read `django.core.cache.cache`, that is this alias). Nothing that can fill
# a cache goes here (pages and fragments have their own aliases), and its backends do not cull live
# entries: Redis evicts nothing under `maxmemory-policy noeviction` (README, "Security"), the file cache
# drops only expired files, and local memory has no practical cap.
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Read from Redis, written through to the database: a Redis restart or eviction logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "redconsorcios.cache_archivos.CacheArchivosSinPoda",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000_000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES["paginas"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "paginas",
    "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_PAGINAS_MAXIMO", 1000)},
}
# Whole pages for anonymous visitors; 0 turns them off.
CACHE_PAGINAS_SEGUNDOS = env_int("CACHE_PAGINAS_SEGUNDOS", 600)
# Fragments and derived values; 0 turns them off (the benchmark's cold pass).
CACHE_FRAGMENTOS_SEGUNDOS = env_int("CACHE_FRAGMENTOS_SEGUNDOS", 3600)
CACHES["template_fragments"] = (
    {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragmentos",
        "TIMEOUT": CACHE_FRAGMENTOS_SEGUNDOS,
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_FRAGMENTOS_MAXIMO", 5000)},
    }
    if CACHE_FRAGMENTOS_SEGUNDOS
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
)
# `make bench` adds a hello-world view (/hola/) to measure the framework's floor.
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", False)
MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

# --- Accounts (django-allauth) ------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The display name other members see (miembros.forms.AltaForm), so that no two look alike.
ACCOUNT_SIGNUP_FORM_CLASS = "miembros.forms.AltaForm"
# The site's name in the subject of allauth's e-mails, not the host that served the request.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Red de Consorcios] "
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a GET never writes
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# allauth's e-mails go through the task queue after commit, like the portal's own (miembros/cuentas.py);
# sign-up does the same work whether the address has an account or not.
ACCOUNT_ADAPTER = "miembros.cuentas.CuentaAdapter"
ACCOUNT_FORMS = {"signup": "miembros.cuentas.RegistroForm"}
# Sign-up and password reset answer alike for known and unknown addresses (the owner is e-mailed).
ACCOUNT_PREVENT_ENUMERATION = True
# A member whose password is being guessed (and so is refused for a while) still gets in with a
# one-time code sent to their address.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# The client's address that the rate limits count: REMOTE_ADDR, unless the portal runs behind N
# proxies that each append to X-Forwarded-For; then the Nth address from the right (the one the
# outermost trusted proxy saw). Anything further left was written by the client and is ignored.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Failed logins, counted apart by address and by account (allauth's "ip" and "key"): one address
# may try 5 passwords a minute and 20 an hour; one account takes 30 wrong passwords an hour from all
# addresses together. An attacker's address runs out long before the account does, so the owner
# signs in from their own address; if many addresses exhaust the account, the owner signs in by code.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "5/m/ip,20/h/ip,30/h/key"),
    "signup": env_str("RATE_LIMIT_SIGNUP", "20/h/ip"),
    "reset_password": "20/m/ip,5/m/key",
    "request_login_code": "20/h/ip,3/5m/key",
}
# The portal's own abuse limits go through the same limiter (same cache, same client address):
# "ip" counts per client address, "user" per member, "key" per e-mail address.
ACCOUNT_RATE_LIMITS |= {
    "boletin_suscripcion": env_str("RATE_LIMIT_BOLETIN", "10/h/ip"),
    # Confirmation e-mails to one address: the rest are dropped silently (the answer never changes).
    "boletin_confirmacion": env_str("RATE_LIMIT_BOLETIN_CORREO", "3/h/key"),
    "consorcio_registro": env_str("RATE_LIMIT_REGISTRO", "10/h/user"),
    "documento_subida": env_str("RATE_LIMIT_SUBIDA", "20/h/user"),
    # Follow and unfollow clicks: far above a person's pace, well below a script toggling in a loop.
    "seguimiento": env_str("RATE_LIMIT_SEGUIMIENTO", "120/h/user"),
    # Cooperation opportunities a member sends for review, and "Me interesa" clicks (each may e-mail people).
    "oportunidad_publicacion": env_str("RATE_LIMIT_OPORTUNIDADES", "10/h/user"),
    "oportunidad_interes": env_str("RATE_LIMIT_INTERES", "30/h/user"),
    # "Descargar mis datos" builds a ZIP of everything in a task: a few a day per member is plenty.
    "mis_datos": env_str("RATE_LIMIT_MIS_DATOS", "5/d/user"),
    # "Eliminar mi cuenta" checks the password: no guessing it from a session left open.
    "baja_cuenta": "5/h/user",
}
# Staff's second factor: an authenticator app (TOTP) and recovery codes, set up from the profile.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Red de Consorcios"
# Staff without a second factor cannot open the admin (they are sent to set one up). On by default
# in production; off in development so `make run`'s demo login opens the admin at once.
MFA_OBLIGATORIO_STAFF = env_bool("MFA_OBLIGATORIO_STAFF", not DEBUG)
# A responsable invites a colleague to co-edit a consortium by e-mail; the link expires after this many days.
CONSORCIOS_INVITACION_DIAS = env_int("CONSORCIOS_INVITACION_DIAS", 7)
# "Datos verificados el …": responsables are reminded to confirm a record this many days after its last
# verification (about 12 months); past the second period (about 18 months) its page warns it may be out of date.
CONSORCIOS_VERIFICACION_RECORDATORIO_DIAS = env_int("CONSORCIOS_VERIFICACION_RECORDATORIO_DIAS", 365)
CONSORCIOS_VERIFICACION_CADUCA_DIAS = env_int("CONSORCIOS_VERIFICACION_CADUCA_DIAS", 548)
# A member's data export ("Descargar mis datos"): its link works, and its file is kept, this many days.
EXPORTACION_DIAS = env_int("EXPORTACION_DIAS", 7)
# Retention (README "Personal data"; the privacy page lists them; `manage.py retencion` applies them daily):
# a deleted account is deactivated at once and erased after this many days (logging in restores it);
BAJA_GRACIA_DIAS = env_int("BAJA_GRACIA_DIAS", 14)
# accounts whose address was never confirmed, and boletín sign-ups never confirmed, go after this many;
RETENCION_SIN_CONFIRMAR_DIAS = env_int("RETENCION_SIN_CONFIRMAR_DIAS", 30)
# the record of which boletín went to which address is kept this many days.
RETENCION_ENTREGAS_BOLETIN_DIAS = env_int("RETENCION_ENTREGAS_BOLETIN_DIAS", 365)
LOGIN_REDIRECT_URL = "miembros:perfil"
LOGIN_URL = "account_login"
ACCOUNT_LOGOUT_REDIRECT_URL = "portada"

# --- E-mail ---------------------------------------------------------------------
# Development writes each message to var/correo/; production sends through SMTP.
_email_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
if _email_backend.endswith("filebased.EmailBackend"):
    _email_options: dict = {"file_path": str(BASE_DIR / "var" / "correo")}
elif _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 587),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", True),
        "timeout": 20,
    }
else:
    _email_options = {}
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Red de Consorcios <no-responder@redconsorcios.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Staff who receive review requests; admins of the site receive errors.
ADMINS = [tuple(a.split(":", 1)) if ":" in a else ("", a) for a in env_list("DJANGO_ADMINS")]

# --- Background tasks -------------------------------------------------------------
# Production: database-backed queue processed by `manage.py db_worker`.
# Development and tests: run at once, in-process.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Español")), ("pt", _("Português")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "var" / "locale"]
TIME_ZONE = "America/Guayaquil"
USE_I18N = True
USE_TZ = True
# What staff write (forums, news, events, library themes) has a column per language
# (django-modeltranslation, */translation.py); a page shows its URL's language, or Spanish when
# that translation is empty. Objects made in code with the plain field name (`Foro(nombre=…)`)
# also fill the Spanish column, whatever language is active.
MODELTRANSLATION_DEFAULT_LANGUAGE = "es"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("es",)
MODELTRANSLATION_AUTO_POPULATE = "default"
# Slugs are made from the Spanish title in the admin, whatever the admin's language.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "es"

# --- Static and media files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage"}
        if AWS_STORAGE_BUCKET_NAME
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = False
# Development and tests serve files straight from static/ (no collectstatic needed).
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 25 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Logos and covers: a 4000 × 4000 photo passes; a decompression bomb does not.
IMAGEN_MAX_PIXELES = env_int("IMAGEN_MAX_PIXELES", 16_000_000)

# --- Map (django-leaflet) -------------------------------------------------------------
MAP_TILES_URL = env_str("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env_str("MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (-5.0, -65.0),
    "DEFAULT_ZOOM": 3,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 18,
    "TILES": [(_("Mapa"), MAP_TILES_URL, {"attribution": MAP_TILES_ATTRIBUTION})] if MAP_TILES_URL else [],
    "RESET_VIEW": False,
}

# --- Security -------------------------------------------------------------------------
_tile_host = f"{urlparse(MAP_TILES_URL).scheme}://{urlparse(MAP_TILES_URL).hostname}" if MAP_TILES_URL else None
_vivo = urlparse(env_str("VIVO_URL", "/vivo/"))
_vivo_origen = f"{_vivo.scheme}://{_vivo.netloc}" if _vivo.scheme and _vivo.netloc else None
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *([_tile_host.replace("{s}", "*")] if _tile_host else [])],
    "font-src": [CSP.SELF],
    # The live channel may be on another origin (VIVO_URL, e.g. `make run`'s second port).
    "connect-src": [CSP.SELF, *([_vivo_origen] if _vivo_origen else [])],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"  # tile servers need the origin
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO" if not DEBUG else "WARNING")},
}

# --- Forums -------------------------------------------------------------------------
# Authors may edit a post for this many minutes after posting.
FOROS_VENTANA_EDICION_MINUTOS = env_int("FOROS_VENTANA_EDICION_MINUTOS", 30)
# Records per OAI-PMH page; the rest follow through resumption tokens.
OAI_REGISTROS_POR_PAGINA = env_int("OAI_REGISTROS_POR_PAGINA", 100)
FOROS_MENSAJES_POR_PAGINA = env_int("FOROS_MENSAJES_POR_PAGINA", 20)
FOROS_TEMAS_POR_PAGINA = env_int("FOROS_TEMAS_POR_PAGINA", 25)

# Follows ("Mi red"): the most things one member may follow. "Mi red" costs the same whatever the
# number, but a cap keeps each source's IN lists and the digest's work per member bounded.
SEGUIMIENTOS_MAXIMO = env_int("SEGUIMIENTOS_MAXIMO", 500)
# Anti-abuse: accounts younger than FOROS_CUENTA_NUEVA_DIAS have tighter limits.
FOROS_CUENTA_NUEVA_DIAS = env_int("FOROS_CUENTA_NUEVA_DIAS", 7)
FOROS_MENSAJES_POR_HORA_CUENTA_NUEVA = env_int("FOROS_MENSAJES_POR_HORA_CUENTA_NUEVA", 5)
FOROS_MENSAJES_POR_HORA = env_int("FOROS_MENSAJES_POR_HORA", 30)
FOROS_ENLACES_MAX_CUENTA_NUEVA = env_int("FOROS_ENLACES_MAX_CUENTA_NUEVA", 2)
# Previews render Markdown as posts do, so they are counted too (issue 23).
FOROS_VISTAS_PREVIAS_POR_HORA = env_int("FOROS_VISTAS_PREVIAS_POR_HORA", 60)

# --- Conversations (conversaciones/) -----------------------------------------------------
# A group conversation holds at most this many members, its initiator included.
CONVERSACIONES_MAX_PARTICIPANTES = env_int("CONVERSACIONES_MAX_PARTICIPANTES", 20)
# Messages a member may write per hour (fewer for accounts younger than FOROS_CUENTA_NUEVA_DIAS),
# and links a new account may put in one message: the forums' anti-abuse, with its own numbers.
CONVERSACIONES_MENSAJES_POR_HORA = env_int("CONVERSACIONES_MENSAJES_POR_HORA", 60)
CONVERSACIONES_MENSAJES_POR_HORA_CUENTA_NUEVA = env_int("CONVERSACIONES_MENSAJES_POR_HORA_CUENTA_NUEVA", 15)
CONVERSACIONES_ENLACES_MAX_CUENTA_NUEVA = env_int("CONVERSACIONES_ENLACES_MAX_CUENTA_NUEVA", 2)
# Messages a conversation's page shows at once; older ones behind "Mensajes anteriores".
CONVERSACIONES_MENSAJES_POR_PAGINA = env_int("CONVERSACIONES_MENSAJES_POR_PAGINA", 30)
# Minutes a message stays unread before its participants are e-mailed (manage.py avisar_conversaciones).
CONVERSACIONES_AVISO_MINUTOS = env_int("CONVERSACIONES_AVISO_MINUTOS", 10)
# The live channel (README "Conversations"): the address pages open their event stream at. Same origin
# by default (HAProxy sends /vivo/ to the live process); `make run` points it at the live process's port.
# Empty: no live channel (pages then update on reload).
VIVO_URL = env_str("VIVO_URL", "/vivo/")
# How long the signed token in a page's stream address stays valid (seconds).
VIVO_TOKEN_SEGUNDOS = env_int("VIVO_TOKEN_SEGUNDOS", 4 * 3600)
# Seconds between the heartbeat comments that keep proxies from closing an idle stream.
VIVO_LATIDO_SEGUNDOS = env_int("VIVO_LATIDO_SEGUNDOS", 20)

# --- JSON API (api/) -------------------------------------------------------------------------
# Requests per client and period ("60/min", "1000/h", "10/s", "5000/d"): anonymous clients are
# counted by address (the same address as the other limits: TRUSTED_PROXY_COUNT), clients with a
# member's key by key. Counted in the "default" cache, with the other rate limits.
_TASA = re.compile(r"^\d+/(s|sec|m|min|h|hour|d|day)$")


def env_tasa(name: str, default: str) -> str:
    value = env_str(name, default)
    if not _TASA.match(value):
        raise ImproperlyConfigured(f"{name} debe ser una tasa como 60/min o 1000/h, no {value!r}.")
    return value


API_RATE_ANON = env_tasa("API_RATE_ANON", "60/min")
API_RATE_CLAVE = env_tasa("API_RATE_CLAVE", "600/min")
# Objects per page: the default, and the most a client may ask for with ?limite=.
API_POR_PAGINA = env_int("API_POR_PAGINA", 50)
API_POR_PAGINA_MAXIMO = env_int("API_POR_PAGINA_MAXIMO", 200)
REST_FRAMEWORK = {
    # Read-only and public: members' keys only raise the rate limit; no session, no CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.autenticacion.ClaveAPIAutenticacion"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.limites.LimitePorCliente"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_PAGINATION_CLASS": "api.paginacion.Cursor",
    "DEFAULT_SCHEMA_CLASS": "api.esquema.EsquemaAPI",
    "EXCEPTION_HANDLER": "api.errores.manejar_excepcion",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": False,
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "OAS_VERSION": "3.1.0",
    "TITLE": "API de la Red Latinoamericana de Consorcios",
    "DESCRIPTION": _(
        "Datos abiertos de la Red, de solo lectura: el registro de consorcios, las instituciones, la "
        "biblioteca, las noticias, los eventos y los temas de los foros. Lo mismo que muestran las "
        "páginas públicas, nunca datos personales. Licencia CC BY 4.0."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Its deploy check builds the schema, whose filter values come from the registry: it would need a
    # migrated database before `check --deploy` could pass. tests/api validates the schema instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "COMPONENT_SPLIT_REQUEST": False,
    # Several models have a "tipo": each enumeration named after its model.
    "ENUM_NAME_OVERRIDES": {
        "TipoConsorcio": "consorcios.models.Consorcio.Tipo",
        "TipoActividad": "consorcios.models.Actividad.Tipo",
        "TipoDocumento": "biblioteca.models.Documento.Tipo",
        "IdiomaDocumento": "biblioteca.models.Documento.Idioma",
        "TipoInstitucion": "miembros.models.Institucion.Tipo",
    },
    "DISABLE_ERRORS_AND_WARNINGS": False,
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVERS": [{"url": SITE_URL}],
}
