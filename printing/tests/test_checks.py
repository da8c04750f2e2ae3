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
