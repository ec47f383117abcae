"""The quotes stage on hand-written sentences: direct, partial, indirect and mixed speech."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from eventwire.config import Settings
from eventwire.extract.quote_marks import find_quoted
from eventwire.extract.quotes import QuoteStage
from eventwire.model import Actor, Article, Document, Quote
from eventwire.parse import load_nlp, paragraph_spans, sentence_spans

MARKS = "\"“”‘’'«»"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(Settings().model)


@pytest.fixture(scope="module")
def stage() -> QuoteStage:
    return QuoteStage(Settings())


def code(nlp: Language, stage: QuoteStage, text: str,
         actors: dict[str, list[str]] | None = None) -> Document:
    """Run the stage on ``text``; each actor's mentions are every whole-word match of its words."""
    parsed = nlp(text)
    doc = Document(id="x" * 64, article=Article(text=text), parse=parsed,
                   paragraphs=paragraph_spans(text), sentences=sentence_spans(parsed))
    for n, (name, words) in enumerate((actors or {}).items(), start=1):
        spans = sorted((m.start(), m.end()) for w in words
                       for m in re.finditer(rf"\b{re.escape(w)}\b", text))
        doc.actors.append(Actor(f"A{n}", name, mentions=spans))
    stage(doc)
    for quote in doc.quotes:
        assert quote.text == text[quote.start:quote.end]
        assert quote.text.strip() == quote.text != ""
        if quote.kind in ("direct", "partial"):  # a reported clause may open with its fragment
            assert quote.text[0] not in MARKS and quote.text[-1] not in MARKS + ","
    return doc


def only(doc: Document, kind: str) -> list[Quote]:
    return [q for q in doc.quotes if q.kind == kind]


# --- quote marks ---------------------------------------------------------------------------

def test_marks_pair_straight_curly_and_doubled_apostrophes() -> None:
    text = "“Bridges first,” she said. \"Roads next.\" ''Then rail,'' he added."
    assert [text[q.start:q.end] for q in find_quoted(text)] == [
        "Bridges first", "Roads next.", "Then rail"]


def test_marks_keep_nested_single_quotes_and_apostrophes_inside() -> None:
    text = "\"They called the vote 'a sham' and the mayor's plan a joke,\" he said."
    (quoted,) = find_quoted(text)
    assert text[quoted.start:quoted.end] == (
        "They called the vote 'a sham' and the mayor's plan a joke")


def test_marks_top_level_curly_single_quotes_but_not_apostrophes() -> None:
    text = "Mayor’s plan is ‘dead on arrival’, rivals say."
    assert [text[q.start:q.end] for q in find_quoted(text)] == ["dead on arrival"]


def test_marks_never_raise_on_odd_counts() -> None:
    for text in ['"', '""', '"""', 'a " b', 'He said "yes and left.', '“ ” “', "''"]:
        for quoted in find_quoted(text):
            assert 0 <= quoted.start <= quoted.end <= len(text)


def test_a_quote_that_never_closes_continues_into_a_reopened_paragraph() -> None:
    text = 'She said: "The first half ends here.\n\n"The second half closes it."'
    (quoted,) = find_quoted(text)
    assert text[quoted.start:quoted.end].startswith("The first half")
    assert text[quoted.start:quoted.end].endswith("closes it.")


def test_an_unclosed_quote_opening_its_paragraph_runs_to_the_paragraph_end() -> None:
    text = '"We waited all night for news\n\nThe next day was calm.'
    (quoted,) = find_quoted(text)
    assert text[quoted.start:quoted.end] == "We waited all night for news"
    assert not quoted.closed


# --- direct quotes -------------------------------------------------------------------------

def test_direct_quote_attributed_after_with_cue_and_addressees(
        nlp: Language, stage: QuoteStage) -> None:
    text = ('"We will not accept any delay in the grain deliveries," Ana Ruiz told Tom Berg '
            'and Lia Chen. "The ports must open this week."')
    doc = code(nlp, stage, text, {"Ana Ruiz": ["Ana Ruiz"], "Tom Berg": ["Tom Berg"],
                                  "Lia Chen": ["Lia Chen"]})
    first, second = only(doc, "direct")
    assert first.text == "We will not accept any delay in the grain deliveries"
    assert (first.speaker, first.speaker_text, first.cue) == ("A1", "Ana Ruiz", "told")
    assert first.addressees == ["A2", "A3"]
    assert second.text == "The ports must open this week."
    assert (second.speaker, second.addressees) == ("A1", ["A2", "A3"])


def test_direct_quote_with_inverted_attribution(nlp: Language, stage: QuoteStage) -> None:
    doc = code(nlp, stage, '"The ceasefire is holding," said Omar Haddad.',
               {"Omar Haddad": ["Omar Haddad"]})
    (quote,) = doc.quotes
    assert (quote.kind, quote.speaker, quote.speaker_text, quote.cue) == (
        "direct", "A1", "Omar Haddad", "said")


def test_direct_quote_attributed_before_with_a_colon(nlp: Language, stage: QuoteStage) -> None:
    doc = code(nlp, stage, 'The governor said: "Schools reopen on Monday."',
               {"Governor": ["The governor"]})
    (quote,) = doc.quotes
    assert (quote.kind, quote.text, quote.speaker) == ("direct", "Schools reopen on Monday.", "A1")


def test_attribution_inside_a_split_quote_covers_both_halves(
        nlp: Language, stage: QuoteStage) -> None:
    text = '"The talks were useful," Omar Haddad said, "but nothing was signed."'
    doc = code(nlp, stage, text, {"Omar Haddad": ["Omar Haddad"]})
    assert [(q.kind, q.text, q.speaker) for q in doc.quotes] == [
        ("direct", "The talks were useful", "A1"),
        ("direct", "but nothing was signed.", "A1")]


def test_pronoun_and_title_speakers_resolve_through_mentions(
        nlp: Language, stage: QuoteStage) -> None:
    text = ('Lia Chen arrived late. "The roads were closed," she said.\n\n'
            'Officials met at noon. "No agreement was reached," the minister added.')
    doc = code(nlp, stage, text, {"Lia Chen": ["Lia Chen", "she"],
                                  "Omar Haddad": ["the minister"]})
    pronoun, title = only(doc, "direct")
    assert (pronoun.speaker, pronoun.speaker_text, pronoun.cue) == ("A1", "she", "said")
    assert (title.speaker, title.speaker_text, title.cue) == ("A2", "the minister", "added")


def test_a_quote_in_a_new_paragraph_keeps_the_previous_speaker(
        nlp: Language, stage: QuoteStage) -> None:
    text = ('"We have enough fuel for a week," Tom Berg said.\n\n'
            '"After that the generators stop."')
    doc = code(nlp, stage, text, {"Tom Berg": ["Tom Berg"]})
    assert [q.speaker for q in only(doc, "direct")] == ["A1", "A1"]


def test_a_multi_paragraph_quote_is_one_quote(nlp: Language, stage: QuoteStage) -> None:
    text = ('Omar Haddad said: "The first convoy left at dawn.\n\n'
            '"The second will leave when the road is cleared."')
    doc = code(nlp, stage, text, {"Omar Haddad": ["Omar Haddad"]})
    (quote,) = doc.quotes
    assert quote.kind == "direct" and quote.speaker == "A1"
    assert quote.text.startswith("The first convoy") and quote.text.endswith("cleared.")


def test_unattributed_and_quote_only_texts(nlp: Language, stage: QuoteStage) -> None:
    (quote,) = code(nlp, stage, '"Nobody expected the river to rise so fast."').quotes
    assert (quote.kind, quote.speaker, quote.speaker_text) == ("direct", None, None)
    for text in ['"', '""', '" "', 'An odd " mark and "another', '“Open ended']:
        code(nlp, stage, text)


# --- partial quotes ------------------------------------------------------------------------

def test_partial_quote_takes_the_speaker_of_the_verb_above_it(
        nlp: Language, stage: QuoteStage) -> None:
    text = 'Lia Chen condemned the raid on what she called "a peaceful village" near the coast.'
    doc = code(nlp, stage, text, {"Lia Chen": ["Lia Chen", "she"]})
    (partial,) = only(doc, "partial")
    assert partial.text == "a peaceful village"
    assert (partial.speaker, partial.speaker_text, partial.cue) == ("A1", "she", "called")


def test_fragment_inside_a_reported_clause_is_partial_and_the_clause_mixed(
        nlp: Language, stage: QuoteStage) -> None:
    text = 'Tom Berg said the two parties were "very close" to a deal on water rights.'
    doc = code(nlp, stage, text, {"Tom Berg": ["Tom Berg"]})
    (partial,) = only(doc, "partial")
    (mixed,) = only(doc, "mixed")
    assert (partial.text, partial.speaker, partial.speaker_text) == ("very close", "A1", "Tom Berg")
    assert mixed.text.startswith("the two parties were") and mixed.speaker == "A1"
    assert mixed.start <= partial.start and partial.end <= mixed.end


def test_scare_quotes_with_no_reporting_verb_are_not_quotes(
        nlp: Language, stage: QuoteStage) -> None:
    doc = code(nlp, stage, 'The "peace dividend" of the treaty never arrived.')
    assert doc.quotes == []


# --- indirect speech -----------------------------------------------------------------------

def test_indirect_speech_from_the_complementiser_to_the_clause_end(
        nlp: Language, stage: QuoteStage) -> None:
    text = "Ana Ruiz said on Tuesday that the border would reopen within days."
    (quote,) = code(nlp, stage, text, {"Ana Ruiz": ["Ana Ruiz"]}).quotes
    assert (quote.kind, quote.text) == ("indirect", "that the border would reopen within days")
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("A1", "Ana Ruiz", "said")


@pytest.mark.parametrize("verb", ["warned", "insisted", "denied", "complained"])
def test_indirect_speech_with_other_reporting_verbs(
        nlp: Language, stage: QuoteStage, verb: str) -> None:
    text = f"The mayor {verb} that the budget had been cut without a vote."
    (quote,) = code(nlp, stage, text, {"Mayor": ["The mayor"]}).quotes
    assert (quote.kind, quote.speaker, quote.cue) == ("indirect", "A1", verb)
    assert quote.text == "that the budget had been cut without a vote"


def test_told_names_actor_and_non_actor_addressees(nlp: Language, stage: QuoteStage) -> None:
    text = ("Omar Haddad told Lia Chen the vote was postponed. "
            "Lia Chen told local radio stations the vote was cancelled.")
    doc = code(nlp, stage, text, {"Omar Haddad": ["Omar Haddad"], "Lia Chen": ["Lia Chen"]})
    first, second = doc.quotes
    assert (first.speaker, first.addressees, first.addressee_text) == ("A1", ["A2"], None)
    assert (second.speaker, second.addressees) == ("A2", [])
    assert second.addressee_text == "local radio stations"


def test_according_to_names_the_source(nlp: Language, stage: QuoteStage) -> None:
    text = "According to Tom Berg, the harvest fell by a third this year."
    (quote,) = code(nlp, stage, text, {"Tom Berg": ["Tom Berg"]}).quotes
    assert (quote.kind, quote.text, quote.cue) == (
        "indirect", "the harvest fell by a third this year", "according to")
    assert (quote.speaker, quote.speaker_text) == ("A1", "Tom Berg")


def test_unknown_speaker_keeps_its_words(nlp: Language, stage: QuoteStage) -> None:
    (quote,) = code(nlp, stage, "Local farmers said the dam had flooded their fields.").quotes
    assert (quote.speaker, quote.speaker_text) == (None, "Local farmers")


def test_negated_speech_reports_nothing(nlp: Language, stage: QuoteStage) -> None:
    doc = code(nlp, stage, "Ana Ruiz did not say when the border would reopen.",
               {"Ana Ruiz": ["Ana Ruiz"]})
    assert doc.quotes == []


def test_ids_follow_text_order(nlp: Language, stage: QuoteStage) -> None:
    text = ('Tom Berg said prices rose. "They will rise again," Lia Chen said. '
            "According to Omar Haddad, wages stayed flat.")
    doc = code(nlp, stage, text)
    assert [q.id for q in doc.quotes] == ["Q1", "Q2", "Q3"]
    assert [q.start for q in doc.quotes] == sorted(q.start for q in doc.quotes)


def test_parenthetical_attribution_reports_the_clause_around_it(
        nlp: Language, stage: QuoteStage) -> None:
    text = "The new bridge, Omar Haddad said, will carry twice as many trucks as the old one."
    (quote,) = code(nlp, stage, text, {"Omar Haddad": ["Omar Haddad"]}).quotes
    assert (quote.kind, quote.speaker, quote.cue) == ("indirect", "A1", "said")
    # one span holds the whole clause, its subject too, so it keeps the attribution's words
    assert quote.text == text.rstrip(".")


def test_phrasal_and_noun_cues(nlp: Language, stage: QuoteStage) -> None:
    text = ("Lia Chen called for an independent inquiry into the shooting. "
            "Tom Berg rejected her claim that the police had fired first.")
    doc = code(nlp, stage, text, {"Lia Chen": ["Lia Chen", "her"], "Tom Berg": ["Tom Berg"]})
    by_cue = {q.cue: q for q in doc.quotes}
    assert by_cue["called"].text == "an independent inquiry into the shooting"
    assert by_cue["called"].speaker == "A1"
    assert by_cue["claim"].text == "that the police had fired first"
    assert (by_cue["claim"].speaker, by_cue["claim"].speaker_text) == ("A1", "her")


# --- attributions PolNeAR counts that a reporting verb alone does not find ----------------

def test_headline_label_names_the_speaker(nlp: Language, stage: QuoteStage) -> None:
    text = "Pence: Flowers won't be at the debate\n\nThe campaign confirmed it on Sunday."
    (quote,) = code(nlp, stage, text, {"Pence": ["Pence"]}).quotes
    assert (quote.kind, quote.text, quote.speaker, quote.speaker_text) == (
        "indirect", "Flowers won't be at the debate", "A1", "Pence")
    assert code(nlp, stage, "The Latest: Cruz to give away a shotgun\n\nHe spoke.").quotes == []


@pytest.mark.parametrize("mark", ["", '"'])
def test_transcript_turns_are_direct_quotes_of_their_label(
        nlp: Language, stage: QuoteStage, mark: str) -> None:
    text = "\n\n".join(f"{mark}{line}" for line in (
        "WALLACE: Let's start with the news.", "PENCE: Well, look, it is serious business.",
        "WALLACE: Thank you, governor.", "PENCE: Thank you.",
        "CORRECTION: An earlier version misspelled a name."))
    doc = code(nlp, stage, text, {"Pence": ["PENCE"]})
    assert [(q.kind, q.speaker_text) for q in doc.quotes] == [
        ("direct", "WALLACE"), ("direct", "PENCE"), ("direct", "WALLACE"), ("direct", "PENCE")]
    assert doc.quotes[1].text == "Well, look, it is serious business"
    assert doc.quotes[1].speaker == "A1"


def test_passive_speech_reports_its_subject(nlp: Language, stage: QuoteStage) -> None:
    text = "Mr. Quiros was accused of using $50 million for personal expenses."
    (quote,) = code(nlp, stage, text).quotes
    assert (quote.kind, quote.cue, quote.speaker_text) == ("indirect", "accused", None)
    assert quote.text.startswith("Mr. Quiros") and quote.text.endswith("personal expenses")
    text = "The meeting was first reported by Politico."
    (quote,) = code(nlp, stage, text, {"Politico": ["Politico"]}).quotes
    assert (quote.text, quote.speaker, quote.cue) == ("The meeting", "A1", "reported")


def test_a_clause_inside_another_speakers_words_is_no_quote_of_its_own(
        nlp: Language, stage: QuoteStage) -> None:
    text = "Trump said Clinton thought she would win the debate."
    (quote,) = code(nlp, stage, text, {"Trump": ["Trump"], "Clinton": ["Clinton"]}).quotes
    assert (quote.speaker, quote.cue) == ("A1", "said")
    assert quote.text == "Clinton thought she would win the debate"


# --- content boundaries --------------------------------------------------------------------

def test_object_content_keeps_what_the_verb_says_of_it(
        nlp: Language, stage: QuoteStage) -> None:
    text = "The poll showed Clinton with a lead of three points."
    (quote,) = code(nlp, stage, text, {"Clinton": ["Clinton"]}).quotes
    assert quote.text == "Clinton with a lead of three points"
    text = 'Trump referred to the migrants as "criminals" on Monday.'
    doc = code(nlp, stage, text, {"Trump": ["Trump"]})
    (mixed,) = only(doc, "mixed")
    assert mixed.text.startswith('the migrants as "criminals"') and mixed.speaker == "A1"


def test_every_reported_clause_of_one_verb_is_content(
        nlp: Language, stage: QuoteStage) -> None:
    text = ("Experts said her plans were detailed and, more important, would not blow "
            "a hole in the budget.")
    (quote,) = code(nlp, stage, text).quotes
    assert quote.text.startswith("her plans were detailed")
    assert quote.text.endswith("a hole in the budget")


def test_clause_only_cue_reports_no_bare_object(nlp: Language, stage: QuoteStage) -> None:
    doc = code(nlp, stage, "Auditors found that the books were wrong. The mayor found the keys.")
    assert [(q.text, q.cue) for q in doc.quotes] == [("that the books were wrong", "found")]


def test_a_title_closing_its_sentence_is_no_partial_quote(
        nlp: Language, stage: QuoteStage) -> None:
    text = 'Pence said the host of "Meet the Press." had been fair.'
    doc = code(nlp, stage, text, {"Pence": ["Pence"]})
    assert only(doc, "partial") == [] and only(doc, "direct") == []


# --- direct quotes: attribution --------------------------------------------------------------

def test_a_title_before_the_speakers_name_ends_no_sentence(
        nlp: Language, stage: QuoteStage) -> None:
    text = "''This is not reform,'' said Mr. Holtz-Eakin. ''It is anti-reform.''"
    doc = code(nlp, stage, text, {"Holtz-Eakin": ["Mr. Holtz-Eakin"]})
    assert [(q.text, q.speaker) for q in doc.quotes] == [
        ("This is not reform", "A1"), ("It is anti-reform.", "A1")]


def test_dash_attribution_after_a_full_stop(nlp: Language, stage: QuoteStage) -> None:
    text = ("\u201cWe need law and order.\u201d \u2015 Sonya Herridge\n"
            "\u201cFear is everywhere.\u201d\u2015 Edwin G. Monroy\u00a0\n")
    doc = code(nlp, stage, text)
    assert [(q.text, q.speaker_text) for q in doc.quotes] == [
        ("We need law and order.", "Sonya Herridge"), ("Fear is everywhere.", "Edwin G. Monroy")]


def test_a_quote_after_a_speech_sentence_is_its_speakers(
        nlp: Language, stage: QuoteStage) -> None:
    text = 'The administration may wait, Schiff said. "The other factor is timing."'
    doc = code(nlp, stage, text, {"Schiff": ["Schiff"]})
    assert [(q.kind, q.speaker) for q in doc.quotes] == [("indirect", "A1"), ("direct", "A1")]
    text = 'Every voter said the vote was close.\n\n"We will count again."'
    assert only(code(nlp, stage, text), "direct")[0].speaker_text is None  # a new paragraph


def test_markup_tags_quote_nothing(nlp: Language, stage: QuoteStage) -> None:
    text = '<tweet author="someone" tweet_id="123">The vote was rigged</tweet> he wrote.'
    assert find_quoted(text) == []
    assert code(nlp, stage, text).quotes == []
