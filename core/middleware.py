"""Request-wide rules: the language (简体中文 unless the user chose otherwise, never guessed from the browser),
no caching of signed-in pages, and no NUL characters in parameters."""

import logging

from django.conf import settings
from django.db import IntegrityError
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _


class UserLanguageMiddleware(LocaleMiddleware):
    """The language cookie set by the switch wins, then the language saved on the user, then LANGUAGE_CODE.

    A Chinese company's forms and vocabulary are the default for everyone; a browser set to English does not
    switch the interface by itself.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not language:
            user = getattr(request, "user", None)
            language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if not language or not translation.check_for_language(language):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


logger = logging.getLogger(__name__)


class PrivatePagesMiddleware:
    """Signed-in pages hold personal and secret data: no browser or proxy keeps a copy (Cache-Control: no-store).

    A NUL character in a parameter is refused with 400 before any view runs (PostgreSQL cannot store or compare
    it, and no legitimate form sends one).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def process_exception(self, request, exception):
        """Two people saving the same thing at once: the database's uniqueness rule stops the second, who is told
        so in words (409) instead of a server error. Services catch the conflicts they expect; this is the net."""
        if isinstance(exception, IntegrityError):
            logger.warning("Conflicting save refused by the database on %s: %s", request.path, exception)
            return render(request, "conflict.html", status=409)
        return None

    def __call__(self, request):
        if any("\x00" in value for values in (request.GET, request.POST) for value in _all_values(values)):
            return HttpResponseBadRequest(_("The request holds a character that is not allowed."))
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


def _all_values(query_dict):
    for key, values in query_dict.lists():
        yield key
        yield from values
