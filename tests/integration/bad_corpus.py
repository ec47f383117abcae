"""A corpus of hostile and damaged inputs, with a few good ones, built under a folder at run time.

Each :class:`Case` names one input file, the articles from it that must be stored, and the
failures (input name as the CLI prints it, a fragment of the reason) that must be reported.
Nothing here is read from disk: every story is written for this test, every damaged file is
made from them, so the corpus needs no data beside the repository.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

MB = 1_000_000
HUGE_BYTES = 200 * MB  # over the default max_input_bytes (50 MB)
LONG_LINE_CHARS = 5 * MB  # over the default max_text_chars (1,000,000)
HTML_DEPTH = 10_000  # over the default max_html_depth (2,000)
BOMB_MEMBERS = 300  # 300 gzip members of 1 MB each: 300 MB once decompressed, ~1 MB on disk
ENUMERATED_NAMES = 1_000

STORIES = (
    ("Harbour Talks Resume",
     "Negotiators from the port authority and the dockworkers' union met in Rotterdam on "
     "Tuesday to resume talks over pay, a week after a strike closed two container terminals.",
     "The union's chairman said the members would vote on any offer by the end of the month. "
     "The port authority declined to comment on the details of its proposal."),
    ("Border Crossing Reopens",
     "Kenya and Uganda reopened the Malaba border crossing on Monday after a two-day closure "
     "that left hundreds of lorries queuing on both sides.",
     "Officials from both governments said customs checks would be shared at a single post. "
     "Traders welcomed the decision but asked for longer opening hours."),
    ("Minister Visits Flood Zone",
     "The Brazilian environment minister visited flooded towns in Rio Grande do Sul on "
     "Wednesday and promised federal funds for rebuilding bridges and schools.",
     "Local mayors criticised the pace of the relief effort. The minister said engineers "
     "from the army would arrive within the week to assess the damage."),
    ("Parliament Passes Budget",
     "The Polish parliament approved the national budget on Friday by a narrow margin after "
     "the opposition walked out of the final debate.",
     "The finance minister thanked the coalition partners. Opposition leaders said they "
     "would challenge two of the spending provisions before the constitutional tribunal."),
    ("Ceasefire Monitors Deployed",
     "International monitors arrived in the disputed district on Thursday to observe a "
     "ceasefire agreed between the government and rebel commanders last week.",
     "The head of the mission said patrols would begin at dawn. Residents reported that the "
     "night had passed without shelling for the first time in a month."),
)

FRENCH = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les "
          "agriculteurs touchés par la sécheresse. Les syndicats agricoles ont salué ces "
          "annonces tout en demandant des aides plus rapides.\n\nLe ministre a précisé que "
          "les premiers versements arriveraient avant la fin du mois.")
GERMAN = ("Die Regierung hat am Dienstag ein neues Gesetz zur Förderung erneuerbarer Energien "
          "vorgestellt. Die Opposition kritisierte den Entwurf als unzureichend.\n\nDer "
          "Minister sagte, das Parlament werde im Herbst darüber abstimmen.")
SPANISH = ("El presidente anunció el lunes un acuerdo con los sindicatos para subir el salario "
           "mínimo. Los empresarios pidieron más tiempo para aplicar la medida.\n\nLa "
           "oposición dijo que votará en contra del decreto en el Congreso.")


@dataclass(frozen=True)
class Expected:
    """One failure the CLI must report: the input name it prints and a fragment of its reason."""

    input: str
    reason: str


@dataclass(frozen=True)
class Case:
    """One input file: what kind of input it is, how many articles from it must be stored,
    and the failures it must produce."""

    kind: str
    path: Path
    coded: int
    failures: tuple[Expected, ...] = ()
    bad: bool = field(default=True)


def story_text(index: int, desk: str, *, title: bool = True) -> str:
    """Story ``index``, made unique by naming the ``desk`` that filed it (one stored article
    per good input, never two inputs with the same text)."""
    heading, first, second = story_parts(index, desk)
    body = f"{first}\n\n{second}\n"
    return f"# {heading}\n\n{body}" if title else body


def story_parts(index: int, desk: str) -> tuple[str, str, str]:
    heading, first, second = STORIES[index % len(STORIES)]
    return heading, first, f"{second} This report was filed by the {desk} desk."


def build_corpus(root: Path) -> list[Case]:
    """Write every case under ``root`` (created) and return them."""
    root.mkdir(parents=True, exist_ok=True)
    builders: list[Callable[[Path], list[Case]]] = [
        _good_inputs, _empty_and_binary, _encodings, _oversized, _nested_html, _damaged_gzip,
        _damaged_warc, _bombs, _malformed_json_lines, _feeds, _other_languages, _quote_soup,
        _enumeration,
    ]
    return [case for build in builders for case in build(root)]


def _good_inputs(root: Path) -> list[Case]:
    cases = []
    for i in range(3):
        path = root / f"good-{i}.md"
        path.write_text(story_text(i, f"good {i}"), encoding="utf-8")
        cases.append(Case("good article", path, 1, bad=False))
    html = root / "good-page.html"
    heading, first, second = story_parts(3, "web")
    html.write_text(f"<!doctype html><html><head><title>{heading}</title></head><body>"
                    f"<article><h1>{heading}</h1><p>{first}</p><p>{second}</p></article>"
                    "</body></html>", encoding="utf-8")
    record = root / "good-record.json"
    record.write_text(json.dumps({"id": "r1", "title": STORIES[4][0],
                                  "text": story_text(4, "record", title=False),
                                  "published": "2024-05-02"}), encoding="utf-8")
    return [*cases, Case("good article", html, 1, bad=False),
            Case("good article", record, 1, bad=False)]


def _empty_and_binary(root: Path) -> list[Case]:
    rng = random.Random(9)
    empty, blank = root / "empty.txt", root / "blank.txt"
    empty.write_bytes(b"")
    blank.write_bytes(b"\n \t\r\n\n")
    png = root / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(20_000)))
    noise = root / "noise.bin"  # no NUL byte: judged by its share of control characters
    noise.write_bytes(bytes(rng.randrange(1, 256) for _ in range(20_000)))
    return [Case("empty file", empty, 0, (Expected(str(empty), "empty input"),)),
            Case("empty file", blank, 0, (Expected(str(blank), "empty input"),)),
            Case("binary file", png, 0, (Expected(str(png), "binary data"),)),
            Case("binary file", noise, 0, (Expected(str(noise), "binary data"),))]


def _encodings(root: Path) -> list[Case]:
    """Not UTF-8, yet text: each must be decoded and coded, never dropped."""
    plain = story_text(0, "Windows")
    cp1252 = root / "cp1252.txt"
    cp1252.write_bytes(plain.replace("'", "\u2019").replace("week", "\u201cweek\u201d")
                       .encode("cp1252"))
    latin1 = root / "latin1.txt"
    latin1.write_bytes((story_text(1, "Latin") + "\nCaf\u00e9 owners in Malaba said the "
                        "r\u00e9gime of checks was fair.\n").encode("latin-1"))
    invalid = root / "invalid-utf8.txt"
    invalid.write_bytes(story_text(2, "Invalid").encode("utf-8")
                        + b"\nThe mayor of S\xe3o \xc3\x28 said so.\n")
    mixed = root / "mixed-encodings.txt"
    mixed.write_bytes("# S\u00e3o Paulo Talks\n\n".encode() + story_text(3, "mixed", title=False)
                      .encode("utf-8") + "\nThe minister\u2019s \u201cplan\u201d passed.\n"
                      .encode("cp1252"))
    return [Case("invalid UTF-8 or mixed encoding", p, 1, bad=False)
            for p in (cp1252, latin1, invalid, mixed)]


def _oversized(root: Path) -> list[Case]:
    huge = root / "huge-200mb.txt"
    with huge.open("wb") as handle:
        handle.write(story_text(0, "huge").encode("utf-8"))
        # A sparse file: 200 MB on paper, a few kilobytes on disk, and fast to make.
        handle.truncate(HUGE_BYTES)
    line = root / "one-line-5mb.txt"
    sentence = "Officials met again today and agreed to meet again tomorrow. "
    line.write_text(sentence * (LONG_LINE_CHARS // len(sentence) + 1), encoding="utf-8")
    return [Case("200 MB file", huge, 0, (Expected(str(huge), "max_input_bytes"),)),
            Case("5 MB single line", line, 0, (Expected(str(line), "max_text_chars"),))]


def _nested_html(root: Path) -> list[Case]:
    page = root / "nested-10000.html"
    page.write_text("<!doctype html><html><body>" + "<div>" * HTML_DEPTH + "<p>"
                    + STORIES[0][1] + "</p>" + "</div>" * HTML_DEPTH + "</body></html>",
                    encoding="utf-8")
    return [Case("deeply nested HTML", page, 0, (Expected(str(page), "max_html_depth"),))]


def _damaged_gzip(root: Path) -> list[Case]:
    whole = gzip.compress((story_text(1, "gzip") * 40).encode("utf-8"))
    cut = root / "truncated.txt.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    return [Case("truncated gzip", cut, 0, (Expected(str(cut), "truncated"),))]


def _warc_bytes(count: int, *, gzipped: bool, desk: str) -> tuple[bytes, list[int]]:
    """A WARC of ``count`` HTML responses, and the byte offset where each record ends."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    ends = []
    for i in range(count):
        heading, first, second = story_parts(i, desk)
        page = (f"<html><head><title>{heading}</title></head><body><article><h1>{heading}</h1>"
                f"<p>{first}</p><p>{second}</p></article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example.org/{desk}/{i}", "response",
                                           payload=io.BytesIO(page), http_headers=headers)
        writer.write_record(record)
        ends.append(out.tell())
    return out.getvalue(), ends


def _damaged_warc(root: Path) -> list[Case]:
    cases = []
    for gzipped, suffix in ((False, "warc"), (True, "warc.gz")):
        data, ends = _warc_bytes(3, gzipped=gzipped, desk=suffix)
        path = root / f"truncated.{suffix}"
        # Two whole records, then half of the third.
        path.write_bytes(data[: ends[1] + (ends[2] - ends[1]) // 2])
        cases.append(Case("truncated WARC", path, 2, (Expected(f"{path}#3", "truncated"),)))
    return cases


def _bombs(root: Path) -> list[Case]:
    member = gzip.compress((story_text(2, "bomb") * 2_000)[:MB].encode("utf-8"), compresslevel=9)
    text_bomb = root / "bomb.txt.gz"
    text_bomb.write_bytes(member * BOMB_MEMBERS)
    # A bomb behind two good records: both must still be stored.
    records = "".join(json.dumps({"title": STORIES[i][0],
                                  "text": story_text(i, "bomb", title=False)}) + "\n"
                      for i in (3, 4))
    padding = gzip.compress((" " * (MB - 1) + "\n").encode(), compresslevel=9)
    lines_bomb = root / "bomb.jsonl.gz"
    lines_bomb.write_bytes(gzip.compress(records.encode()) + padding * BOMB_MEMBERS)
    return [Case("gzip bomb", text_bomb, 0, (Expected(str(text_bomb), "bytes (setting max_"),)),
            Case("gzip bomb", lines_bomb, 2,
                 (Expected(f"{lines_bomb}:", "max_decompressed_bytes"),))]


def _malformed_json_lines(root: Path) -> list[Case]:
    good = [json.dumps({"id": f"l{i}", "title": STORIES[i][0],
                        "text": story_text(i, "lines", title=False)}) for i in range(3)]
    lines = [good[0], "{not json at all", "[1, 2, 3]", json.dumps({"title": "No body"}),
             good[1], json.dumps({"text": 42}), "", json.dumps({"text": "x", "title": ["a"]}),
             good[2]]
    path = root / "malformed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [Case("malformed JSON Lines", path, 3, (
        Expected(f"{path}:2", "invalid JSON"),
        Expected(f"{path}:3", "must be a JSON object"),
        Expected(f"{path}:4", "has no text"),
        Expected(f"{path}:6", "has no text"),
        Expected(f"{path}:8", "field 'title' must be a string"),
    ))]


def _rss(items: list[str]) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            "<link>https://wire.example.org/</link>" + "".join(items) + "</channel></rss>")


def _feeds(root: Path) -> list[Case]:
    bare = root / "feed-no-content.xml"
    heading, first, second = story_parts(1, "feed")
    full = f"<description><![CDATA[<p>{first}</p><p>{second}</p>]]></description>"
    bare.write_text(_rss([
        "<item><title>Headline only</title><link>https://wire.example.org/a</link></item>",
        f"<item><title>{heading}</title><link>https://wire.example.org/b</link>{full}"
        "</item>",
        "<item><title>Another headline</title><link>https://wire.example.org/c</link></item>",
    ]), encoding="utf-8")
    empty = root / "feed-no-items.xml"
    empty.write_text(_rss([]), encoding="utf-8")
    return [Case("feed without content", bare, 1, (
        Expected(f"{bare}#1", "neither content nor a summary"),
        Expected(f"{bare}#3", "neither content nor a summary"))),
        Case("feed without content", empty, 0, (Expected(str(empty), "no entries"),))]


def _other_languages(root: Path) -> list[Case]:
    cases = []
    for code, text in (("fr", FRENCH), ("de", GERMAN), ("es", SPANISH)):
        path = root / f"article-{code}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        cases.append(Case("article in another language", path, 0,
                          (Expected(str(path), f"language '{code}' is not coded"),)))
    return cases


def _quote_soup(root: Path) -> list[Case]:
    only = root / "only-quotes.txt"
    only.write_text("\n\n".join([
        "\u201cWe will not accept these terms.\u201d",
        "\u201cThe talks are over,\u201d \u201cfor now,\u201d \u201cuntil they return.\u201d",
        '"Nobody wants another strike." "Nobody wants another closure."',
        "\u2018Enough.\u2019 \u00abAssez.\u00bb \u201eGenug.\u201c",
    ]) + "\n", encoding="utf-8")
    unbalanced = root / "unbalanced-quotes.txt"
    unbalanced.write_text(story_text(4, "quotes").replace("The head of", "\u201cThe head of")
                          + '\nThe minister said "we will return, and left.\n'
                          "He added \u201d that \u201c\u201c the talks \u2019 were \" over.\n"
                          + "\u201c" * 200 + "\n", encoding="utf-8")
    return [Case("text with only quotes", only, 1, bad=False),
            Case("unbalanced quote marks", unbalanced, 1, bad=False)]


def enumeration_text(count: int = ENUMERATED_NAMES) -> str:
    """An English story naming ``count`` made-up delegates in one sentence."""
    first = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Irene", "Jamal"]
    last = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Brennan",
            "Silva", "Novak", "Mensah", "Petrov", "Osei", "Castillo", "Weber", "Ito"]
    initials = "ABCDEFGHJKLMNPRSTVW"
    names = [f"{first[i % len(first)]} {initials[i // 150 % len(initials)]}. "
             f"{last[i // len(first) % len(last)]}" for i in range(count)]
    return ("# Delegates Named\n\nThe conference secretariat said on Monday that the following "
            f"delegates would attend the summit in Geneva: {', '.join(names[:-1])} and "
            f"{names[-1]}.\n\nThe list was published by the organisers after talks with the "
            "participating governments.\n")


def _enumeration(root: Path) -> list[Case]:
    path = root / "enumeration-1000.md"
    path.write_text(enumeration_text(), encoding="utf-8")
    return [Case("1,000-name enumeration", path, 1, bad=False)]
