"""Synthetic members for the benchmark: a few hundred people and institutions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from miembros.models import Institucion, Perfil, texto_buscable

TIPOS = list(Institucion.Tipo)
PAISES = ["AR", "BO", "BR", "CL", "CO", "CR", "EC", "GT", "MX", "NI", "PA", "PE", "PY", "UY", "VE"]


def generar(cantidades: dict, stdout) -> None:
    User = get_user_model()
    if User.objects.filter(username__startswith="sintetico-").exists():
        return
    Institucion.objects.bulk_create(
        [
            # bulk_create skips save(): the slug and the search text are given here.
            Institucion(
                nombre=f"Institución sintética {i}",
                slug=f"institucion-sintetica-{i}",
                busqueda=texto_buscable(f"Institución sintética {i}"),
                tipo=TIPOS[i % len(TIPOS)],
                pais=PAISES[i % 15],
            )
            for i in range(100)
        ],
        ignore_conflicts=True,
    )
    clave = make_password("bench-clave-2024")  # hashed once, not 500 times
    usuarios = User.objects.bulk_create(
        [User(username=f"sintetico-{i}", email=f"sintetico-{i}@example.org", password=clave) for i in range(500)]
    )
    Perfil.objects.bulk_create(
        [Perfil(usuario=u, nombre=f"Persona {u.pk}", pais=PAISES[u.pk % 15]) for u in usuarios],
        ignore_conflicts=True,
    )
    stdout.write(f"  miembros: {len(usuarios)} personas")
