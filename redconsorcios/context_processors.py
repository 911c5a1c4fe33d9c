from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """Values every page needs; nothing here queries the database."""
    return {"SITE_URL": settings.SITE_URL}
