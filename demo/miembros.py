"""Demo data of the members app: the institutions present in the founding report, as members of
the Red with their seat on the map, a staff account for the admin and a few members. Idempotent."""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from miembros.models import Institucion, MiembroInstitucion, Perfil
from miembros.services import publicar_perfil

STAFF_EMAIL = "admin@redconsorcios.org"
STAFF_PASSWORD = "demo-onudi-2012"
MIEMBRO_PASSWORD = "demo-miembro-2012"

# The institutions present in the founding report (seeds/: "Informe de relatoría" of the Seminario
# Latinoamericano de Consorcios de PYMES, Quito, 11-13 June 2012), all approved members of the Red.
# The report's text has no page numbers, so each comment cites its numbered paragraphs: "párr. 6"
# in its chapter II (the Forum and the Seminar), "concl. 13" in its chapter IV (Conclusions).
# City and point are each institution's seat, which the report does not give (city level).
M = Institucion.Tipo
INSTITUCIONES = [
    # párr. 2 (international bodies present), 12, 14-16, 21, 23; concl. 13-14 (leads the Red and its platform)
    {
        "nombre": "Organización de las Naciones Unidas para el Desarrollo Industrial",
        "sigla": "ONUDI",
        "tipo": M.ORGANISMO,
        "pais": "AT",
        "ciudad": "Viena",
        "punto": ("48.233000", "16.416000"),
        "sitio_web": "https://www.unido.org",
        "descripcion": "Su Programa de Consorcios de Exportación y de Origen para América Latina y el Caribe "
        "impulsa la Red y, con el SELA y Federexport, coordina su plataforma en línea (informe, concl. 13-14).",
    },
    # párr. 1 (the Seminar is an activity of its 2012 work programme), 13, 24, 38; concl. 13-14
    {
        "nombre": "Sistema Económico Latinoamericano y del Caribe",
        "sigla": "SELA",
        "tipo": M.ORGANISMO,
        "pais": "VE",
        "ciudad": "Caracas",
        "punto": ("10.480600", "-66.903600"),
        "sitio_web": "https://www.sela.org",
        "descripcion": "Organismo regional que respalda el programa de consorcios de la ONUDI y apoya la Red "
        "(informe, párr. 14 y concl. 13).",
    },
    # párr. 6 (the agreement with MIPRO), concl. 13-14 (ally of ONUDI in the Red)
    {
        "nombre": "Federación Italiana de Consorcios de Exportación",
        "sigla": "Federexport",
        "tipo": M.ASOCIACION,
        "pais": "IT",
        "ciudad": "Roma",
        "punto": ("41.902800", "12.496400"),
        "sitio_web": "",
        "descripcion": "Federación italiana de consorcios de exportación y de origen, aliada de la ONUDI y el SELA "
        "en la Red (informe, concl. 13).",
    },
    # párr. 2, 6 and 22: runs Ecuador's Programa Nacional de Consorcios with ProEcuador and ONUDI
    {
        "nombre": "Ministerio de Industrias y Productividad",
        "sigla": "MIPRO",
        "tipo": M.MINISTERIO,
        "pais": "EC",
        "ciudad": "Quito",
        "punto": ("-0.180653", "-78.467834"),
        "sitio_web": "",
        "descripcion": "Presentó el Programa Nacional de Consorcios de Exportación y de Origen del Ecuador, nacido "
        "de su articulación con ProEcuador y la ONUDI (informe, párr. 6).",
    },
    # párr. 2, 6 and 7 (export promotion institute attached to the Foreign Ministry)
    {
        "nombre": "Instituto de Promoción de Exportaciones e Inversiones",
        "sigla": "ProEcuador",
        "tipo": M.AGENCIA,
        "pais": "EC",
        "ciudad": "Guayaquil",
        "punto": ("-2.170998", "-79.922359"),
        "sitio_web": "https://www.proecuador.gob.ec",
        "descripcion": "Instituto adscrito a la Cancillería, responsable de la política de promoción de "
        "exportaciones del Ecuador (informe, párr. 7).",
    },
    # párr. 20: intellectual property and designations of origin
    {
        "nombre": "Instituto Ecuatoriano de la Propiedad Intelectual",
        "sigla": "IEPI",
        "tipo": M.MINISTERIO,
        "pais": "EC",
        "ciudad": "Quito",
        "punto": ("-0.176000", "-78.480000"),
        "sitio_web": "",
        "descripcion": "",
    },
    # párr. 18 and 30: designations of origin in Argentina
    {
        "nombre": "Instituto Nacional de Tecnología Agropecuaria",
        "sigla": "INTA",
        "tipo": M.MINISTERIO,
        "pais": "AR",
        "ciudad": "Buenos Aires",
        "punto": ("-34.603700", "-58.381600"),
        "sitio_web": "https://www.argentina.gob.ar/inta",
        "descripcion": "",
    },
    # párr. 19 and 32: presented the Gruyère case as an example; it does not promote consortia of the Red
    {
        "nombre": "Instituto de Investigación de Agricultura Orgánica",
        "sigla": "FIBL",
        "tipo": M.UNIVERSIDAD,
        "pais": "CH",
        "ciudad": "Frick",
        "punto": ("47.506900", "8.019700"),
        "sitio_web": "https://www.fibl.org",
        "descripcion": "",
    },
    # párr. 27: with Agrorural and ONUDI, collective marks as a tool of rural development
    {
        "nombre": "Instituto Nacional de Defensa de la Competencia y de la Protección de la Propiedad Intelectual",
        "sigla": "INDECOPI",
        "tipo": M.MINISTERIO,
        "pais": "PE",
        "ciudad": "Lima",
        "punto": ("-12.087000", "-77.003000"),
        "sitio_web": "https://www.indecopi.gob.pe",
        "descripcion": "",
    },
    # párr. 27: a programme of Peru's Ministry of Agriculture
    {
        "nombre": "Programa de Desarrollo Productivo Agrario Rural",
        "sigla": "Agrorural",
        "tipo": M.MINISTERIO,
        "pais": "PE",
        "ciudad": "Lima",
        "punto": ("-12.046400", "-77.042800"),
        "sitio_web": "",
        "descripcion": "",
    },
    # párr. 35: Argentina's association of coordinators of export groups and consortia (not Costa Rican)
    {
        "nombre": "Asociación de Coordinadores de Grupos y Consorcios de Exportación de la República Argentina",
        "sigla": "Conexport",
        "tipo": M.ASOCIACION,
        "pais": "AR",
        "ciudad": "Buenos Aires",
        "punto": ("-34.609000", "-58.373000"),
        "sitio_web": "",
        "descripcion": "Fomenta la asociatividad entre PYMES y forma coordinadores de consorcios; Argentina cuenta "
        "con unos 80 consorcios (informe, párr. 35).",
    },
    # párr. 36: Uruguay's directorate for SMEs, of the Ministry of Industry
    {
        "nombre": "Dirección Nacional de Artesanías, Pequeñas y Medianas Empresas",
        "sigla": "DINAPYME",
        "tipo": M.MINISTERIO,
        "pais": "UY",
        "ciudad": "Montevideo",
        "punto": ("-34.901100", "-56.164500"),
        "sitio_web": "",
        "descripcion": "",
    },
    # párr. 17, 31 and 37: presented the impact of geographical indications; promotes no consortium of the Red
    {
        "nombre": "Università degli Studi di Firenze",
        "sigla": "UNIFI",
        "tipo": M.UNIVERSIDAD,
        "pais": "IT",
        "ciudad": "Florencia",
        "punto": ("43.769600", "11.255800"),
        "sitio_web": "https://www.unifi.it",
        "descripcion": "",
    },
    # párr. 5 and 6: finances Ecuador's consortia programme
    {
        "nombre": "Cooperación Italiana al Desarrollo",
        "sigla": "",
        "tipo": M.MINISTERIO,
        "pais": "IT",
        "ciudad": "Roma",
        "punto": ("41.899000", "12.470000"),
        "sitio_web": "",
        "descripcion": "",
    },
    # párr. 33: with MINCETUR and ONUDI, the national level of the Chulucanas consortia
    {
        "nombre": "Comisión de Promoción del Perú para la Exportación y el Turismo",
        "sigla": "PROMPERÚ",
        "tipo": M.AGENCIA,
        "pais": "PE",
        "ciudad": "Lima",
        "punto": ("-12.097000", "-77.036000"),
        "sitio_web": "https://www.promperu.gob.pe",
        "descripcion": "",
    },
    # párr. 33 (Chulucanas) and 34 (took up the OVOP initiative "De mi tierra, un producto")
    {
        "nombre": "Ministerio de Comercio Exterior y Turismo",
        "sigla": "MINCETUR",
        "tipo": M.MINISTERIO,
        "pais": "PE",
        "ciudad": "Lima",
        "punto": ("-12.093000", "-77.024000"),
        "sitio_web": "https://www.gob.pe/mincetur",
        "descripcion": "",
    },
    # párr. 16: main promoter of the Jalisco pilot programme (2009-2011), with 14 industrial chambers
    {
        "nombre": "Secretaría de Promoción Económica del Estado de Jalisco",
        "sigla": "",
        "tipo": M.MINISTERIO,
        "pais": "MX",
        "ciudad": "Guadalajara",
        "punto": ("20.676700", "-103.347500"),
        "sitio_web": "",
        "descripcion": "",
    },
    # párr. 16: promoted the Distrito Federal pilot
    {
        "nombre": "Cámara Nacional de la Industria de Transformación",
        "sigla": "CANACINTRA",
        "tipo": M.CAMARA,
        "pais": "MX",
        "ciudad": "Ciudad de México",
        "punto": ("19.432600", "-99.133200"),
        "sitio_web": "",
        "descripcion": "",
    },
]

# The demo promoter administers her institution's page (the Red's administrators, app red).
ADMINISTRADORES = [("promotora@redconsorcios.org", "MIPRO")]

# What the demo promoter's public profile shows (her country is left private, to show the choice).
PERFIL_PUBLICO_PROMOTORA = ["nombre", "institucion", "especialidad", "idiomas", "consorcios", "mensajes", "documentos"]

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
    for datos in INSTITUCIONES:
        datos = dict(datos)
        latitud, longitud = datos.pop("punto")
        institucion, _ = Institucion.objects.update_or_create(
            nombre=datos.pop("nombre"),
            defaults={
                **datos,
                "latitud": Decimal(latitud),
                "longitud": Decimal(longitud),
                "estado": Institucion.Estado.MIEMBRO,
            },
        )
        por_sigla[institucion.sigla or institucion.nombre] = institucion
    # Conexport is Argentine (párr. 35): an earlier demo loaded it as a Costa Rican body.
    Institucion.objects.filter(nombre="Consorcio de Exportadores de Costa Rica", sigla="Conexport").delete()

    staff = _usuario(STAFF_EMAIL, STAFF_PASSWORD, is_staff=True, is_superuser=True, first_name="Equipo ONUDI")
    Perfil.objects.filter(usuario=staff).update(
        nombre="Equipo ONUDI", rol=Perfil.Rol.INSTITUCION, institucion=por_sigla["ONUDI"]
    )
    for email, nombre, rol, sigla, pais, idioma in MIEMBROS:
        usuario = _usuario(email, MIEMBRO_PASSWORD)
        Perfil.objects.filter(usuario=usuario).update(
            nombre=nombre, rol=rol, institucion=por_sigla[sigla], pais=pais, idioma=idioma
        )
    for email, sigla in ADMINISTRADORES:
        usuario = get_user_model().objects.get(email=email)
        MiembroInstitucion.objects.update_or_create(
            institucion=por_sigla[sigla],
            usuario=usuario,
            defaults={"rol": MiembroInstitucion.Rol.ADMINISTRADOR, "estado": MiembroInstitucion.Estado.ACTIVO},
        )
    # The demo promoter (a demo account, not a person of the report) publishes a promoter profile, her
    # consent recorded as the profile form records it; her e-mail stays private, as everyone's.
    promotora = Perfil.objects.get(usuario__email="promotora@redconsorcios.org")
    Perfil.objects.filter(pk=promotora.pk).update(
        especialidad="Formación de consorcios de exportación y de origen en el Ecuador", idiomas=["es", "en"]
    )
    publicar_perfil(perfil=promotora, campos=PERFIL_PUBLICO_PROMOTORA)
    stdout.write(f"  miembros: {len(INSTITUCIONES)} instituciones, 1 cuenta de staff, {len(MIEMBROS)} miembros")
