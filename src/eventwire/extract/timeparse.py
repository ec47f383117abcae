"""Resolving one time expression to a calendar value, given the publication date.

Each word of an expression gets a one-letter class from the :class:`~.times.Lexicon`
(M month, W weekday, Y year, D day number, U unit, R last/this/next, T today/yesterday,
N count, A 'ago', ...); the string of classes (``"M D Y"``, ``"R U"``, ``"N U A"``)
picks the rule that resolves it. Nothing here reads the clock: relative values are
computed from the ``anchor`` (publication) date handed in, and without an anchor only
absolute expressions get a value. Values are ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or
``None``; the data README says which expression gets which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .times import Lexicon

Tense = Literal["past", "future", "none"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """Whether a candidate is a time expression worth emitting, and its value."""

    emit: bool
    value: str | None


@dataclass(frozen=True, slots=True)
class Word:
    """One classed word: ``cls`` a one-letter class, ``num`` its number, ``key`` its name."""

    cls: str
    num: int = 0
    key: str = ""


SKIP = Resolution(False, None)
NONE = Resolution(True, None)

_ISO_DAY = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_WORD = re.compile(r"_h\d+_|\d{4}-\d{2}\b|'?\d+(?:st|nd|rd|th|s)?|[a-z]+(?:'[a-z]+)?")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_ABBREV_DOT = re.compile(r"(?<=[a-z])\.")
_POSSESSIVE = re.compile(r"(?<=[a-z])'s\b|(?<=s)'(?=\s|$)")
_DECADE = re.compile(r"(?<=\d0)'s\b")  # 1980's
_SPLIT = re.compile(r"(?<=[a-z])-(?=[a-z\d])|(?<=\d)-(?=[a-z])|[,;()/]")


def normalise(text: str) -> str:
    """Lower-case, plain apostrophes, no abbreviation dots or possessive 's."""
    norm = text.lower().replace("’", "'").replace("‘", "'")
    norm = _POSSESSIVE.sub("", _DECADE.sub("s", _ABBREV_DOT.sub("", norm)))
    return _SPLIT.sub(" ", norm)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_value(day: date | None) -> Resolution:
    return Resolution(True, day.isoformat() if day else None)


def month_value(year: int, month: int) -> Resolution:
    return Resolution(True, f"{year:04d}-{month:02d}" if 1 <= year <= 9999 else None)


def year_value(year: int) -> Resolution:
    return Resolution(True, f"{year:04d}" if 1 <= year <= 9999 else None)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def weekday_date(anchor: date, weekday: int, direction: int, strict: bool) -> date:
    """The ``weekday`` nearest ``anchor`` in ``direction``; ``strict`` skips the anchor day."""
    if direction < 0:
        back = (anchor.weekday() - weekday) % 7
        return anchor - timedelta(days=back or (7 if strict else 0))
    ahead = (weekday - anchor.weekday()) % 7
    return anchor + timedelta(days=ahead or (7 if strict else 0))


def month_year(anchor: date, month: int, direction: int, strict: bool) -> int:
    """Year of the ``month`` nearest ``anchor`` in ``direction``; 0 means the same year."""
    if direction == 0:
        return anchor.year
    if direction < 0:
        before = month < anchor.month or (month == anchor.month and not strict)
        return anchor.year if before else anchor.year - 1
    after = month > anchor.month or (month == anchor.month and not strict)
    return anchor.year if after else anchor.year + 1


def month_day_date(anchor: date, month: int, day: int, direction: int) -> date | None:
    """The ``month``/``day`` nearest ``anchor`` in ``direction`` (publication day counts);
    direction 0: the nearest either way."""
    if direction == 0:
        dates = [d for y in (-1, 0, 1) if (d := safe_date(anchor.year + y, month, day))]
        return min(dates, key=lambda d: abs((d - anchor).days), default=None)
    found = safe_date(anchor.year, month, day)
    if found is None:
        return safe_date(anchor.year + (1 if direction > 0 else -1), month, day)  # 29 Feb
    if direction < 0 and found > anchor:
        return safe_date(anchor.year - 1, month, day)
    if direction > 0 and found < anchor:
        return safe_date(anchor.year + 1, month, day)
    return found


def unit_value(anchor: date, unit: str, shift: int, *, exact: bool = False) -> Resolution:
    """The ``unit`` ``shift`` units from ``anchor``. ``exact`` counts back from publication
    ('a week ago' is a day); otherwise a week is its month when it lies in one month, and
    'the next day' (counted from the story, not publication) has no value."""
    if unit == "weekend" or (unit == "week" and not exact):
        monday = anchor - timedelta(days=anchor.weekday() - 7 * shift)
        first = monday + timedelta(days=5 if unit == "weekend" else 0)
        last = monday + timedelta(days=6)
        return month_value(first.year, first.month) if first.month == last.month else NONE
    days = {"day": 1, "week": 7, "hour": 0, "minute": 0}.get(unit)
    if days is not None:
        return day_value(anchor + timedelta(days=days * shift)) if exact else NONE
    months = {"month": 1, "quarter": 3, "year": 12}.get(unit)
    if months is None:
        return NONE  # decades, centuries, fortnights
    year, month_number = shift_month(anchor.year, anchor.month, shift * months)
    return month_value(year, month_number) if unit == "month" else year_value(year)


@dataclass(frozen=True, slots=True)
class Context:
    """An expression's classed words with the anchor date and the governing verb's tense."""

    words: list[Word]
    anchor: date
    tense: Tense

    def first(self, cls: str) -> Word:
        return next(w for w in self.words if w.cls in cls)

    def has(self, cls: str) -> bool:
        return any(w.cls == cls for w in self.words)

    def direction(self) -> int:
        """-1: on or before publication, 1: on or after it, 0: 'this' (same unit)."""
        for word in self.words:
            if word.cls == "R":
                return word.num
        return 1 if self.tense == "future" else -1

    def tense_direction(self) -> int:
        return self.direction() or (1 if self.tense == "future" else -1)

    def strict(self) -> bool:
        """'last Tuesday' and 'next Tuesday' skip publication day itself."""
        return any(w.cls == "R" and w.num != 0 for w in self.words)


Handler = Callable[[Context], Resolution]


def full_date(ctx: Context) -> Resolution:
    return day_value(safe_date(ctx.first("Y").num, ctx.first("M").num, ctx.first("D").num))


def month_of_year(ctx: Context) -> Resolution:
    return month_value(ctx.first("Y").num, ctx.first("M").num)


def iso_month(ctx: Context) -> Resolution:
    return month_value(ctx.first("I").num // 100, ctx.first("I").num % 100)


def last_year_word(ctx: Context) -> Resolution:
    """Compound phrases ('the first half of 2018', 'summer 2016') take their year."""
    return year_value(next(w.num for w in reversed(ctx.words) if w.cls == "Y"))


def month_day(ctx: Context) -> Resolution:
    """'March 3': the nearest when no verb tells past from future ('payable March 26')."""
    month, day = ctx.first("M").num, ctx.first("D").num
    direction = 0 if ctx.tense == "none" and not ctx.has("R") else ctx.tense_direction()
    return day_value(month_day_date(ctx.anchor, month, day, direction))


def month(ctx: Context) -> Resolution:
    number = ctx.first("M").num
    return month_value(month_year(ctx.anchor, number, ctx.direction(), ctx.strict()), number)


def weekday(ctx: Context) -> Resolution:
    found = weekday_date(ctx.anchor, ctx.first("W").num, ctx.tense_direction(), ctx.strict())
    return day_value(found)


def deictic(ctx: Context) -> Resolution:
    return day_value(ctx.anchor + timedelta(days=ctx.first("T").num))


def part_of_day(ctx: Context) -> Resolution:
    """'this morning' is publication day, 'last night' the day before; 'next morning' counts
    from the story, not publication."""
    shift = ctx.first("R").num
    return NONE if shift > 0 else day_value(ctx.anchor + timedelta(days=shift))


def relative_unit(ctx: Context) -> Resolution:
    """'last week', 'this year', and compounds ending in one ('end of last year')."""
    unit = next(w for w in reversed(ctx.words) if w.cls == "U")
    modifier = next(w for w in reversed(ctx.words) if w.cls == "R")
    return unit_value(ctx.anchor, unit.key, modifier.num)


def month_of_relative_year(ctx: Context) -> Resolution:
    """'January next year', 'April of last year'."""
    if ctx.first("U").key != "year":
        return NONE
    return month_value(ctx.anchor.year + ctx.first("R").num, ctx.first("M").num)


def ago(ctx: Context) -> Resolution:
    if not ctx.has("N") and not ctx.has("D"):
        return NONE  # 'weeks ago'
    count = ctx.first("ND").num
    return unit_value(ctx.anchor, ctx.first("U").key, -count, exact=True)


def quarter(ctx: Context) -> Resolution:
    number = ctx.first("OD").num
    if not 1 <= number <= 4:
        return NONE
    first, last = number * 3 - 2, number * 3
    year = ctx.anchor.year
    if ctx.tense_direction() < 0:
        return year_value(year if first <= ctx.anchor.month else year - 1)
    return year_value(year if last >= ctx.anchor.month else year + 1)


class Resolver:
    """Turns the text of one time expression into a :class:`Resolution`."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._table = word_table(lexicon)
        self._dropped = lexicon.ignored_words | lexicon.clock_words
        holidays = sorted(lexicon.holidays, key=len, reverse=True)
        self._holiday = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in holidays) + r")\b")
        self._clock = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b")
        # Order matters: the first whole-string match of the class string wins.
        absolute: list[tuple[str, Handler]] = [
            (r"(W )?(M D|D M) Y", full_date),
            (r"(W )?M Y", month_of_year),
            (r"I", iso_month),
            (r"Y|(R )?S Y|[OD] Q Y|O Y", last_year_word),
            (r"H Y", self.holiday),
        ]
        relative: list[tuple[str, Handler]] = [
            (r"(W )?(M D|D M)( P)?", month_day),
            (r"(R )?M", month),
            (r"(R )?W( P)?|W R P", weekday),
            (r"T( P)?|P T", deictic),
            (r"R P", part_of_day),
            (r"([OD] (Q )?)?R U", relative_unit),
            (r"M R U", month_of_relative_year),
            (r"[ND]? ?U A", ago),
            (r"(R )?S", self.season),
            (r"(R )?H", self.holiday),
            (r"[OD] Q", quarter),
        ]
        self._absolute = [(re.compile(p), h) for p, h in absolute]
        self._relative = [(re.compile(p), h) for p, h in relative]

    def resolve(self, text: str, anchor: date | None, tense: Tense) -> Resolution:
        norm = normalise(text)
        iso = _ISO_DAY.search(norm)
        if iso:
            return day_value(safe_date(int(iso[1]), int(iso[2]), int(iso[3])))
        words = self.classify(norm)
        if not words:
            return SKIP  # a clock time alone, or only function words
        if any(w.cls == "G" for w in words) or all(w.cls in "NDJ" for w in words):
            return SKIP  # an age, a bare number ('Barra, 51'), 'annual'
        if any(w.cls == "F" for w in words):
            return NONE
        if anchor is None:
            return self._match(self._absolute, words, date.min, tense)
        return self._match(self._absolute + self._relative, words, anchor, tense)

    def _match(
        self, rules: list[tuple[re.Pattern[str], Handler]], words: list[Word], anchor: date,
        tense: Tense,
    ) -> Resolution:
        classes = " ".join(w.cls for w in words)
        for pattern, handler in rules:
            if pattern.fullmatch(classes):
                try:
                    return handler(Context(words, anchor, tense))
                except OverflowError:
                    return NONE  # '100000 weeks ago': before year 1
        return NONE

    def classify(self, norm: str) -> list[Word]:
        norm = self._clock.sub(" ", norm)
        holidays = self._holiday.findall(norm)
        for index, name in enumerate(holidays):
            norm = norm.replace(name, f" _h{index}_ ", 1)
        words: list[Word] = []
        for raw in _WORD.findall(norm):
            if raw.startswith("_h"):
                words.append(Word("H", key=holidays[int(raw[2:-1])]))
                continue
            word = number_class(raw) if raw[0] in "0123456789'" else self._table.get(raw)
            prev = words[-1].cls if words else ""
            if word is None and raw in ("later", "earlier") and prev == "U":
                word = Word("L")  # 'two days later' counts from the story, not publication
            elif word is None and raw not in self._dropped:
                word = None if raw in ("later", "earlier") else Word("?", key=raw)
            elif word is not None and word.key == "quarter" and prev and prev in "OD":
                word = Word("Q")  # 'the third quarter': a calendar quarter, not a duration
            if word is not None:
                words.append(word)
        return words

    def season(self, ctx: Context) -> Resolution:
        months = self.lex.seasons[ctx.first("S").key]
        first, last, now = months[0], months[-1], ctx.anchor.month
        if first > last:
            return NONE  # winter straddles two years
        direction, year = ctx.direction(), ctx.anchor.year
        if direction == 0:
            return year_value(year)
        if ctx.strict():
            if direction < 0:
                return year_value(year if last < now else year - 1)
            return year_value(year if first > now else year + 1)
        if direction < 0:
            return year_value(year if first <= now else year - 1)
        return year_value(year if last >= now else year + 1)

    def holiday(self, ctx: Context) -> Resolution:
        month_number, day = self.lex.holidays[ctx.first("H").key]
        if ctx.has("Y"):
            return day_value(safe_date(ctx.first("Y").num, month_number, day))
        return day_value(month_day_date(ctx.anchor, month_number, day, ctx.tense_direction()))


def word_table(lex: Lexicon) -> dict[str, Word]:
    """Every lexicon word with its class; the first table that names a word wins."""
    table: dict[str, Word] = {"ago": Word("A"), "past": Word("B")}  # 'the past week': a span
    numbered: list[tuple[str, dict[str, int]]] = [
        ("M", lex.months), ("W", lex.weekdays), ("T", lex.deictic_days),
        ("R", lex.relative_modifiers), ("O", lex.ordinals), ("N", lex.numbers),
    ]
    for cls, numbers in numbered:
        for name, number in numbers.items():
            table.setdefault(name, Word(cls, number, name))
    for name, unit in lex.units.items():
        table.setdefault(name, Word("U", key=unit))
    named: list[tuple[str, Iterable[str]]] = [
        ("S", lex.seasons), ("P", lex.parts_of_day), ("F", lex.frequency_words),
        ("G", lex.age_words), ("J", lex.date_adjectives),
    ]
    for cls, names in named:
        for name in names:
            table.setdefault(name, Word(cls, key=name))
    return table


def number_class(raw: str) -> Word:
    """Y a year, D a day of the month, N any other count, I '2018-03', X a decade ('90s)."""
    if raw.startswith("'") or raw.endswith("s"):
        return Word("X")
    if "-" in raw or len(raw) > 12:  # int() of a huge digit string is slow
        return _iso_month(raw)
    ordinal = _ORDINAL.fullmatch(raw)
    value = int(ordinal[1]) if ordinal else int(raw)
    if ordinal or (1 <= value <= 31 and len(raw) <= 2):
        return Word("D", value, raw)
    return Word("Y" if len(raw) == 4 and 1000 <= value <= 2999 else "N", value, raw)


def _iso_month(raw: str) -> Word:
    """'2018-03' is a month; '2018-19' (a season or fiscal year) is not."""
    if "-" in raw:
        year, month_number = int(raw[:4]), int(raw[5:])
        if 1 <= month_number <= 12 and month_number != (year + 1) % 100:
            return Word("I", year * 100 + month_number, raw)
    return Word("?", key=raw)
