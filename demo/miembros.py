"""Demo data of the members app: the institutions named in the founding report,
a staff account for the admin and a few members. Idempotent."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from miembros.models import Institucion, Perfil

STAFF_EMAIL = "admin@redconsorcios.org"
STAFF_PASSWORD = "demo-onudi-2012"
MIEMBRO_PASSWORD = "demo-miembro-2012"

INSTITUCIONES = [
    (
        "Organización de las Naciones Unidas para el Desarrollo Industrial",
        "ONUDI",
        "organismo",
        "",
        "https://www.unido.org",
    ),
    ("Sistema Económico Latinoamericano y del Caribe", "SELA", "organismo", "VE", "https://www.sela.org"),
    ("Federación Italiana de Consorcios de Exportación", "Federexport", "camara", "IT", ""),
    ("Ministerio de Industrias y Productividad", "MIPRO", "publica", "EC", ""),
    (
        "Instituto de Promoción de Exportaciones e Inversiones",
        "ProEcuador",
        "publica",
        "EC",
        "https://www.proecuador.gob.ec",
    ),
    ("Instituto Ecuatoriano de la Propiedad Intelectual", "IEPI", "publica", "EC", ""),
    ("Instituto Nacional de Tecnología Agropecuaria", "INTA", "publica", "AR", "https://www.argentina.gob.ar/inta"),
    ("Instituto de Investigación de Agricultura Orgánica", "FIBL", "universidad", "CH", "https://www.fibl.org"),
    (
        "Instituto Nacional de Defensa de la Competencia y de la Protección de la Propiedad Intelectual",
        "INDECOPI",
        "publica",
        "PE",
        "https://www.indecopi.gob.pe",
    ),
    ("Programa de Desarrollo Productivo Agrario Rural", "Agrorural", "publica", "PE", ""),
    ("Consorcio de Exportadores de Costa Rica", "Conexport", "camara", "CR", ""),
    ("Dirección Nacional de Artesanías, Pequeñas y Medianas Empresas", "DINAPYME", "publica", "UY", ""),
    ("Università degli Studi di Firenze", "UNIFI", "universidad", "IT", "https://www.unifi.it"),
    ("Cooperación Italiana al Desarrollo", "", "publica", "IT", ""),
    ("Fundación Exportar", "", "publica", "AR", ""),
]

MIEMBROS = [
    ("promotora@redconsorcios.org", "María Fernanda Andrade", Perfil.Rol.PROMOTOR, "MIPRO", "EC", "es"),
    ("investigador@redconsorcios.org", "Jorge Quispe", Perfil.Rol.INVESTIGADOR, "INDECOPI", "PE", "es"),
    ("consultora@redconsorcios.org", "Ana Paula Souza", Perfil.Rol.INSTITUCION, "ONUDI", "BR", "pt"),
]


def _usuario(email: str, password: str, **extra):
    User = get_user_model()
    usuario, creado = User.objects.get_or_create(username=email, defaults={"email": email, **extra})
    if creado:
        usuario.set_password(password)
        usuario.save()
    EmailAddress.objects.get_or_create(user=usuario, email=email, defaults={"verified": True, "primary": True})
    return usuario


def cargar(stdout) -> None:
    por_sigla = {}
    for nombre, sigla, tipo, pais, web in INSTITUCIONES:
        institucion, _ = Institucion.objects.update_or_create(
            nombre=nombre, defaults={"sigla": sigla, "tipo": tipo, "pais": pais, "sitio_web": web}
        )
        por_sigla[sigla or nombre] = institucion

    staff = _usuario(STAFF_EMAIL, STAFF_PASSWORD, is_staff=True, is_superuser=True, first_name="Equipo ONUDI")
    Perfil.objects.filter(usuario=staff).update(
        nombre="Equipo ONUDI", rol=Perfil.Rol.INSTITUCION, institucion=por_sigla["ONUDI"]
    )
    for email, nombre, rol, sigla, pais, idioma in MIEMBROS:
        usuario = _usuario(email, MIEMBRO_PASSWORD)
        Perfil.objects.filter(usuario=usuario).update(
            nombre=nombre, rol=rol, institucion=por_sigla[sigla], pais=pais, idioma=idioma
        )
    stdout.write(f"  miembros: {len(INSTITUCIONES)} instituciones, 1 cuenta de staff, {len(MIEMBROS)} miembros")
