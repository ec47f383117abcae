"""ECB+ cross-document event coreference (topic folders of CAT XML documents).

Gold: every ACTION_* / NEG_ACTION_* mention is an event mention. Mentions linked by a
CROSS_DOC_COREF relation to the same instance (its ``note``, the instance id) form one
cluster across documents; INTRA_DOC_COREF links form a cluster inside one document;
unlinked mentions are singletons.

End to end (``muc_f1`` … ``conll_f1``, every topic read): the articles are coded, our
events merged across articles by ``eventwire.store.merge.merge_events(records)`` (clusters
of ``(record id, event id)`` pairs), and each event is placed on the gold mention its
trigger overlaps; an event on no gold mention stays a mention of its own (it costs
precision), and a gold mention no event sits on is missing (it costs recall). This
measures the coder and the merge rule together, and the coder finds few ECB+ mentions.

The merge rule alone (``gold_dev_*``, dev topics only: the rule is tuned on the others):
every gold mention is given the event our coder produced on its trigger, else the
nearest one in its sentence (each event given to one mention at most), with that event's
type, actors, date and place and the mention's own trigger words; the rule merges these
and a mention with no event stays a singleton. Two baselines on the same mentions say
what the rule is worth: every mention a singleton, and one cluster per topic. ECB+
documents carry no publication date, so nearly every mention is undated and the rule's
date window separates nothing here (a note counts the dated ones).

Metrics: MUC, B³, CEAF-e F1 and their mean, the CoNLL F1.

Until ``eventwire.store.merge`` exists the set is reported as not yet scorable.
"""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from . import records as rv
from .coding import Coder
from .meantime_reader import rebuild_text
from .metrics import PRF, b_cubed, ceaf_e, muc, ratio
from .report import Metrics, SetReport, not_scorable

NAME = "ecbplus"
# The ECB+ dev topics (Cybulska and Vossen's split); the test topics are not in ../shared.
DEV_TOPICS = frozenset({"2", "5", "12", "18", "21", "23", "34", "35"})
WAITING_FOR = "needs cross-article event merging (issue 7)"
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")

MentionId = tuple[str, str]  # (document name, m_id), or ("ours", "<record>/<event>")
EventRef = tuple[str, str]  # (record id, event id)
Merge = Callable[[Sequence[Mapping[str, Any]]], Sequence[Sequence[EventRef]]]


@dataclass(frozen=True, slots=True)
class EventMention:
    doc: str
    m_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EcbDoc:
    name: str
    topic: str
    text: str
    mentions: tuple[EventMention, ...]
    links: tuple[tuple[str, str], ...]  # (m_id, cluster key)


def read_doc(path: Path, topic: str) -> EcbDoc:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise InputError(str(path), f"cannot read ECB+ file: {err}") from None
    tokens = sorted((int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "")
                    for t in root.iter("token"))
    text, spans = rebuild_text(tokens)
    markables = root.find("Markables")
    mentions = []
    for m in [] if markables is None else list(markables):
        ids = [int(a.get("t_id", "0")) for a in m.findall("token_anchor")]
        if m.tag.startswith(EVENT_TAGS) and ids and all(i in spans for i in ids):
            mentions.append(EventMention(path.stem, m.get("m_id", ""),
                                         min(spans[i][0] for i in ids),
                                         max(spans[i][1] for i in ids)))
    return EcbDoc(path.stem, topic, text, tuple(mentions), _links(root, path.stem))


def _links(root: ET.Element, doc: str) -> tuple[tuple[str, str], ...]:
    relations = root.find("Relations")
    out: list[tuple[str, str]] = []
    for rel in [] if relations is None else list(relations):
        target = rel.find("target")
        if target is None:
            continue
        if rel.tag == "CROSS_DOC_COREF" and rel.get("note"):
            key = f"instance:{rel.get('note')}"
        elif rel.tag == "INTRA_DOC_COREF":
            key = f"{doc}:{target.get('m_id')}"
        else:
            continue
        out.extend((s.get("m_id", ""), key) for s in rel.findall("source"))
    return tuple(out)


def read_corpus(path: Path, limit: int | None = None) -> list[EcbDoc]:
    """Documents of the topic folders under ``path`` (or of one topic folder), by topic."""
    topics = sorted((p for p in path.iterdir() if p.is_dir()), key=_topic_key) \
        if any(p.is_dir() for p in path.iterdir()) else [path]
    docs = [read_doc(f, t.name) for t in topics for f in sorted(t.glob("*.xml"))]
    return docs[:limit]


def _topic_key(p: Path) -> tuple[int, str]:
    return (int(p.name), "") if p.name.isdigit() else (10**9, p.name)


def gold_clusters(docs: Sequence[EcbDoc]) -> list[frozenset[MentionId]]:
    clusters: dict[str, set[MentionId]] = {}
    for doc in docs:
        linked = dict(doc.links)
        for m in doc.mentions:
            key = linked.get(m.m_id, f"single:{doc.name}:{m.m_id}")
            clusters.setdefault(key, set()).add((doc.name, m.m_id))
    return [frozenset(c) for c in clusters.values()]


def our_clusters(docs: Sequence[EcbDoc], records: Sequence[rv.Record | None],
                 merged: Sequence[Sequence[EventRef]]) -> list[frozenset[MentionId]]:
    """Our merged clusters with each event replaced by the gold mention it sits on."""
    where: dict[EventRef, MentionId] = {}
    for doc, record in zip(docs, records, strict=True):
        for event in (record or {}).get("events", []):
            trig = event["trigger"]
            on = next((m for m in doc.mentions
                       if rv.overlaps(m.start, m.end, trig["start"], trig["end"])), None)
            ref = (str(record["id"]) if record else "", str(event["id"]))
            where[ref] = (doc.name, on.m_id) if on else ("ours", "/".join(ref))
    return [frozenset(where.get(ref, ("ours", "/".join(ref))) for ref in c)
            for c in merged if c]


def score(docs: Sequence[EcbDoc], records: Sequence[rv.Record | None],
          merge: Merge) -> SetReport:
    key = gold_clusters(docs)
    response = our_clusters(docs, records, merge([r for r in records if r is not None]))
    report = SetReport(NAME, n=len(docs), metrics=scores(key, response))
    dev = [i for i, d in enumerate(docs) if d.topic in DEV_TOPICS]
    if dev:
        rule = rule_on_gold([docs[i] for i in dev], [records[i] for i in dev], merge)
        report.metrics |= rule.metrics
        report.notes.extend(rule.notes)
    else:
        report.notes.append("no dev topic read: the merge rule alone (gold_dev_*) is not scored")
    return report


@dataclass(frozen=True, slots=True)
class RuleScore:
    metrics: Metrics
    notes: list[str]


def rule_on_gold(docs: Sequence[EcbDoc], records: Sequence[rv.Record | None],
                 merge: Merge) -> RuleScore:
    """The merge rule scored on the gold mentions of ``docs``, with both baselines."""
    key = gold_clusters(docs)
    placed = [gold_mention_record(d, r) for d, r in zip(docs, records, strict=True)]
    inputs = [r for r in placed if r is not None]
    on_event = {(str(r["id"]), str(e["id"])) for r in inputs for e in r["events"]}
    merged = [frozenset((str(a), str(b)) for a, b in c) for c in merge(inputs) if c]
    mentions = [(d.name, m.m_id) for d in docs for m in d.mentions]
    response = merged + [frozenset([m]) for m in mentions if m not in on_event]
    topics: dict[str, set[MentionId]] = {}
    for d in docs:
        topics.setdefault(d.topic, set()).update((d.name, m.m_id) for m in d.mentions)
    metrics: Metrics = {"gold_dev_with_event": ratio(len(on_event), len(mentions))}
    for name, clusters in (("merge_rule", response),
                           ("singletons", [frozenset([m]) for m in mentions]),
                           ("one_per_topic", [frozenset(t) for t in topics.values()])):
        found = scores(key, clusters)
        metrics[f"gold_dev_{name}_b3_f1"] = found["b3_f1"]
        metrics[f"gold_dev_{name}_conll_f1"] = found["conll_f1"]
    dated = sum(1 for r in inputs for e in r["events"]
                if e.get("date") or (r.get("article") or {}).get("published"))
    notes = [f"gold_dev_*: the merge rule on the {len(mentions)} gold mentions of the "
             f"{len(topics)} dev topics, {len(on_event)} of them given an event of ours "
             f"(the rest singletons), against all-singleton and one-cluster-per-topic "
             f"baselines; {dated} of those {len(on_event)} have a date (ECB+ has no "
             f"publication dates), so the date window separates almost nothing here"]
    return RuleScore(metrics, notes)


def gold_mention_record(doc: EcbDoc, record: rv.Record | None) -> rv.Record | None:
    """``record`` with one event per gold mention that has one of ours (see the module
    docstring), each named by the mention's m_id and triggered by its words."""
    if record is None:
        return None
    events = list(record.get("events", []))
    taken: dict[str, int] = {}  # m_id -> index of the event given to it

    def trigger_of(i: int) -> tuple[int, int]:
        return int(events[i]["trigger"]["start"]), int(events[i]["trigger"]["end"])

    for m in doc.mentions:
        on = [i for i in range(len(events)) if rv.overlaps(m.start, m.end, *trigger_of(i))]
        free = [i for i in on if i not in taken.values()]
        if free:
            taken[m.m_id] = free[0]
    for m in doc.mentions:
        if m.m_id in taken:
            continue
        near = [i for i in range(len(events)) if i not in taken.values()
                and events[i]["evidence"]["start"] <= m.start
                and m.end <= events[i]["evidence"]["end"]]
        if near:
            taken[m.m_id] = min(near, key=lambda i: abs(trigger_of(i)[0] - m.start))
    by_id = {m.m_id: m for m in doc.mentions}
    placed = [events[i] | {"id": m_id, "trigger": {
        "start": by_id[m_id].start, "end": by_id[m_id].end,
        "text": doc.text[by_id[m_id].start:by_id[m_id].end]}} for m_id, i in taken.items()]
    return {**record, "id": doc.name, "events": placed}


@dataclass(frozen=True, slots=True)
class Part:
    """Key and response clusters linked through shared mentions (a connected component)."""

    key: list[frozenset[MentionId]]
    response: list[frozenset[MentionId]]


def components(key: Sequence[frozenset[MentionId]],
               response: Sequence[frozenset[MentionId]]) -> list[Part]:
    """Clusters grouped so that no mention is shared between groups (union-find)."""
    nodes = [*(("key", c) for c in key), *(("response", c) for c in response)]
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[MentionId, int] = {}
    for i, (_, cluster) in enumerate(nodes):
        for m in cluster:
            parent[root(i)] = root(owner.setdefault(m, i))
    parts: dict[int, Part] = {}
    for i, (side, cluster) in enumerate(nodes):
        part = parts.setdefault(root(i), Part([], []))
        (part.key if side == "key" else part.response).append(cluster)
    return list(parts.values())


def scores(key: Sequence[frozenset[MentionId]],
           response: Sequence[frozenset[MentionId]]) -> Metrics:
    """MUC, B³, CEAF-e F1 and the CoNLL F1, computed component by component.

    Every metric sums over clusters that share mentions, so the sums of the components
    are the corpus scores exactly; this keeps the CEAF alignment (cubic) and B³ (every key
    against every response cluster) to small matrices on a corpus of thousands of clusters.
    """
    sums = dict.fromkeys(("muc_r", "muc_p", "b3_r", "b3_p", "ceaf"), 0.0)
    for part in components(key, response):
        m, b = muc(part.key, part.response), b_cubed(part.key, part.response)
        sums["muc_r"] += m.recall * _link_count(part.key)
        sums["muc_p"] += m.precision * _link_count(part.response)
        sums["b3_r"] += b.recall * _size(part.key)
        sums["b3_p"] += b.precision * _size(part.response)
        sums["ceaf"] += ceaf_e(part.key, part.response).recall * len(part.key)
    key_n, response_n = len([k for k in key if k]), len([r for r in response if r])
    results = (PRF(ratio(sums["muc_p"], _link_count(response)),
                   ratio(sums["muc_r"], _link_count(key))),
               PRF(ratio(sums["b3_p"], _size(response)), ratio(sums["b3_r"], _size(key))),
               PRF(ratio(sums["ceaf"], response_n), ratio(sums["ceaf"], key_n)))
    f1s = [r.f1 for r in results]
    return {"muc_f1": f1s[0], "b3_f1": f1s[1], "ceafe_f1": f1s[2], "conll_f1": sum(f1s) / 3}


def _link_count(clusters: Sequence[frozenset[MentionId]]) -> int:
    return sum(len(c) - 1 for c in clusters if c)


def _size(clusters: Sequence[frozenset[MentionId]]) -> int:
    return sum(len(c) for c in clusters)


def find_merge() -> Merge | str:
    try:
        module = importlib.import_module("eventwire.store.merge")
    except ImportError as err:
        return f"{WAITING_FOR}: {err}"
    merge = getattr(module, "merge_events", None)
    if not callable(merge):
        return f"{WAITING_FOR}: eventwire.store.merge has no merge_events(records)"
    found: Merge = merge
    return found


def run(path: Path, coder: Coder, limit: int | None, merge: Merge | None = None,
        find: Callable[[], Merge | str] = find_merge) -> SetReport:
    """Score ``merge``, by default the store's ``merge_events`` when ``find`` has it."""
    found = merge if merge is not None else find()
    if isinstance(found, str):
        return not_scorable(NAME, found)
    docs = read_corpus(path, limit)
    return score(docs, coder([Article(text=d.text, input_name=d.name) for d in docs]), found)
