"""What every output says of an episode's :class:`~.model.Standing`: the notices (how far
it is marked, whether its words are unreviewed automatic captions) in the site's language.

One function makes them from the one record; the page's notice and ``data-*`` hooks, the
list rows' labels, the search text, the feed, the downloads' notes and the JSON-LD all
read :func:`notices`, so no output decides on its own what to say.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import Labels
from .model import Standing

UNREVIEWED_STATUS = "unreviewed automatic captions"
"""The transcript's ``creativeWorkStatus`` in the JSON-LD (a term, not interface text)."""


@dataclass(frozen=True)
class Notice:
    """One thing a reader must be told of an episode."""

    kind: str
    """``unannotated``, ``partial`` or ``unreviewed``: the CSS and test hook."""
    tag: str
    """The short label of a list row (``未标注``)."""
    text: str
    """The sentence the page, the downloads and the feed say."""


def notices(t: Labels, standing: Standing) -> tuple[Notice, ...]:
    """The notices of an episode, marking first; none for an annotated episode whose words
    are not unreviewed automatic captions."""
    out = []
    if standing.marking != "annotated":
        kind = standing.marking
        out.append(Notice(kind, t(f"standing.tag.{kind}"), t(f"standing.{kind}")))
    if standing.unreviewed_captions:
        out.append(Notice("unreviewed", t("standing.tag.unreviewed"), t("standing.unreviewed")))
    return tuple(out)


def words_note(t: Labels, standing: Standing) -> str | None:
    """What a transcript download says of its words (None: nothing to say): only whether
    they are unreviewed automatic captions, since a download has no marking either way."""
    if not standing.unreviewed_captions:
        return None
    return t("standing.tag.unreviewed") + t("colon") + t("standing.unreviewed")
