"""Open a picture safely: allow-listed formats recognised by their content, size limits checked
before decoding, orientation applied, colours converted to sRGB and transparency flattened on white.

Memory is bounded for any file: a shape that cannot be a photo is refused from the header, a
decoder never holds more than DECODE_BUDGET (a JPEG is decoded at a smaller scale by libjpeg,
another format is refused when decoding it whole would cost more), conversions go band by band,
and a photo larger than MAX_WORK_PIXELS is worked on (edited, exported « original ») at that
size. Measured: every open, export and poster picture stays under 300 MB.

Every refusal is a ``PhotoRefused`` with one plain French sentence that says what to do.
"""

from __future__ import annotations

import contextlib
import io
import math
import struct
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from PIL import Image, ImageFile

from lbpmv_desktop.core.errors import UserError
from lbpmv_desktop.core.fileio import UnsafeFile, open_regular

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

MAX_FILE_BYTES = 150 * 1024 * 1024
MAX_PIXELS = 250_000_000  # a 200-megapixel phone JPEG still opens (decoded at 1/4); bombs do not
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


def _refusal(error: UnsafeFile, path: Path) -> PhotoRefused:
    if error.reason == "too-big":
        return PhotoRefused(
            "Ce fichier est trop gros pour une photo. Choisissez une photo prise avec un téléphone."
        )
    if error.reason == "not-regular" and path.is_dir():
        return PhotoRefused("C'est un dossier, pas une photo : ouvrez-le et choisissez une photo.")
    if error.reason == "not-regular":
        return PhotoRefused("Ce n'est pas un fichier photo ordinaire : choisissez une photo.")
    return PhotoRefused(
        "Ce fichier ne peut pas être lu. Vérifiez qu'il est toujours là (clé USB, téléphone branché)."
    )


@contextlib.contextmanager
def checked_file(path: Path) -> Iterator[tuple[str, BinaryIO]]:
    """Open ``path`` once, refusing what is not an allowed picture without decoding it.

    Yields:
        Its format and the open file (at its start), which the decoder reads: the file checked
        is the file decoded. A FIFO, a device or a link to one is refused at once, never read.

    Raises:
        PhotoRefused: not a regular file, empty, too big, or not an allowed format.
    """
    try:
        handle = open_regular(path, MAX_FILE_BYTES)
    except UnsafeFile as error:
        raise _refusal(error, path) from None
    with handle:
        try:
            head = handle.read(32)
            handle.seek(0)
        except OSError:
            raise _refusal(UnsafeFile("unreadable", ""), path) from None
        if not head:
            raise PhotoRefused("Ce fichier est vide : ce n'est pas une photo. Choisissez-en une autre.")
        kind = sniff(head)
        if kind is None:
            raise PhotoRefused(f"Ce fichier n'est pas une photo que le studio sait ouvrir ({ACCEPTED}).")
        yield kind, handle


def check_file(path: Path) -> str:
    """Refuse what is not an allowed picture without decoding it; return its format."""
    with checked_file(path) as (kind, _handle):
        return kind


def _register(kind: str) -> None:
    if kind == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()


def _opened(handle: BinaryIO, kind: str) -> Image.Image:
    """``Image.open`` of the checked file (its decoder registered first)."""
    _register(kind)
    return Image.open(handle, formats=[kind])


TOO_LARGE = "Cette image est beaucoup trop grande pour être une photo : le studio ne l'ouvre pas."
DAMAGED = (
    "Cette photo est abîmée ou incomplète (copie interrompue ?). Copiez-la à nouveau depuis le téléphone."
)
OUT_OF_MEMORY = (
    "Cette photo est trop lourde pour la mémoire libre de cet ordinateur. Fermez d'autres "
    "programmes, ou enregistrez-la en plus petit, puis ouvrez-la à nouveau."
)
_DECODING_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
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
    except MemoryError:
        raise PhotoRefused(OUT_OF_MEMORY) from None
    except _DECODING_ERRORS:
        raise PhotoRefused(DAMAGED) from None


# -- bounds ---------------------------------------------------------------------------------
# A picture is refused from its header when its shape cannot give a useful photo, or when
# decoding it would take more memory than an old shop PC can spare; what is opened is worked on
# at most at MAX_WORK_PIXELS, so every later copy (edits, export, poster) stays small too.
MIN_SIDE = 16  # below this, nothing of an object can be seen (an icon is 16 px)
MAX_SIDE = 30_000  # a phone's widest panorama is about 20,000 px
MAX_RATIO = 20.0  # a 360° panorama is about 10:1; a 1 × 109,000,000 strip is not a photo
# 4,096 × 3,072: a 12 MP phone photo stays whole; enough for A4 at 340 dpi or A3 at 240 dpi. An
# export holds up to five copies of it (resampled in two bands, colours, sharpening): < 300 MB.
MAX_WORK_PIXELS = 12_600_000
# Bytes opening may hold at once; Python, Pillow and the app take 20 to 40 MB more, and an
# export's copies of a MAX_WORK_PIXELS picture less than this: every process stays < 300 MB.
DECODE_BUDGET = 220 * 1024 * 1024
# Bytes per pixel as Pillow stores each mode (anything not listed takes 4).
_MODE_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
# What a decoder holds for a while besides the picture, per pixel (measured): WebP keeps its
# own canvas and a copy of it, HEIF its YCbCr planes and an RGB buffer.
_DECODER_EXTRA = {"WEBP": 12, "HEIF": 5, "GIF": 1}
_ROW_BYTES = 24  # Pillow's bookkeeping for each row (a 1-pixel-wide strip is mostly this)
_BAND_PIXELS = 1_000_000  # pixels converted at once


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def check_shape(width: int, height: int) -> None:
    """Refuse, from the size alone, a picture that cannot give a useful photo."""
    if width <= 0 or height <= 0:
        raise PhotoRefused(DAMAGED)
    size = f"{_grouped(width)} × {_grouped(height)} pixels"
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        raise PhotoRefused(
            f"Cette image est beaucoup trop grande pour être une photo ({size}) : "
            "le studio ne l'ouvre pas. Choisissez une photo prise avec un téléphone."
        )
    if min(width, height) < MIN_SIDE:
        raise PhotoRefused(
            f"Cette image est trop petite pour faire une photo ({size}). "
            "Choisissez une photo prise avec un téléphone ou un appareil photo."
        )
    if max(width, height) > MAX_RATIO * min(width, height):
        raise PhotoRefused(
            f"Cette image est une bande trop fine pour faire une photo ({size}). "
            "Choisissez une photo de l'objet, ou recadrez l'image avant de l'ouvrir."
        )


def _too_heavy(width: int, height: int, kind: str) -> PhotoRefused:
    megapixels = max(1, round(width * height / 1_000_000))
    if kind == "HEIF":
        advice = (
            "Sur l'iPhone, choisissez Réglages › Photos › « Automatique » (sous « Transférer sur Mac "
            "ou PC ») : la photo arrivera en JPEG, que le studio ouvre."
        )
    elif kind == "JPEG":
        advice = "Enregistrez-la en plus petit (12 mégapixels suffisent), puis ouvrez-la à nouveau."
    else:
        advice = (
            "Enregistrez-la en JPEG, ou en plus petit (12 mégapixels suffisent), puis ouvrez-la à nouveau."
        )
    return PhotoRefused(
        f"Cette photo est trop lourde pour être ouverte sur cet ordinateur ({megapixels} mégapixels). {advice}"
    )


def _jpeg_coefficients(opened: Image.Image) -> int:
    """Bytes libjpeg keeps for a progressive JPEG: every DCT coefficient of the whole picture,
    whatever the scale it is decoded at."""
    if not (opened.info.get("progressive") or opened.info.get("progression")):
        return 0
    layers = getattr(opened, "layer", None) or [(0, 1, 1, 0)] * 3
    h_max = max(layer[2] for layer in layers) or 1
    v_max = max(layer[1] for layer in layers) or 1
    share = sum(layer[1] * layer[2] for layer in layers) / (h_max * v_max)
    width, height = opened.size
    return int((width + 15) * (height + 15) * share * 2)


def _strip_bytes(opened: Image.Image) -> int:
    """Bytes libtiff decodes at once: one strip (a single-strip TIFF is the whole picture again)."""
    width, height = opened.size
    tags = getattr(opened, "tag_v2", {})
    rows = min(height, int(tags.get(278, height) or height))
    samples = int(tags.get(277, 1) or 1)
    bits = tags.get(258, (8,))
    depth = max(bits) if isinstance(bits, tuple) and bits else int(bits or 8)
    return rows * width * samples * max(1, depth // 8)


def _peak_bytes(opened: Image.Image, kind: str, decoded: tuple[int, int], working: tuple[int, int]) -> int:
    """The most memory opening takes: while the decoder works, or afterwards, while the decoded
    picture is turned into the working one band by band."""
    width, height = decoded
    kept = width * height * _MODE_BYTES.get(opened.mode, 4) + height * _ROW_BYTES
    decoding = kept + width * height * _DECODER_EXTRA.get(kind, 0)
    if kind == "JPEG":
        decoding += _jpeg_coefficients(opened)
    elif kind == "TIFF":
        decoding += _strip_bytes(opened)
    converting = kept + working[0] * working[1] * 4 + _BAND_PIXELS * 12
    return max(decoding, converting)


def _capped(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` reduced, proportions kept, to at most MAX_WORK_PIXELS."""
    width, height = size
    if width * height <= MAX_WORK_PIXELS:
        return size
    scale = math.sqrt(MAX_WORK_PIXELS / (width * height))
    return max(1, int(width * scale)), max(1, int(height * scale))


@dataclass(frozen=True)
class _Plan:
    """How a picture is decoded: the JPEG scale, the decoded size and the size worked on."""

    kind: str
    orientation: int
    scale: int
    decoded: tuple[int, int]
    working: tuple[int, int]


def _plan(opened: Image.Image, kind: str, fit: tuple[int, int] | None) -> _Plan:
    """Check the header and choose how to decode within the memory budget (nothing decoded yet).

    ``fit`` is in the stored orientation: the picture is decoded at least this large when it can.
    """
    width, height = opened.size
    check_shape(width, height)
    orientation = _orientation(opened, kind)
    # Whether it opens never depends on what it is opened for (the studio's preview would show
    # a photo the export then refuses): the budget is checked at the full working size.
    steps = (1, 2, 4, 8) if kind == "JPEG" else (1,)
    least = next(
        (
            step
            for step in steps
            if _peak_bytes(opened, kind, *_sizes(width, height, step, None)) <= DECODE_BUDGET
        ),
        None,
    )
    if least is None:
        raise _too_heavy(width, height, kind)
    scale = least
    if kind == "JPEG":
        wanted = _capped((width, height)) if fit is None else fit
        scale = max(
            least, next((s for s in (8, 4, 2) if width // s >= wanted[0] and height // s >= wanted[1]), 1)
        )
    decoded, working = _sizes(width, height, scale, fit if kind != "JPEG" else None)
    return _Plan(kind, orientation, scale, decoded, working)


def _sizes(
    width: int, height: int, scale: int, fit: tuple[int, int] | None
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The decoded size at 1/``scale`` and the size worked on: at most MAX_WORK_PIXELS and, for
    a format decoded whole, reduced while converting to about twice ``fit`` (the caller's own
    resampling then stays sharp, as Pillow's thumbnail does)."""
    decoded = (-(-width // scale), -(-height // scale))
    working = _capped(decoded)
    if fit is not None:
        factor = max(1, int(min(decoded[0] / max(1, fit[0]), decoded[1] / max(1, fit[1])) / 2))
        reduced = (-(-decoded[0] // factor), -(-decoded[1] // factor))
        if reduced[0] * reduced[1] < working[0] * working[1]:
            working = reduced
    return decoded, working


def _orientation(opened: Image.Image, kind: str) -> int:
    """The EXIF orientation, read without decoding (Pillow decodes a whole PNG to look for an
    eXIf chunk after the pixels: only one before them is read)."""
    if kind not in _EXIF_ORIENTED or (kind == "PNG" and "exif" not in opened.info):
        return 1
    orientation = opened.getexif().get(0x0112, 1)
    return orientation if orientation in _UPRIGHT else 1


def _upright(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


_SIXTEEN_BITS = ("I;16", "I;16B", "I;16L", "I;16N", "I")
_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")


def _converter(image: Image.Image, *, alpha: bool = False) -> Callable[[Image.Image], Image.Image] | None:
    """What turns a piece of ``image`` into 8-bit sRGB RGB (RGBA with ``alpha``), transparency
    flattened on white; None when the pieces already are."""
    icc = image.info.get("icc_profile")
    mode = image.mode
    transparent = mode == "P" or "transparency" in image.info
    has_alpha = transparent or mode in _ALPHA_MODES
    if mode in ("LA", "PA", "RGBa", "La"):
        icc = None  # a grey or premultiplied profile does not describe the RGBA pixels
    if mode in _SIXTEEN_BITS or mode == "F":
        colour_mode = "L"
    elif has_alpha:
        colour_mode = "RGBA" if alpha else "RGB"
    else:
        colour_mode = mode
    transform = None
    if icc and colour_mode in ("RGB", "RGBA", "CMYK", "L"):
        from PIL import ImageCms  # only photos with a colour profile need the colour engine

        out_mode = "RGBA" if colour_mode == "RGBA" else "RGB"
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            transform = ImageCms.buildTransform(source, ImageCms.createProfile("sRGB"), colour_mode, out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            transform = None  # a broken profile: the plain conversion below
    final = "RGBA" if alpha else "RGB"
    if transform is None and mode == final and not transparent:
        return None

    def convert(piece: Image.Image) -> Image.Image:
        if piece.mode in _SIXTEEN_BITS:
            piece = piece.convert("I").point(lambda value: value * (1 / 256)).convert("L")
        elif piece.mode == "F":
            piece = piece.convert("L")
        if transparent or piece.mode in _ALPHA_MODES:
            piece = piece.convert("RGBA")
            if not alpha:
                white = Image.new("RGBA", piece.size, (255, 255, 255, 255))
                white.alpha_composite(piece)
                piece = white.convert("RGB")
        if transform is not None:
            from PIL import ImageCms

            try:
                converted = ImageCms.applyTransform(piece, transform)
            except (ImageCms.PyCMSError, ValueError):
                converted = None
            if converted is not None:
                piece = converted
        return piece if piece.mode == final else piece.convert(final)

    return convert


def _working_image(
    decoded: Image.Image,
    target: tuple[int, int],
    convert: Callable[[Image.Image], Image.Image] | None,
    mode: str,
) -> Image.Image:
    """``decoded`` converted and resized to ``target`` band by band: only the result and one
    band of a few megapixels exist beside the decoded picture, never a second full copy."""
    width, height = decoded.size
    resizing = target != decoded.size
    if not resizing and convert is None:
        return decoded
    out_w, out_h = target
    result = Image.new(mode, target, (255, 255, 255, 0) if mode == "RGBA" else (255, 255, 255))
    factor = round(width / out_w)
    if factor >= 2 and (-(-width // factor), -(-height // factor)) == target:
        # A whole reduction (a preview of a big PNG): averaging blocks is exact band by band
        # when each band starts on a block, and much faster than resampling.
        rows = factor * max(1, _BAND_PIXELS // (width * factor))
        for top in range(0, height, rows):
            piece = decoded.crop((0, top, width, min(height, top + rows)))
            piece = convert(piece) if convert is not None else piece.convert(mode)
            result.paste(piece.reduce(factor), (0, top // factor))
        return result
    scale_y = height / out_h
    rows = max(1, int(_BAND_PIXELS / (width * max(1.0, scale_y))))
    margin = math.ceil(2 * max(1.0, scale_y)) + 2 if resizing else 0  # bicubic support
    for top in range(0, out_h, rows):
        bottom = min(out_h, top + rows)
        src_top, src_bottom = top * scale_y, bottom * scale_y
        crop_top = max(0, int(src_top) - margin)
        crop_bottom = min(height, math.ceil(src_bottom) + margin)
        piece = decoded.crop((0, crop_top, width, crop_bottom))
        if convert is not None:
            piece = convert(piece)
        elif piece.mode != mode:
            piece = piece.convert(mode)
        if resizing:
            box = (0.0, src_top - crop_top, float(width), src_bottom - crop_top)
            piece = piece.resize((out_w, bottom - top), Image.Resampling.BICUBIC, box=box)
        result.paste(piece, (0, top))
    return result


def upright_size(path: Path) -> tuple[int, int]:
    """The size ``open_image(path)`` gives, upright (EXIF orientation applied), from the header
    only: the photo's own size, or at most MAX_WORK_PIXELS for a larger one.

    Raises:
        PhotoRefused: not an allowed picture, a shape that cannot be a photo, or too heavy.
    """
    with checked_file(path) as (kind, handle), _decoding(), _opened(handle, kind) as opened:
        plan = _plan(opened, kind, None)
    return _upright(plan.working, plan.orientation)


@contextlib.contextmanager
def opened_picture(path: Path) -> Iterator[Image.Image]:
    """``Image.open`` of an allow-listed picture whose shape and full decoding were checked (the
    caller decodes it whole), its decoder registered, decoding errors refused."""
    with checked_file(path) as (kind, handle), _decoding(), _opened(handle, kind) as opened:
        check_shape(*opened.size)
        if _peak_bytes(opened, kind, opened.size, opened.size) > DECODE_BUDGET:
            raise _too_heavy(*opened.size, kind)
        yield opened


def open_image(
    path: Path,
    *,
    fit: tuple[int, int] | None = None,
    max_side: int | None = None,
    alpha: bool = False,
) -> Image.Image:
    """Decode ``path`` into an upright sRGB RGB image (RGBA with ``alpha``), within the memory budget.

    Args:
        fit: the upright size the caller needs: a JPEG is decoded at the smallest 1/2, 1/4 or
            1/8 scale that still covers it (much faster), another format is reduced while it is
            converted, to about twice this size.
        max_side: the same, asking only that the longest side stays at least this long.
        alpha: keep the transparency (a logo) instead of flattening it on white.

    Without ``fit`` or ``max_side`` the picture comes at the size ``upright_size`` tells.

    Raises:
        PhotoRefused: not an allowed picture, a shape that cannot be a photo, too heavy to
            decode here, truncated or damaged.
    """
    with checked_file(path) as (kind, handle), _decoding(), _opened(handle, kind) as opened:
        width, height = opened.size
        check_shape(width, height)
        orientation = _orientation(opened, kind)
        if max_side is not None and fit is None:
            scale = min(1.0, max_side / max(width, height, 1))
            stored_fit: tuple[int, int] | None = (max(1, round(width * scale)), max(1, round(height * scale)))
        elif fit is not None:
            stored_fit = _upright(fit, orientation)
        else:
            stored_fit = None
        if kind == "HEIF" and stored_fit is not None:
            _plan(opened, kind, None)  # refused or not whatever it is opened for
            opened.draft(opened.mode, stored_fit)  # an embedded thumbnail, when one is big enough
        plan = _plan(opened, kind, stored_fit)
        if plan.scale > 1:
            opened.draft("RGB", (width // plan.scale, height // plan.scale))
            if opened.size != plan.decoded:
                raise _too_heavy(width, height, kind)
        opened.seek(0)
        opened.load()
        image = _working_image(
            opened, plan.working, _converter(opened, alpha=alpha), "RGBA" if alpha else "RGB"
        )
        if image is not opened:
            opened.close()  # frees the decoded picture before the copies below
    method = _UPRIGHT.get(plan.orientation)
    return image.transpose(method) if method is not None else image


_EXIF_ORIENTED = ("JPEG", "TIFF", "WEBP", "HEIF", "PNG")


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
