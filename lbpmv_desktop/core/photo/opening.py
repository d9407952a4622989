"""Open a picture safely: allow-listed formats recognised by their content, size limits checked
before decoding, orientation applied, colours converted to sRGB and transparency flattened on white.

Every refusal is a ``PhotoRefused`` with one plain French sentence that says what to do.
"""

from __future__ import annotations

import contextlib
import io
import struct
import warnings
from typing import TYPE_CHECKING

from PIL import Image, ImageFile

from lbpmv_desktop.core.errors import UserError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_PIXELS = 110_000_000  # a 108-megapixel phone photo still opens; bombs do not
ACCEPTED = "JPEG, PNG, WebP, HEIC, TIFF, BMP ou GIF"

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False


class PhotoRefused(UserError):
    """A file the studio will not open, with the reason in plain French."""


def sniff(head: bytes) -> str | None:
    """The Pillow format name of an allowed picture, from its first bytes (never its name)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (
        b"heic",
        b"heix",
        b"heim",
        b"heis",
        b"hevc",
        b"hevx",
        b"mif1",
        b"msf1",
    ):
        return "HEIF"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:2] == b"BM":
        return "BMP"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    return None


def check_file(path: Path) -> str:
    """Refuse what is not an allowed picture without decoding it; return its format."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(32)
    except IsADirectoryError:
        raise PhotoRefused("C'est un dossier, pas une photo : ouvrez-le et choisissez une photo.") from None
    except OSError:
        raise PhotoRefused(
            "Ce fichier ne peut pas être lu. Vérifiez qu'il est toujours là (clé USB, téléphone branché)."
        ) from None
    if size == 0:
        raise PhotoRefused("Ce fichier est vide : ce n'est pas une photo. Choisissez-en une autre.")
    if size > MAX_FILE_BYTES:
        raise PhotoRefused(
            "Ce fichier est trop gros pour une photo. Choisissez une photo prise avec un téléphone."
        )
    kind = sniff(head)
    if kind is None:
        raise PhotoRefused(f"Ce fichier n'est pas une photo que le studio sait ouvrir ({ACCEPTED}).")
    return kind


def _register(kind: str) -> None:
    if kind == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()


def _to_srgb_rgb(image: Image.Image) -> Image.Image:
    """Any mode and colour profile to 8-bit sRGB RGB, transparency flattened on white."""
    icc = image.info.get("icc_profile")
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
        mode = "L"
    elif mode == "F":
        image = image.convert("L")
        mode = "L"
    if mode == "P" or "transparency" in image.info:
        image = image.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        image = white.convert("RGB")
        icc = None if mode != "RGBA" else icc
        mode = "RGB"
    if icc and mode in ("RGB", "CMYK", "L"):
        from PIL import ImageCms  # only photos with a colour profile need the colour engine

        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to the plain conversion below
    return image.convert("RGB") if image.mode != "RGB" else image


TOO_LARGE = "Cette image est beaucoup trop grande pour être une photo : le studio ne l'ouvre pas."
DAMAGED = (
    "Cette photo est abîmée ou incomplète (copie interrompue ?). Copiez-la à nouveau depuis le téléphone."
)
_DECODING_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    MemoryError,
    struct.error,
    IndexError,
    TypeError,
    KeyError,
)


@contextlib.contextmanager
def _decoding() -> Iterator[None]:
    """Turn everything a hostile or damaged file can raise while decoding into a refusal."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused(TOO_LARGE) from None
    except _DECODING_ERRORS:
        raise PhotoRefused(DAMAGED) from None


def upright_size(path: Path) -> tuple[int, int]:
    """The photo's size as shown (EXIF orientation applied), from its header only (no decoding)."""
    kind = check_file(path)
    _register(kind)
    with _decoding(), Image.open(path, formats=[kind]) as opened:
        width, height = opened.size
        orientation = opened.getexif().get(0x0112, 1) if kind != "GIF" else 1
    if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
        raise PhotoRefused(TOO_LARGE)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


@contextlib.contextmanager
def opened_picture(path: Path) -> Iterator[Image.Image]:
    """``Image.open`` of an allow-listed picture, its decoder registered, decoding errors refused."""
    kind = check_file(path)
    _register(kind)
    with _decoding(), Image.open(path, formats=[kind]) as opened:
        yield opened


def open_image(path: Path, *, fit: tuple[int, int] | None = None, max_side: int | None = None) -> Image.Image:
    """Decode ``path`` into an upright sRGB RGB image.

    Args:
        fit: when given, a JPEG is decoded at the smallest 1/2, 1/4 or 1/8 scale that still covers
            this size (much faster); other formats are decoded whole.
        max_side: the same, asking only that the longest side stays at least this long.

    Raises:
        PhotoRefused: not an allowed picture, too large, truncated or damaged.
    """
    kind = check_file(path)
    _register(kind)
    with _decoding(), Image.open(path, formats=[kind]) as opened:
        width, height = opened.size
        if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
            raise PhotoRefused(TOO_LARGE)
        orientation = (
            opened.getexif().get(0x0112, 1) if kind in ("JPEG", "TIFF", "WEBP", "HEIF", "PNG") else 1
        )
        if max_side is not None and fit is None:
            scale = min(1.0, max_side / max(width, height))
            fit = (max(1, round(width * scale)), max(1, round(height * scale)))
            orientation_swapped = True  # computed on the stored size already
        else:
            orientation_swapped = False
        if fit is not None and kind == "JPEG":
            if orientation in (5, 6, 7, 8) and not orientation_swapped:
                fit = (fit[1], fit[0])
            opened.draft("RGB", fit)
        opened.seek(0)
        opened.load()
        image = _to_srgb_rgb(opened)
    method = _UPRIGHT.get(orientation)
    return image.transpose(method) if method is not None else image


# EXIF orientation → the transposition that shows the picture upright (as the camera saw it).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
