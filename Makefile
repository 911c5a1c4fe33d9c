# Red Latinoamericana de Consorcios — the two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python

# The first Python >= 3.12 found (pyenv picks 3.13 through .python-version).
PYTHON_FOUND := $(shell for p in python3.13 python3.12 python3.14 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: help run test lint format setup setup-dev chromium messages stop clean bench audit backup restore screens cluster cluster-paquetes cluster-test

help:
	@echo "make run    — prepara todo y sirve el portal en http://127.0.0.1:$(PORT)/ con datos de demostración"
	@echo "make test   — prepara todo y corre ruff y toda la batería de pruebas"
	@echo "make stop   — detiene el PostgreSQL embebido"
	@echo "make bench  — benchmark en modo producción con gunicorn y wrk (SCALE=large para el grande)"
	@echo "make audit  — Lighthouse (npm, en var/lighthouse) sobre el portal en modo producción; tabla en bench/results/audit.md"
	@echo "make messages — extrae los textos a traducir (necesita gettext)"
	@echo "make screens — capturas de las páginas principales a 360 y 1280 px en docs/screens/"
	@echo "make backup — respaldo de la base en var/respaldos/; make restore FILE=… DB=… lo restaura en una base nueva"
	@echo "make cluster — la topología de varios servidores en 127.0.0.1 (HAProxy, 2 gunicorn, 2 workers, réplica, Redis, S3); make cluster-test — sus simulacros de fallos"

$(VENV)/.runtime: requirements.txt
	@if [ -z "$(PYTHON_FOUND)" ]; then \
		echo "ERROR: se necesita Python 3.12 o más nuevo (Django 6.1 no funciona con versiones anteriores)."; \
		echo "       Instálalo (p. ej. 'pyenv install 3.13.0') y vuelve a ejecutar make."; exit 1; fi
	@test -x $(PY) || $(PYTHON_FOUND) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime
	$(PY) manage.py compilar_mensajes

setup-dev: $(VENV)/.dev setup

# Debian's Chromium for the browser tests (never `playwright install`).
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Instalando Chromium desde los paquetes de Debian…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "AVISO: sin /usr/bin/chromium las pruebas de navegador se omiten (sudo apt-get install chromium)."; fi

# Links in e-mails, feeds and hreflang follow the served address unless SITE_URL is set.
# The live channel of conversations runs beside it: uvicorn on PORT+1 (VIVO_URL points the pages there).
run: setup
	@export SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}"; \
	VIVO_PUERTO=$$(( $(PORT) + 1 )); export VIVO_URL="$${VIVO_URL:-http://127.0.0.1:$$VIVO_PUERTO/vivo/}"; \
	$(PY) -m redconsorcios.pg start >/dev/null; \
	VIVO_PID=; trap '[ -n "$$VIVO_PID" ] && kill $$VIVO_PID 2>/dev/null; $(PY) -m redconsorcios.pg stop' EXIT; \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py cargar_demo --si-vacia && \
	echo "" && echo "  Portal: http://127.0.0.1:$(PORT)/   (pt: /pt/, en: /en/)" && \
	echo "  Administración: http://127.0.0.1:$(PORT)/admin/  usuario admin@redconsorcios.org  contraseña demo-onudi-2012" && \
	echo "  Canal en vivo de las conversaciones: $$VIVO_URL" && \
	{ $(VENV)/bin/uvicorn redconsorcios.asgi:application --host 127.0.0.1 --port $$VIVO_PUERTO --log-level warning & VIVO_PID=$$!; } && \
	echo "" && $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: setup-dev chromium lint
	$(VENV)/bin/pytest

# The project's catalogue is locale/; apps that have their own locale/ own their messages.
APPS_CON_LOCALE := $(patsubst %/locale,%,$(wildcard */locale))
messages: $(VENV)/.dev
	$(PY) manage.py makemessages -l es -l pt -l en --no-location --ignore=.venv --ignore=var --ignore=tests \
		$(foreach app,$(APPS_CON_LOCALE),--ignore=$(app))
	@for app in $(APPS_CON_LOCALE); do (cd $$app && ../$(VENV)/bin/django-admin makemessages -l es -l pt -l en --no-location); done
	$(PY) manage.py compilar_mensajes

# Benchmark: production mode under gunicorn, loaded by wrk (SCALE=large for the big data set).
bench: setup
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || { echo "Falta wrk: sudo apt-get install wrk"; exit 1; }
	@$(PY) -m redconsorcios.pg start >/dev/null; trap '$(PY) -m redconsorcios.pg stop' EXIT; \
	SCALE=$(or $(SCALE),default) $(PY) bench/run.py

# Lighthouse against a production-mode server with demo data (never part of `make test`).
audit: setup chromium
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } || { echo "Falta npm: sudo apt-get install npm"; exit 1; }
	@$(PY) -m redconsorcios.pg start >/dev/null; trap '$(PY) -m redconsorcios.pg stop' EXIT; \
	$(PY) bench/audit.py

# Backups with PostgreSQL's own tools (DATABASE_URL's server when set, else the embedded one).
backup: setup
	@test -n "$$DATABASE_URL" || $(PY) -m redconsorcios.pg start >/dev/null
	$(PY) -m redconsorcios.pg backup var/respaldos/redconsorcios-$$(date +%Y%m%dT%H%M%S).dump

restore: setup
	@test -n "$(FILE)" -a -n "$(DB)" || { echo "uso: make restore FILE=var/respaldos/….dump DB=nombre_nuevo"; exit 2; }
	@test -n "$$DATABASE_URL" || $(PY) -m redconsorcios.pg start >/dev/null
	$(PY) -m redconsorcios.pg restore $(FILE) $(DB)

# Screenshots of the main pages at 360 and 1280 px into docs/screens/ (production mode, demo data).
screens: setup-dev chromium
	@$(PY) -m redconsorcios.pg start >/dev/null; trap '$(PY) -m redconsorcios.pg stop' EXIT; \
	$(PY) bench/capturas.py

stop:
	@test -x $(PY) && $(PY) -m redconsorcios.pg stop || true

clean: stop
	rm -rf var $(VENV)

# Debian's HAProxy and Redis for the multi-server topology (like `chromium` above).
cluster-paquetes:
	@for p in haproxy redis-server; do command -v $$p >/dev/null || [ -x /usr/sbin/$$p ] || faltan="$$faltan $$p"; done; \
	if [ -z "$$faltan" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Instalando$$faltan desde los paquetes de Debian…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$faltan >/dev/null; \
	else echo "Faltan$$faltan: sudo apt-get install$$faltan"; exit 1; fi

# The topology of README "Running beyond one machine" on loopback (HAProxy, two gunicorn, two
# db_worker, PostgreSQL primary + replica, Redis, S3 through moto, an SMTP sink); Ctrl-C stops it.
cluster: setup-dev cluster-paquetes
	$(PY) scripts/cluster.py $(if $(NUEVO),--nuevo)

# The fault drills against a fresh cluster of their own; numbers in bench/results/cluster.md.
cluster-test: setup-dev cluster-paquetes
	$(PY) scripts/cluster_drills.py $(DRILLS)
