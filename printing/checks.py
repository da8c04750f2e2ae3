"""System checks so a machine set up without what forms need is noticed before the first form prints:
a CJK font (else Chinese prints as boxes) and HarfBuzz-Subset (else each PDF takes seconds)."""

from django.core.checks import Warning, register

from .fonts import CJK_FONT_FAMILIES, harfbuzz_subset_available, installed_cjk_families


@register("printing")
def check_cjk_font(app_configs=None, **kwargs):
    if installed_cjk_families():
        return []
    return [
        Warning(
            "No CJK font for printed forms: Chinese text in PDFs would not render.",
            hint=(
                "Install Debian's fonts-wqy-microhei (make system-packages); "
                f"looked for {', '.join(CJK_FONT_FAMILIES)}."
            ),
            id="printing.W001",
        )
    ]


@register("printing")
def check_font_subsetter(app_configs=None, **kwargs):
    if harfbuzz_subset_available():
        return []
    return [
        Warning(
            "HarfBuzz-Subset is missing: WeasyPrint falls back to fontTools, and every PDF takes seconds.",
            hint="Install Debian's libharfbuzz-subset0 (make system-packages).",
            id="printing.W002",
        )
    ]
