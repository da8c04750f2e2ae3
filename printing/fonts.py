"""The CJK fonts printed forms use, and the one WeasyPrint font configuration per process.

Fonts are system fonts found through fontconfig (Debian's fonts-wqy-microhei, installed by
`make run` / `make test`); WeasyPrint embeds the subset of glyphs each PDF uses.
"""

import functools
import shutil
import subprocess

from weasyprint.text.fonts import FontConfiguration

# First match wins; WenQuanYi Micro Hei is small (5 MB) and covers Latin, CJK and ★, so a form
# embeds one font. The Noto families are the fallback on machines set up differently.
CJK_FONT_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC")


@functools.cache
def font_config() -> FontConfiguration:
    """Built once per process: fontconfig scans the installed fonts here, not on every render."""
    return FontConfiguration()


def font_family_css() -> str:
    families = ", ".join(f'"{family}"' for family in CJK_FONT_FAMILIES)
    # On html, not body: the page margin boxes (header, page numbers) inherit from the root element.
    return f"html {{ font-family: {families}, sans-serif; }}"


def installed_cjk_families() -> list[str]:
    """Which of CJK_FONT_FAMILIES fontconfig knows about (empty if fc-list is missing)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    result = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False, timeout=20)  # noqa: S603
    known = {name.strip() for line in result.stdout.splitlines() for name in line.split(",")}
    return [family for family in CJK_FONT_FAMILIES if family in known]


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools (~50 times slower
    on the 5 MB CJK font)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))
