"""requires_poppler: PDF-inspecting tests skip on a machine without poppler-utils, but fail in CI."""

import pytest

import conftest
from printing.tests.conftest import requires_poppler


def test_skips_locally_without_poppler(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda tool: None)
    monkeypatch.setattr(conftest, "IN_CI", False)

    with pytest.raises(pytest.skip.Exception, match="poppler-utils"):
        requires_poppler()


def test_fails_in_ci_without_poppler(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda tool: None)
    monkeypatch.setattr(conftest, "IN_CI", True)

    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        requires_poppler()


def test_passes_with_poppler(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda tool: f"/usr/bin/{tool}")

    requires_poppler()
