from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data (``manage.py cargar_demo``), synthetic benchmark data (``manage.py generar_datos``)
    and the benchmark's page list (``manage.py paginas_bench``). It may use every domain app; no
    app uses it (tests/portal/test_arquitectura.py checks both)."""

    name = "demo"
