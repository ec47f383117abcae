"""Lists of actors in one noun phrase, including the ones the parser gets wrong.

spaCy's small model often breaks a list of names apart: "Arnor, Calenardhon and the evil
awful Gondor" hangs "Arnor" off "Gondor" as a modifier (``nmod``/``compound``) with
"Calenardhon" as its conjunct; "Mordor, the Shire, Fornost and Bree" makes "the Shire" an
apposition whose conjuncts are the rest; "Evil Mordor, the awful Fornost, and good Gondor"
an apposition beside a true conjunct; "Old foes Gondor and Osgiliath renewed …" two
subjects. :func:`coordinated` gives every member of such a list, so that each named actor
takes part in the event (one event, several sources or targets).
"""

from __future__ import annotations

from typing import Any

# Dependencies under which spaCy attaches the first members of a list it misreads.
_LIST_LINKS = frozenset({"nmod", "compound", "appos", "npadvmod"})


def coordinated(token: Any) -> list[Any]:
    """``token``, its conjuncts, and the members of a list the parser hung off them."""
    members: list[Any] = []
    for t in (token, *token.conjuncts):
        _add(members, t)
        for child in t.children:
            if child.dep_ not in _LIST_LINKS or (child.i > t.i and child.dep_ != "appos"):
                continue
            if _is_list(child) or (child.dep_ == "appos" and _heads_list(t, child)):
                for member in (child, *child.conjuncts):
                    _add(members, member)
    return members


def _is_list(token: Any) -> bool:
    """A modifier with conjuncts of its own is a list's head, not a modifier."""
    return any(c.dep_ in ("conj", "cc") for c in token.children)


def _heads_list(head: Any, appos: Any) -> bool:
    """ "Evil Mordor, the awful Fornost, and good Gondor": an apposition between a head
    and its later conjunct is one more member (an apposition that merely renames comes
    last: "Osgiliath, the state's fiercest foe")."""
    return any(c.dep_ == "conj" and c.i > appos.i for c in head.children)


def _add(members: list[Any], token: Any) -> None:
    if all(m.i != token.i for m in members):
        members.append(token)
