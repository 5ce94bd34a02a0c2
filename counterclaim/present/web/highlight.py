"""Article text with its facts highlighted, as a flat list of pieces for a template.

The text is cut at every span boundary; each cut piece stays plain text (the template
escapes it) and the annotations around it become nested elements. Annotations that cross
each other are closed and reopened at the crossing, so the markup is always well nested; a
reopened annotation carries no anchor id, so every id appears once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AnnotationKind = Literal["statement", "speaker", "cue", "entity", "date", "dateline", "origin"]


@dataclass(frozen=True, slots=True)
class Annotation:
    start: int
    end: int
    kind: AnnotationKind
    title: str  # shown on hover
    classes: str = ""  # extra CSS classes, e.g. the speech act
    anchor: str | None = None  # element id, for links into the text
    href: str | None = None  # a page of its own (an entity's page)


@dataclass(frozen=True, slots=True)
class Piece:
    """`open` an annotation, `text` to show escaped, or `close` the innermost open one
    (`annotation` says which)."""

    op: Literal["open", "text", "close"]
    text: str = ""
    annotation: Annotation | None = None
    first: bool = True  # False when reopening an annotation cut by a crossing one


def _nesting_key(annotation: Annotation) -> tuple[int, int, int]:
    # outer first: earlier start, then longer; statements outside entities on equal spans
    order = ("statement", "speaker", "cue", "dateline", "origin", "date", "entity")
    return (annotation.start, -annotation.end, order.index(annotation.kind))


def layer(text: str, annotations: list[Annotation]) -> list[Piece]:
    """`text` cut into pieces, with open/close marks for every valid annotation."""
    valid = sorted((a for a in annotations if 0 <= a.start < a.end <= len(text)), key=_nesting_key)
    bounds = sorted({0, len(text), *(a.start for a in valid), *(a.end for a in valid)})
    pieces: list[Piece] = []
    stack: list[Annotation] = []
    opened: set[int] = set()
    for left, right in zip(bounds, bounds[1:], strict=False):
        wanted = [a for a in valid if a.start <= left and right <= a.end]
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        pieces.extend(Piece("close", annotation=a) for a in reversed(stack[keep:]))
        del stack[keep:]
        for annotation in wanted[keep:]:
            pieces.append(Piece("open", annotation=annotation, first=id(annotation) not in opened))
            opened.add(id(annotation))
            stack.append(annotation)
        pieces.append(Piece("text", text[left:right]))
    pieces.extend(Piece("close", annotation=a) for a in reversed(stack))
    return pieces
