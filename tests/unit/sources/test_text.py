"""The plain-text and Markdown wire reader: header metadata out, furniture out, clean body."""

from __future__ import annotations

import pytest

from eventwire.sources.text import read_wire_text

WIRE = """\
# Ferry Talks Stall Over Harbour Fees

By [Reuters](#)

March 3, 2021

**Mara Lindqvist**

Negotiators from the two island councils ended a third day of talks on Tuesday without a \
deal on harbour fees, officials said.

## Fees at the centre

The dispute turns on how much each council charges ferries that dock overnight, a cost \
that operators say has doubled since

the last agreement lapsed two years ago.

**Related article:** [Island councils trade blame over ferry delays](#)

[Ferry timetable](https://example.org/timetable) | [Fares](https://example.org/fares)

A spokesman for the northern council said *both sides* wanted a [fair deal](https://x.org/a) \
and that **talks would resume** next week.

Original url:

<https://www.reuters.com/world/ferry-talks-stall-2021-03-03/>

7
"""


def test_wire_layout_metadata() -> None:
    art = read_wire_text(WIRE, "wire.md")
    assert art.title == "Ferry Talks Stall Over Harbour Fees"
    assert art.published == "2021-03-03"
    assert art.source == "Reuters"
    assert art.authors == []
    assert art.credits == ["Mara Lindqvist"]
    assert art.url == "https://www.reuters.com/world/ferry-talks-stall-2021-03-03/"
    assert art.extra["related"] == ["Island councils trade blame over ferry delays"]
    assert art.input_name == "wire.md"


def test_wire_layout_body_has_no_furniture() -> None:
    body = read_wire_text(WIRE, "wire.md").text
    assert body.split("\n\n") == [
        "Negotiators from the two island councils ended a third day of talks on Tuesday "
        "without a deal on harbour fees, officials said.",
        "The dispute turns on how much each council charges ferries that dock overnight, a cost "
        "that operators say has doubled since the last agreement lapsed two years ago.",
        "A spokesman for the northern council said both sides wanted a fair deal and that "
        "talks would resume next week.",
    ]


@pytest.mark.parametrize(
    ("byline", "source", "authors"),
    [
        ("By Jane Doe", None, ["Jane Doe"]),
        ("By Jane Doe, Reuters", "Reuters", ["Jane Doe"]),
        ("By Jane Doe and Omar Haddad, AP", "Associated Press", ["Jane Doe", "Omar Haddad"]),
        ("BY [Agence France-Presse](#)", "Agence France-Presse", []),
        ("By Lena Ortiz in Lisbon", None, ["Lena Ortiz"]),
    ],
)
def test_bylines(byline: str, source: str | None, authors: list[str]) -> None:
    art = read_wire_text(f"Rail Strike Ends\n\n{byline}\n\nTrains ran again on Friday.", "b")
    assert (art.source, art.authors) == (source, authors)
    assert art.text == "Trains ran again on Friday."


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("February 15, 2019", "2019-02-15"),
        ("15 February 2019", "2019-02-15"),
        ("2019-02-15", "2019-02-15"),
        ("Published: 4 July 2022", "2022-07-04"),
        ("2020-11-03T14:05:00Z", "2020-11-03T14:05:00+00:00"),
    ],
)
def test_datelines(dateline: str, published: str) -> None:
    art = read_wire_text(f"# Polls Close\n\n{dateline}\n\nCounting began at once.", "d")
    assert art.published == published
    assert art.text == "Counting began at once."


def test_a_sentence_starting_with_by_is_body_text() -> None:
    text = "# Floods Recede\n\nBy Monday the river had fallen below its banks.\n\nRoads reopened."
    art = read_wire_text(text, "t")
    assert art.authors == [] and art.source is None
    assert art.text.startswith("By Monday the river")


def test_plain_text_title_is_a_short_unpunctuated_first_line() -> None:
    text = "Dam Repairs Finished Early\n\nEngineers finished the dam repairs a week early.\n"
    art = read_wire_text(text, "plain.txt")
    assert art.title == "Dam Repairs Finished Early"
    assert art.text == "Engineers finished the dam repairs a week early."


def test_plain_text_starting_with_a_sentence_has_no_title() -> None:
    text = "Engineers finished the dam repairs a week early.\n\nThe road reopens today.\n"
    art = read_wire_text(text, "plain.txt")
    assert art.title is None
    assert art.text == ("Engineers finished the dam repairs a week early.\n\n"
                        "The road reopens today.")


def test_setext_title_and_internal_newlines() -> None:
    text = "Budget Passes\n=============\n\nThe assembly passed the budget\nlate on Thursday.\n"
    art = read_wire_text(text, "s.md")
    assert art.title == "Budget Passes"
    assert art.text == "The assembly passed the budget late on Thursday."


def test_paragraph_continuing_in_lower_case_is_joined() -> None:
    text = "The minister left the meeting early\n\nbecause of a family matter, aides said."
    art = read_wire_text(text, "j", header=False)
    assert art.text == "The minister left the meeting early because of a family matter, aides said."


def test_short_unpunctuated_line_before_a_capitalised_paragraph_stays_apart() -> None:
    text = "Aid convoy arrives in the north\n\nTrucks carrying grain crossed the border."
    assert read_wire_text(text, "k", header=False).text.split("\n\n") == [
        "Aid convoy arrives in the north", "Trucks carrying grain crossed the border."]


def test_page_numbers_rules_images_and_credit_lines_are_dropped() -> None:
    text = (
        "Voters queued from dawn.\n\nPage 2\n\n- 3 -\n\n---\n\n![A polling station](p.jpg)\n\n"
        "Photo: Ines Carvalho/Reuters\n\nResults are due on Monday.\n\n© 2021 Example Media"
    )
    art = read_wire_text(text, "p", header=False)
    assert art.text == "Voters queued from dawn.\n\nResults are due on Monday."
    assert art.credits == ["Ines Carvalho/Reuters"]


def test_url_label_with_the_url_on_the_same_line() -> None:
    text = "# Port Reopens\n\nShips sailed again.\n\nOriginal url: https://www.bbc.co.uk/news/port-1"
    art = read_wire_text(text, "u")
    assert art.url == "https://www.bbc.co.uk/news/port-1"
    assert art.text == "Ships sailed again."


def test_links_without_an_url_label_do_not_set_the_url() -> None:
    text = "# Port Reopens\n\nShips sailed again.\n\n<https://example.org/elsewhere>"
    art = read_wire_text(text, "u")
    assert art.url is None
    assert art.text == "Ships sailed again."


def test_inline_markup_is_removed_and_escapes_kept() -> None:
    text = ("The __council__ voted *7 to 2* for the `plan`, see [the vote](https://v.org/1 "
            '"tally"), at 3\\*4 Main St.')
    art = read_wire_text(text, "m", header=False)
    assert art.text == "The council voted 7 to 2 for the plan, see the vote, at 3*4 Main St."


def test_snake_case_and_arithmetic_survive() -> None:
    text = "The file_name field and 2 * 3 = 6 stay as they are."
    assert read_wire_text(text, "s", header=False).text == text


def test_bold_name_before_any_dateline_is_not_a_credit() -> None:
    text = "**Analysis**\n\nThe coalition has three weeks to agree on a budget."
    art = read_wire_text(text, "a")
    assert art.credits == []
    assert art.text == "The coalition has three weeks to agree on a budget."


def test_plain_text_credit_is_a_bare_name_under_the_dateline() -> None:
    text = ("Ferry Talks Stall\n\nBy Reuters\n\nMarch 3, 2021\n\nMara Lindqvist\n\n"
            "Negotiators ended a third day of talks.\n\nOfficials Said Little\n\nMore later.")
    art = read_wire_text(text, "plain.txt")
    assert art.credits == ["Mara Lindqvist"]
    assert art.text.split("\n\n") == [
        "Negotiators ended a third day of talks.", "Officials Said Little", "More later."]
