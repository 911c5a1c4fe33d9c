"""allauth's e-mails whose Spanish says "tú" where the rest of the portal says "usted".

Marked here so that makemessages keeps them in locale/, whose translations come before allauth's
own (LOCALE_PATHS); tests/portal/test_admin_correos.py renders allauth's e-mails and checks the
register. Nothing imports this module: it only carries the message ids.
"""

from django.utils.translation import gettext_noop

TEXTOS = [
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to register "
        "an account on %(site_domain)s."
    ),
    gettext_noop("Your email verification code is listed below. Please enter it in your open browser window."),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop("A third-party account from %(provider)s has been disconnected from your account."),
]
