"""Both catalogues are complete: every string in the code has a translation, none is fuzzy."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

LOCALES = ("zh_Hans", "en")


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    )
    return result.stderr.strip()


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext (make test installs it)")
def test_catalogues_cover_every_string_in_the_code(monkeypatch):
    """Re-extracting the strings leaves nothing untranslated or fuzzy.

    makemessages writes into the catalogues beside the code it scans (the project's locale/, whatever LOCALE_PATHS
    says), so the catalogues are re-extracted in place and put back as they were afterwards.
    """
    locale_dir = Path(settings.BASE_DIR) / "locale"
    catalogues = {po: po.read_bytes() for po in locale_dir.glob("*/LC_MESSAGES/django.po")}
    monkeypatch.chdir(settings.BASE_DIR)
    try:
        call_command(
            "makemessages",
            locale=list(LOCALES),
            ignore_patterns=[".venv/*", "var/*", "node_modules/*", "benchmarks/results/*"],
            no_obsolete=True,
            verbosity=0,
        )
        stats = {locale: _statistics(locale_dir / locale / "LC_MESSAGES" / "django.po") for locale in LOCALES}
    finally:
        for po, content in catalogues.items():
            po.write_bytes(content)
    for locale, line in stats.items():
        assert "untranslated" not in line and "fuzzy" not in line, f"{locale}: {line}"
