"""What resolving actors costs: ``entities`` alone vs ``entities`` + ``actors`` on the same texts.

    .venv/bin/python benchmarks/actors.py [--stories 200] [--runs 3]

Reads the first ``--stories`` stories that have a body from Reuters-21578
(``../shared/corpora/reuters21578/reut2-000.sgm``, parsed here: TITLE, DATE and BODY of each
``<REUTERS>`` element) and codes them with two pipelines. Both times include spaCy's parse,
as ``eventwire code`` does; start-up (model, knowledge base, gazetteer) is paid before the
clock starts. Runs alternate between the two and the fastest of each is compared, so other
work on the machine slows neither more than the other. The budget is that actors add at
most 15% (a ratio of 1.15). ``--profile`` prints where the actor stage spends its time.
"""

from __future__ import annotations

import argparse
import cProfile
import html
import pstats
import re
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from eventwire import Pipeline
from eventwire.model import Article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CORPUS = SHARED / "corpora" / "reuters21578" / "reut2-000.sgm"
BUDGET = 1.15

_STORY = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "DATE", "BODY")}


def _field(story: str, name: str) -> str | None:
    found = _FIELD[name].search(story)
    return html.unescape(found.group(1)).strip() if found else None


def _date(value: str | None) -> str | None:
    try:
        return datetime.strptime((value or "").split()[0], "%d-%b-%Y").date().isoformat()
    except (ValueError, IndexError):
        return None


def read_stories(path: Path, limit: int) -> list[Article]:
    """The first ``limit`` stories of an SGML file that have a body."""
    raw = path.read_bytes().decode("latin-1")
    stories: list[Article] = []
    for number, match in enumerate(_STORY.finditer(raw)):
        story = match.group()
        body = _field(story, "BODY")
        if not body:
            continue
        # The control characters of the wire feed are no part of the text.
        text = re.sub(r"[\x00-\x08\x0b-\x1f]", "", body).removesuffix("Reuter").strip()
        stories.append(Article(text=text, input_name=f"{path.name}#{number}",
                               title=_field(story, "TITLE"),
                               published=_date(_field(story, "DATE"))))
        if len(stories) == limit:
            break
    return stories


def _seconds(pipeline: Pipeline, articles: Sequence[Article]) -> float:
    start = time.perf_counter()
    for _ in pipeline.stream(articles):
        pass
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="Profile the actors stage and print the top functions.")
    args = parser.parse_args(argv)
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} is absent (../shared is not checked out)", file=sys.stderr)
        return 1
    articles = read_stories(CORPUS, args.stories)
    base = Pipeline(stages=("entities",))
    full = Pipeline(stages=("entities", "actors"))
    for pipeline in (base, full):  # warm up: lazy loads (gazetteer, caches) happen here
        _seconds(pipeline, articles[:5])
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(_seconds, full, articles)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    without: list[float] = []
    with_actors: list[float] = []
    for _ in range(args.runs):  # interleaved, so a busy machine slows both alike
        without.append(_seconds(base, articles))
        with_actors.append(_seconds(full, articles))
    # The fastest run is the least disturbed by other work on the machine.
    ratio = min(with_actors) / min(without)
    print(f"stories: {len(articles)} (Reuters-21578 {CORPUS.name})")
    for name, times in (("entities only", without), ("entities + actors", with_actors)):
        print(f"{name + ':':19} fastest {min(times):.2f}s, median "
              f"{statistics.median(times):.2f}s of {args.runs} runs")
    print(f"ratio: {ratio:.3f} (budget {BUDGET:.2f}: {'within' if ratio <= BUDGET else 'OVER'})")
    return 0 if ratio <= BUDGET else 2


if __name__ == "__main__":
    sys.exit(main())
