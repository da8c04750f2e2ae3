"""The system check warns when no CJK font is installed for printed forms."""

from printing import checks


def test_no_warning_when_a_cjk_font_is_installed(monkeypatch):
    """With WenQuanYi (or Noto CJK) present the check is silent."""
    monkeypatch.setattr(checks, "installed_cjk_families", lambda: ["WenQuanYi Micro Hei"])

    assert checks.check_cjk_font() == []


def test_warning_without_a_cjk_font(monkeypatch):
    """Without any CJK font the administrator is told which package to install."""
    monkeypatch.setattr(checks, "installed_cjk_families", lambda: [])

    [warning] = checks.check_cjk_font()

    assert warning.id == "printing.W001"
    assert "fonts-wqy-microhei" in warning.hint


def test_warning_without_harfbuzz_subset(monkeypatch):
    """Without HarfBuzz-Subset every PDF takes seconds: the administrator is told which package to install."""
    monkeypatch.setattr(checks, "harfbuzz_subset_available", lambda: False)

    [warning] = checks.check_font_subsetter()

    assert warning.id == "printing.W002"
    assert "libharfbuzz-subset0" in warning.hint


def test_harfbuzz_subset_is_installed_where_the_tests_run():
    """`make test` installs what `make run` installs, libharfbuzz-subset0 included: forms print fast."""
    assert checks.check_font_subsetter() == []
