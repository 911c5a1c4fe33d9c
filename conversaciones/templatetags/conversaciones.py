from django import template
from django.utils.translation import gettext as _

from miembros.services import nombre_visible

register = template.Library()


@register.filter
def nombre(usuario) -> str:
    """How a participant shows: their profile name, never their address; "Miembro retirado" once erased."""
    if usuario is None:
        return _("Miembro retirado")
    return nombre_visible(usuario)


@register.simple_tag
def otros(participantes, usuario) -> str:
    """The names of a conversation's participants other than the reader, joined: who one talks with."""
    return ", ".join(nombre(p.miembro) for p in participantes if p.miembro_id != usuario.pk)
