"""A system check so a machine without a CJK font is noticed before the first form prints boxes."""

from django.core.checks import Warning, register

from .fonts import CJK_FONT_FAMILIES, installed_cjk_families


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
