"""What a pack's SVG drawing costs to draw, measured before anything draws it.

A few KB of SVG can ask for a hundred million shapes (each ``<use>`` copies an element that
itself holds copies) or hundreds of huge blurs; Qt draws on the screen's thread, so such a
drawing froze the app. ``drawing_problem`` reads the drawing once with expat (no DOCTYPE, no
entity: refused before and while reading), keeps a small record per element (its line, its
children, what it refers to by ``href="#…"`` or ``url(#…)``), then walks that graph once, each
element once, to compute what drawing it would cost once every copy is made: shapes drawn,
filter steps, masks and patterns (each one drawn off screen), how deep those nest. Every count
stops at its limit, so the work stays linear in the size of the file, whatever it asks for.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from xml.parsers import expat

MAX_ELEMENTS = 1000  # elements in the file, and shapes drawn once every copy is made (shipped: 252 at most)
MAX_NESTING = 64  # elements inside elements
MAX_EFFECTS = 10  # masks and patterns drawn (each off screen), copies included; a filter step counts 3
FILTER_STEP = 3  # Qt takes ~140 ms per filter step over a 1280 × 720 picture, ~30 ms per mask
MAX_LETTERS = 10_000  # letters of text drawn, copies included (shipped: 460 at most)
MAX_EFFECT_NESTING = 3  # a pattern in a mask in a pattern…
MAX_BLUR = 50.0  # stdDeviation of a blur, in the drawing's units
MAX_SIZE = 100_000.0  # width, height and viewBox sizes
MAX_REGION = 10.0  # an effect's region, in multiples of the shape it applies to
MAX_STYLE = 20_000  # characters of <style>

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Never drawn where they are written: only where something refers to them.
TEMPLATES = frozenset(
    {"defs", "symbol", "filter", "mask", "pattern", "clipPath", "marker", "linearGradient", "radialGradient"}
)
EFFECTS = frozenset({"mask", "pattern"})
FILTER_PARTS = frozenset(
    {
        "feMergeNode",
        "feFuncR",
        "feFuncG",
        "feFuncB",
        "feFuncA",
        "feDistantLight",
        "fePointLight",
        "feSpotLight",
    }
)
_REFERENCE = re.compile(r"url\(\s{0,40}['\"]?#([^)'\"\s]{1,200})")
_NUMBER = re.compile(r"[-+]?(?:\d{1,40}\.?\d{0,40}|\.\d{1,40})(?:[eE][-+]?\d{1,5})?")
_LENGTH = re.compile(
    r"\s{0,40}([-+]?(?:\d{1,40}\.?\d{0,40}|\.\d{1,40})(?:[eE][-+]?\d{1,5})?)\s{0,40}([a-z%]{0,2})\s{0,40}"
)
_SIZE_WORDS = "taille impossible (width, height ou viewBox) : donnez au dessin une taille ordinaire, par exemple 640 × 360"


class DrawingRefused(Exception):
    """Why a drawing is refused, and on which line of the drawing."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what


@dataclass
class _Element:
    tag: str
    line: int
    children: list[int] = field(default_factory=list)
    references: list[tuple[str, int]] = field(default_factory=list)  # (id, how many times)
    own_effects: int = 0
    letters: int = 0


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _number(text: str, line: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DrawingRefused(line, _SIZE_WORDS) from None
    if not math.isfinite(value):
        raise DrawingRefused(line, _SIZE_WORDS)
    return value


def _length(text: str, line: int, largest: float) -> None:
    """A width or height: a plain number with an optional unit, between 0 and ``largest``."""
    match = _LENGTH.fullmatch(text)
    if match is None or not 0 <= _number(match.group(1), line) <= largest:
        raise DrawingRefused(line, _SIZE_WORDS)


def _view_box(text: str, line: int) -> None:
    parts = text.replace(",", " ").split()
    if len(parts) != 4:
        raise DrawingRefused(line, _SIZE_WORDS)
    values = [_number(part, line) for part in parts]
    if not (
        0 < values[2] <= MAX_SIZE
        and 0 < values[3] <= MAX_SIZE
        and abs(values[0]) <= MAX_SIZE
        and abs(values[1]) <= MAX_SIZE
    ):
        raise DrawingRefused(line, _SIZE_WORDS)


def _region(tag: str, attributes: dict[str, str], line: int) -> None:
    """An effect's region: in the drawing's units (userSpaceOnUse) at most ``MAX_SIZE``, else at
    most ``MAX_REGION`` times the shape it applies to (Qt draws that region off screen)."""
    units = attributes.get({"filter": "filterUnits", "mask": "maskUnits", "pattern": "patternUnits"}[tag])
    largest = MAX_SIZE if units == "userSpaceOnUse" else MAX_REGION
    for name in ("x", "y", "width", "height"):
        text = attributes.get(name)
        if text is None:
            continue
        match = _LENGTH.fullmatch(text)
        limit = 100 * MAX_REGION if match is not None and match.group(2) == "%" else largest
        if match is None or abs(_number(match.group(1), line)) > limit:
            raise DrawingRefused(line, "filtre, masque ou motif de taille impossible (x, y, width ou height)")


def _vertices(properties: list[tuple[str, str]]) -> int:
    """At least how many points a shape has (one per number of its ``d`` or ``points``)."""
    numbers = sum(sum(1 for _ in _NUMBER.finditer(v)) for n, v in properties if n in ("d", "points"))
    return max(1, numbers)


def _properties(attributes: dict[str, str]) -> list[tuple[str, str]]:
    """Every (name, value) of an element: its attributes, then the declarations of its style."""
    pairs = [(name.rpartition(" ")[2], value) for name, value in attributes.items()]
    style = attributes.get("style")
    if style:
        for declaration in style.split(";"):
            name, colon, value = declaration.partition(":")
            if colon:
                pairs.append((name.strip(), value))
    return pairs


class _Reader:
    """Reads the drawing once and keeps one small record per element."""

    def __init__(self) -> None:
        self.elements: list[_Element] = []
        self.ids: dict[str, list[int]] = {}
        self.stack: list[int] = []
        self.style: list[str] | None = None
        self.style_size = 0
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.StartDoctypeDeclHandler = self.refuse_declaration
        self.parser.EntityDeclHandler = self.refuse_declaration

    def refuse_declaration(self, *_: object) -> None:
        raise DrawingRefused(self.parser.CurrentLineNumber, "déclaration DOCTYPE ou ENTITY")

    def read(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as error:
            raise DrawingRefused(error.lineno, "dessin SVG abîmé (XML incorrect)") from None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        line = self.parser.CurrentLineNumber
        namespace, _, tag = name.rpartition(" ")
        if not self.elements and (tag != "svg" or namespace not in ("", SVG_NAMESPACE)):
            raise DrawingRefused(line, "ce n'est pas un dessin SVG")
        if len(self.elements) >= MAX_ELEMENTS:
            raise DrawingRefused(line, f"plus de {_thousands(MAX_ELEMENTS)} éléments : simplifiez le dessin")
        if len(self.stack) >= MAX_NESTING:
            raise DrawingRefused(line, f"plus de {MAX_NESTING} éléments imbriqués les uns dans les autres")
        element = _Element(tag, line)
        index = len(self.elements)
        if self.stack:
            self.elements[self.stack[-1]].children.append(index)
        self.elements.append(element)
        self.stack.append(index)
        self._look_at(element, index, attributes)
        if tag == "style":
            self.style = []

    def _look_at(self, element: _Element, index: int, attributes: dict[str, str]) -> None:
        line, tag = element.line, element.tag
        identifier = attributes.get("id")
        if identifier:
            if identifier in self.ids:  # which one a copy shows would be a guess (and a cost)
                first = self.elements[self.ids[identifier][0]].line
                raise DrawingRefused(
                    line, f"deux éléments portent le même id « {identifier[:40]} » (déjà ligne {first})"
                )
            self.ids[identifier] = [index]
        properties = _properties(attributes)
        for name, value in properties:
            if name == "style":
                continue  # its declarations follow, one by one
            if name == "href" and value.strip().startswith("#"):
                element.references.append((value.strip()[1:], 1))
            for match in _REFERENCE.finditer(value):
                # A marker is drawn at each point of the shape (marker-mid): once per number, at most.
                times = _vertices(properties) if name in ("marker", "marker-mid") else 1
                element.references.append((match.group(1), times))
            if name in ("width", "height") and tag == "svg":
                _length(value, line, MAX_SIZE)
            elif name == "viewBox":
                _view_box(value, line)
        if tag in ("filter", "mask", "pattern"):
            _region(tag, attributes, line)
        if tag in EFFECTS:
            element.own_effects = 1
        elif tag.startswith("fe") and tag not in FILTER_PARTS:
            element.own_effects = FILTER_STEP
        if tag == "feGaussianBlur":
            for match in _NUMBER.finditer(attributes.get("stdDeviation", "")):
                if not abs(_number(match.group(0), line)) <= MAX_BLUR:
                    raise DrawingRefused(
                        line,
                        f"flou trop fort (stdDeviation au-delà de {MAX_BLUR:g}) : il met des secondes à se dessiner",
                    )

    def end(self, _name: str) -> None:
        index = self.stack.pop()
        if self.style is not None and self.elements[index].tag == "style":
            css = "".join(self.style).lower()
            self.style = None
            if "url(" in css or "filter" in css or "mask" in css or "marker" in css:
                raise DrawingRefused(
                    self.elements[index].line,
                    "feuille de style <style> qui applique des motifs, filtres ou masques : "
                    'écrivez-les sur les formes (fill="url(#…)")',
                )

    def text(self, data: str) -> None:
        if self.stack:
            self.elements[self.stack[-1]].letters += len("".join(data.split()))
        if self.style is not None:
            self.style_size += len(data)
            if self.style_size > MAX_STYLE:
                raise DrawingRefused(self.parser.CurrentLineNumber, "feuille de style <style> trop longue")
            self.style.append(data)


def _costs(reader: _Reader) -> tuple[int, int]:
    """Walk the graph of elements (children and references) once, in post-order, and add up what
    each one costs once drawn with its copies; refuse at the first element over a limit.

    Returns the shapes and the off-screen drawings of the whole drawing."""
    elements = reader.elements
    count = len(elements)
    shapes = [0] * count  # elements drawn, copies included
    effects = [0] * count  # off-screen drawings
    letters = [0] * count  # letters of text drawn
    depth = [0] * count  # effects inside effects
    state = [0] * count  # 0 not seen, 1 being added up (on the path), 2 done

    def edges(index: int) -> list[tuple[int, int]]:
        element = elements[index]
        found = [(child, 1) for child in element.children if elements[child].tag not in TEMPLATES]
        for identifier, times in element.references:
            found.extend((target, times) for target in reader.ids.get(identifier, ()))
        return found

    for start in range(count):
        if state[start]:
            continue
        stack: list[tuple[int, list[tuple[int, int]]]] = [(start, edges(start))]
        state[start] = 1
        while stack:
            index, pending = stack[-1]
            if pending:
                target, _ = pending[-1]
                if state[target] == 1:
                    raise DrawingRefused(
                        elements[index].line, "un élément se recopie lui-même (<use> ou url(#…))"
                    )
                if state[target] == 0:
                    state[target] = 1
                    stack.append((target, edges(target)))
                    continue
                pending.pop()
                continue
            stack.pop()
            element = elements[index]
            total_shapes, total_effects, total_letters, deepest = 1, element.own_effects, element.letters, 0
            if element.tag == "style":
                total_letters = 0  # a style sheet is read, not drawn
            for target, times in edges(index):
                total_shapes = min(total_shapes + times * shapes[target], MAX_ELEMENTS + 1)
                total_effects = min(total_effects + times * effects[target], MAX_EFFECTS + 1)
                total_letters = min(total_letters + times * letters[target], MAX_LETTERS + 1)
                deepest = max(deepest, depth[target])
            letters[index] = total_letters
            depth[index] = deepest + (1 if element.tag in EFFECTS or element.tag == "filter" else 0)
            shapes[index], effects[index], state[index] = total_shapes, total_effects, 2
            if total_shapes > MAX_ELEMENTS:
                raise DrawingRefused(
                    element.line,
                    f"avec ses copies (<use>), le dessin ferait plus de {_thousands(MAX_ELEMENTS)} formes : simplifiez-le",
                )
            if total_effects > MAX_EFFECTS:
                raise DrawingRefused(
                    element.line,
                    f"trop de filtres, masques ou motifs à dessiner (au plus {MAX_EFFECTS // FILTER_STEP} étapes "
                    f"de filtre, ou {MAX_EFFECTS} masques et motifs) : gardez-en quelques-uns",
                )
            if total_letters > MAX_LETTERS:
                raise DrawingRefused(
                    element.line,
                    f"plus de {_thousands(MAX_LETTERS)} lettres de texte à dessiner : le texte va dans l'étape, "
                    "pas dans le dessin",
                )
            if depth[index] > MAX_EFFECT_NESTING:
                raise DrawingRefused(
                    element.line, f"plus de {MAX_EFFECT_NESTING} motifs, masques ou filtres imbriqués"
                )
    return shapes[0], effects[0]


def drawing_cost(data: bytes) -> tuple[DrawingRefused | None, int]:
    """Why the SVG ``data`` would cost too much to draw, with the line of the drawing (None: fine),
    and else what it costs: the shapes it draws, each filter step, mask or pattern counting 100.

    ``data`` has already passed the byte checks of ``markup.svg_problem`` (no DOCTYPE, no other file).
    """
    reader = _Reader()
    try:
        reader.read(data)
        if not reader.elements:
            raise DrawingRefused(1, "ce n'est pas un dessin SVG")
        shapes, effects = _costs(reader)
    except DrawingRefused as refused:
        return refused, 0
    return None, shapes + 100 * effects


def drawing_problem(data: bytes) -> DrawingRefused | None:
    """Why the SVG ``data`` would cost too much to draw (see ``drawing_cost``), None when fine."""
    return drawing_cost(data)[0]
