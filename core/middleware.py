"""Language: 简体中文 unless the user chose otherwise (the switch in the navbar), never guessed from the browser."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
