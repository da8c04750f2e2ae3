"""PDF inspection with poppler (pdffonts, pdftotext): skipped without it locally, failing in CI."""

import shutil
import subprocess
from dataclasses import dataclass

import pytest

from conftest import _skip_or_fail

POPPLER_TOOLS = ("pdffonts", "pdftotext")


def requires_poppler() -> None:
    """Skip the calling test when poppler-utils is missing, except in CI where it must be there."""
    missing = [tool for tool in POPPLER_TOOLS if not shutil.which(tool)]
    if missing:
        _skip_or_fail(f"needs poppler-utils ({', '.join(missing)}): apt-get install poppler-utils")


@dataclass(frozen=True)
class PdfFont:
    name: str
    embedded: bool


class Poppler:
    @staticmethod
    def text(pdf: bytes) -> str:
        """The PDF's text without whitespace: pdftotext's spacing of CJK text follows the layout."""
        result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        return "".join(result.stdout.decode("utf-8").split())

    @staticmethod
    def fonts(pdf: bytes) -> list[PdfFont]:
        result = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
        rows = result.stdout.decode("utf-8").splitlines()[2:]  # two header lines
        # Columns: name type encoding emb sub uni object-id gen; the type may contain spaces,
        # so read the fixed trailing columns from the right.
        return [PdfFont(name=row.split()[0], embedded=row.split()[-5] == "yes") for row in rows if row.strip()]


@pytest.fixture
def poppler() -> Poppler:
    requires_poppler()
    return Poppler()
