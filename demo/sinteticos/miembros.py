"""Synthetic members for the benchmark: a few hundred people and institutions; a quarter of the people
are promoters of an institution with a public profile (the promoters' list and profile pages)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from comun.cache import invalidar
from miembros.models import Consentimiento, Institucion, MiembroInstitucion, Perfil, texto_buscable
from miembros.services import VERSION_PERFIL_PUBLICO, texto_perfil_publico

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
    instituciones = list(Institucion.objects.filter(slug__startswith="institucion-sintetica-").order_by("pk"))
    # Every fourth person publishes a promoter profile; every second of those hides their country.
    promotores = {u.pk: u for u in usuarios[::4]}
    campos = {
        u.pk: [c for c in Perfil.CampoPublico.values if not (c == "pais" and n % 2)]
        for n, u in enumerate(usuarios[::4])
    }
    Perfil.objects.bulk_create(
        [
            Perfil(
                usuario=u,
                nombre=f"Persona {u.pk}",
                pais=PAISES[u.pk % 15],
                rol=Perfil.Rol.PROMOTOR if u.pk in promotores else Perfil.Rol.OTRO,
                institucion=instituciones[u.pk % len(instituciones)] if u.pk in promotores else None,
                especialidad="Consorcios de exportación y de origen" if u.pk in promotores else "",
                idiomas=["es", "pt"] if u.pk in promotores else [],
                campos_publicos=campos.get(u.pk, []),
            )
            for u in usuarios
        ],
        ignore_conflicts=True,
    )
    # Their links to their institution, and the consent each public profile rests on.
    MiembroInstitucion.objects.bulk_create(
        [
            MiembroInstitucion(institucion=instituciones[pk % len(instituciones)], usuario=u)
            for pk, u in promotores.items()
        ],
        ignore_conflicts=True,
    )
    Consentimiento.objects.bulk_create(
        [
            Consentimiento(
                usuario=u,
                tipo=Consentimiento.Tipo.PERFIL_PUBLICO,
                version=VERSION_PERFIL_PUBLICO,
                texto=texto_perfil_publico(campos[pk]),
                formulario="miembros:perfil",
            )
            for pk, u in promotores.items()
        ],
        ignore_conflicts=True,
    )
    invalidar("red")  # bulk inserts send no signal
    stdout.write(f"  miembros: {len(usuarios)} personas, {len(promotores)} con perfil público de promotor/a")
