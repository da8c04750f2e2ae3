"""Both catalogues are complete: every string in the code has a translation, none is fuzzy."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALES = ("zh_Hans", "en")


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=True
    )
    return result.stderr.strip()


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext (make test installs it)")
def test_catalogues_cover_every_string_in_the_code(tmp_path, monkeypatch):
    """Re-extracting the strings into a copy of the catalogues leaves nothing untranslated or fuzzy."""
    copy = tmp_path / "locale"
    shutil.copytree(settings.BASE_DIR / "locale", copy)
    monkeypatch.chdir(settings.BASE_DIR)
    with override_settings(LOCALE_PATHS=[copy]):
        call_command(
            "makemessages",
            locale=list(LOCALES),
            ignore_patterns=[".venv/*", "var/*", "node_modules/*", "benchmarks/results/*"],
            no_obsolete=True,
            verbosity=0,
        )
    for locale in LOCALES:
        stats = _statistics(copy / locale / "LC_MESSAGES" / "django.po")
        assert "untranslated" not in stats and "fuzzy" not in stats, f"{locale}: {stats}"
