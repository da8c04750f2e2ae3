"""The check-in QR code as inline SVG (no image file, no script: the CSP allows it)."""

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


def qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    # The SVG is drawn by qrcode from our own URL (no user markup in it).
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308
