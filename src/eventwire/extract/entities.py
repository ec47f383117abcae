"""Named entities from the spaCy parse, as character spans of the article text."""

from __future__ import annotations

from ..config import Settings
from ..model import Document, Entity


class EntityStage:
    """Copies spaCy's named entities with the labels ``settings.entity_labels`` keeps."""

    name = "entities"
    requires: tuple[str, ...] = ()

    def __init__(self, settings: Settings) -> None:
        self.labels = frozenset(settings.entity_labels)

    def __call__(self, doc: Document) -> None:
        text = doc.text
        for ent in doc.parse.ents:
            if ent.label_ not in self.labels:
                continue
            start, end = _strip(text, ent.start_char, ent.end_char)
            if end > start:
                doc.entities.append(Entity(start, end, text[start:end], ent.label_))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and trailing possessive so the span names only the entity."""
    if text.startswith(("the ", "The "), start) and end - start > 4:
        start += 4
    if text.endswith(("'s", "’s"), start, end):
        end -= 2
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ").":
        end -= 1
    return start, end
