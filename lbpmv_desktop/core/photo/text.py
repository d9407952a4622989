"""Text and price labels drawn on photos."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

    from lbpmv_desktop.core.photo.recipe import Label


def _font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.load_default(size=max(8, size))


def draw_label(image: Image.Image, label: Label) -> Image.Image:
    """Write a short text (or a price sticker) legibly on the photo."""
    text = label.text.strip()[:60]
    if not text:
        return image
    from PIL import ImageDraw

    image = image.copy()
    width, height = image.size
    size = max(12, round(min(width, height) * (0.09 if label.style == "prix" else 0.065)))
    font = _font(size)
    draw = ImageDraw.Draw(image, "RGBA")
    while size > 12 and draw.textlength(text, font=font) > width * 0.86:
        size = round(size * 0.9)
        font = _font(size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    text_w, text_h = right - left, bottom - top
    pad = round(size * 0.45)
    if label.style == "prix":
        box_w, box_h = text_w + 2 * pad, text_h + 2 * pad
        x0 = width - box_w - round(width * 0.04)
        y0 = (height - box_h - round(height * 0.04)) if label.y >= 0.5 else round(height * 0.04)
        draw.rounded_rectangle(
            (x0, y0, x0 + box_w, y0 + box_h),
            radius=pad,
            fill=(242, 169, 0, 255),
            outline=(29, 43, 54, 255),
            width=max(2, size // 14),
        )
        draw.text((x0 + pad - left, y0 + pad - top), text, font=font, fill=(29, 43, 54, 255))
        return image
    band_h = text_h + 2 * pad
    y0 = height - band_h if label.y >= 0.5 else 0
    background, ink = (
        ((0, 0, 0, 170), (255, 255, 255, 255))
        if label.style == "sombre"
        else ((255, 255, 255, 215), (29, 43, 54, 255))
    )
    draw.rectangle((0, y0, width, y0 + band_h), fill=background)
    draw.text(((width - text_w) / 2 - left, y0 + pad - top), text, font=font, fill=ink)
    return image


def label_problem(text: str) -> str | None:
    """Why ``text`` cannot be written on a photo (one French sentence), or None when it can.

    (First edition: to be completed with the shipped fonts' character map.)
    """
    return None
