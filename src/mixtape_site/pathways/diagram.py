"""The pathway diagram: an SVG drawn on the server, no script, with a text alternative.

Columns of micro-credentials (one per requirement group, headed by its rule) feed down
into the goal credential, and the goal into the pathways it stacks into. The same
:class:`Diagram` renders as SVG (:func:`diagram_svg`) and as the nested list beside it
(``pathways/_diagram.html``), so the two always say the same thing. Every text is XML-escaped
here; only the finished, escaped markup is ever marked safe. Held and missing parts carry a
glyph and a word, never colour alone.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal
from xml.sax.saxutils import escape, quoteattr

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways.models import Pathway, PathwayGroup, PathwayStep
from mixtape_site.pathways.presenters import equivalence_name, group_heading, total_label
from mixtape_site.web.bilingual import in_language

if TYPE_CHECKING:
    from mixtape_site.pathways.selectors import PathwayProgress

Mark = Literal["held", "missing", "pending", ""]

GOAL = _("Goal")
STACKS_INTO = _("Stacks into")
ALSO_REQUIRED = _("Also required")
SKILLS_TO_COVER = _("Cover these skills: %(skills)s")
HELD = _("Held")
MISSING = _("Not yet")
TITLE = _("Diagram of the pathway “%(name)s”")
DESCRIPTION = _(
    "The micro-credentials of each requirement group stack into “%(goal)s”, issued by "
    "%(issuer)s. The list after the diagram gives the same information as text."
)
PROGRESS = _("Your progress: %(percent)s%%.")
VIA_PATHWAY = _("via the “%(pathway)s” pathway")
GLYPHS: Final = {"held": "✔", "missing": "○", "pending": "…", "declined": "✗", "retired": "!"}

MARGIN, COL_W, BOX_W, GAP_X, PAD, GAP_Y, ARROW = 16, 236, 216, 24, 10, 10, 44
LINE, SMALL = 18, 16
# Characters per line in a box: its text is BOX_W - 2 * PAD = 196 px wide, and a bold
# 14 px system-ui character runs up to about 9.5 px ("Workplace Communication" is 210 px),
# a 12 px one up to about 7 px.
NAME_CHARS, SMALL_CHARS, NAME_LINES = 20, 28, 3
HEADING_CHARS, HEADING_LINES = 22, 3  # bold 14 px across a column: COL_W - 2 * PAD = 216 px
INK, MUTED, LINE_COLOUR = "#1b1f24", "#4a5560", "#4a5560"
FILLS: Final = {"held": "#dcfce7", "missing": "#ffffff", "pending": "#fef9c3", "": "#f4f6f8"}
STROKES: Final = {"held": "#166534", "missing": "#4a5560", "pending": "#854d0e", "": "#4a5560"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# Characters XML 1.0 cannot carry at all: dropped so that any name keeps the SVG well-formed.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class Box:
    name: str
    institution: str = ""
    kicker: str = ""  # a small word above the name: "Goal", "Stacks into"
    mark: Mark = ""
    notes: tuple[str, ...] = ()  # the equivalents also accepted
    href: str = ""  # the page of the credential, for the text list
    label: str = ""  # the state in words when not the mark's: "✔ Issued", "! Retired"
    via: str = ""  # "via the “Data Analytics” pathway": a goal credential as a step

    @property
    def state_label(self) -> str:
        return self.label or mark_label(self.mark)


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    boxes: tuple[Box, ...]
    mark: Mark = ""


@dataclass(frozen=True, slots=True)
class Diagram:
    title: str
    description: str
    goal: Box
    columns: tuple[Column, ...]
    beyond: tuple[Box, ...] = ()
    marked: bool = False  # drawn with a learner's progress


def mark_label(mark: Mark) -> str:
    """ "✔ Held" / "○ Not yet": the state in words, with its glyph."""
    if not mark:
        return ""
    return f"{GLYPHS[mark]} {HELD if mark == 'held' else MISSING}"


# --- from a pathway -------------------------------------------------------------------


def pathway_diagram(
    pathway: Pathway,
    *,
    groups: Sequence[PathwayGroup],
    beyond: Iterable[Pathway] = (),
    progress: PathwayProgress | None = None,
) -> Diagram:
    """The diagram of ``pathway``; ``groups`` prefetched with steps and equivalences,
    ``beyond`` the pathways its goal stacks into, ``progress`` a learner's (or None)."""
    done, met = _marks(progress)
    through = _earned_through(groups, but=pathway)
    columns = [
        Column(
            heading=group_heading(group),
            mark=_mark(met.get(group.pk), progress),
            boxes=tuple(
                _step_box(step, _mark(done.get(step.pk), progress), through)
                for step in group.steps.all()
            ),
        )
        for group in groups
    ]
    extra = _extra_boxes(pathway, progress)
    if extra:
        columns.append(Column(heading=str(ALSO_REQUIRED), boxes=tuple(extra)))
    return _diagram(pathway, columns, beyond, progress)


def _diagram(
    pathway: Pathway,
    columns: list[Column],
    beyond: Iterable[Pathway],
    progress: PathwayProgress | None,
) -> Diagram:
    goal_name, issuer = in_language(pathway.goal.name), str(pathway.organization)
    description = str(DESCRIPTION) % {"goal": goal_name, "issuer": issuer}
    if progress is not None:
        description = f"{PROGRESS % {'percent': progress.percent}} {description}"
    mark, label = _goal_state(progress)
    return Diagram(
        title=str(TITLE) % {"name": in_language(pathway.name)},
        description=description,
        goal=Box(
            name=goal_name,
            institution=issuer,
            kicker=str(GOAL),
            mark=mark,
            label=label,
            href=_achievement_href(pathway.goal),
        ),
        columns=tuple(columns),
        beyond=tuple(
            Box(
                name=in_language(other.name),
                institution=str(other.organization),
                kicker=str(STACKS_INTO),
                href=reverse("pathways:detail", kwargs={"uuid": other.uuid}),
            )
            for other in beyond
        ),
        marked=progress is not None,
    )


def _goal_state(progress: PathwayProgress | None) -> tuple[Mark, str]:
    """The goal's mark and words: the award's state (as the progress says it), else Not yet."""
    if progress is None:
        return "", ""
    award = progress.award
    if award is None:
        return "missing", ""
    state = award.get_state_display()
    if award.state == award.State.ISSUED:
        return "held", f"{GLYPHS['held']} {state}"
    if award.state == award.State.PENDING:
        return "pending", f"{GLYPHS['pending']} {state}"
    return "missing", f"{GLYPHS['declined']} {state}"


def _step_box(step: PathwayStep, mark: Mark, through: dict[int, str]) -> Box:
    achievement = step.achievement
    return Box(
        name=in_language(achievement.name),
        institution=str(achievement.organization),
        mark=mark,
        notes=tuple(equivalence_name(e) for e in step.equivalences.all()),
        href=_achievement_href(achievement),
        label=_retired_label(achievement, mark),
        via=through.get(achievement.pk, ""),
    )


def _retired_label(achievement: Achievement, mark: Mark) -> str:
    """A step whose micro-credential is no longer published says so, as the table does,
    after the learner's mark if any: "✔ Held · Retired"."""
    if achievement.status == Achievement.Status.PUBLISHED:
        return ""
    status = f"{GLYPHS['retired']} {achievement.get_status_display()}"
    return f"{mark_label(mark)} · {status}" if mark else status


def _earned_through(groups: Sequence[PathwayGroup], *, but: Pathway) -> dict[int, str]:
    """By achievement pk: "via the “…” pathway" for steps that are a published pathway's
    goal, earned through that pathway rather than taken as a course (one query)."""
    ids = {step.achievement_id for group in groups for step in group.steps.all()}
    if not ids:
        return {}
    others = Pathway.objects.filter(status=Pathway.Status.PUBLISHED, goal_id__in=ids)
    through: dict[int, str] = {}
    for other in others.exclude(pk=but.pk).order_by("id"):
        through.setdefault(other.goal_id, str(VIA_PATHWAY) % {"pathway": in_language(other.name)})
    return through


def _achievement_href(achievement: Achievement) -> str:
    return reverse("achievements:detail", kwargs={"uuid": achievement.uuid})


def _marks(progress: PathwayProgress | None) -> tuple[dict[int, bool], dict[int, bool]]:
    if progress is None:
        return {}, {}
    done = {s.step.pk: s.done for g in progress.groups for s in g.steps}
    met = {g.group.pk: g.progress.met for g in progress.groups}
    return done, met


def _mark(value: bool | None, progress: object) -> Mark:
    if progress is None or value is None:
        return ""
    return "held" if value else "missing"


def _extra_boxes(pathway: Pathway, progress: PathwayProgress | None) -> list[Box]:
    totals = {t.measure: t for t in progress.totals} if progress is not None else {}
    boxes = []
    for measure, amount in (("hours", pathway.min_hours), ("credits", pathway.min_credits)):
        if amount:
            total = totals.get(measure)
            met = None if total is None else total.have >= total.required
            boxes.append(Box(name=total_label(measure, amount), mark=_mark(met, progress)))
    if pathway.skills:
        names = ", ".join(in_language(s.get("name")) or s.get("url", "") for s in pathway.skills)
        covered = None
        if progress is not None:
            covered = all(skill.covered for skill in progress.skills)
        name = str(SKILLS_TO_COVER) % {"skills": names}
        boxes.append(Box(name=name, mark=_mark(covered, progress)))
    return boxes


# --- to SVG ---------------------------------------------------------------------------


def diagram_svg(diagram: Diagram, *, id_prefix: str = "pathway-diagram") -> str:
    """The diagram as one ``<svg role="img">`` element, every text escaped."""
    columns = diagram.columns or (Column(heading="", boxes=()),)
    heights = [_column_height(column) for column in columns]
    column_height = max(heights)
    width = max(
        2 * MARGIN + len(columns) * COL_W + (len(columns) - 1) * GAP_X,
        2 * MARGIN + len(diagram.beyond) * (COL_W + GAP_X),
        2 * MARGIN + COL_W,
    )
    parts: list[str] = []
    for index, column in enumerate(columns):
        parts.extend(_column(column, _column_x(index, len(columns), width), column_height))
    goal_y = MARGIN + column_height + ARROW
    goal_x = (width - BOX_W) / 2
    parts.extend(_box(diagram.goal, goal_x, goal_y, emphasis=True))
    for index in range(len(columns)):  # arrow heads spread along the goal's top edge
        start = _column_x(index, len(columns), width) + COL_W / 2
        end = goal_x + BOX_W * (index + 1) / (len(columns) + 1)
        parts.append(_arrow(id_prefix, start, MARGIN + column_height, end, goal_y))
    height = goal_y + _box_height(diagram.goal)
    if diagram.beyond:
        beyond_y = height + ARROW
        for index, box in enumerate(diagram.beyond):
            x = _column_x(index, len(diagram.beyond), width) + (COL_W - BOX_W) / 2
            parts.append(_arrow(id_prefix, width / 2, height, x + BOX_W / 2, beyond_y))
            parts.extend(_box(box, x, beyond_y, emphasis=False))
        height = beyond_y + max(_box_height(box) for box in diagram.beyond)
    return _svg(diagram, id_prefix, width, height + MARGIN, parts)


def diagram_html(diagram: Diagram, *, id_prefix: str = "pathway-diagram") -> SafeString:
    """The SVG for inline use in a page. Safe to mark: every text in it was escaped by
    :func:`_text`, and the rest is markup built here."""
    return mark_safe(diagram_svg(diagram, id_prefix=id_prefix))  # noqa: S308


def _svg(diagram: Diagram, prefix: str, width: float, height: float, parts: list[str]) -> str:
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pathway-diagram" role="img" '
        f'width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family={quoteattr(FONT)}>'
    )
    return "".join([
        head,
        f'<title id="{title_id}">{_text(diagram.title)}</title>',
        f'<desc id="{desc_id}">{_text(diagram.description)}</desc>',
        f'<defs><marker id="{prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{LINE_COLOUR}"/></marker></defs>',
        f'<rect width="{width:g}" height="{height:g}" fill="#ffffff"/>',
        *parts,
        "</svg>",
    ])  # fmt: skip


def _column_x(index: int, count: int, width: float) -> float:
    used = count * COL_W + (count - 1) * GAP_X
    return (width - used) / 2 + index * (COL_W + GAP_X)


def _heading_lines(column: Column) -> list[str]:
    lines = _wrap(column.heading, HEADING_CHARS, HEADING_LINES) if column.heading else []
    return lines + ([mark_label(column.mark)] if column.mark else [])


def _column_height(column: Column) -> float:
    boxes = sum(_box_height(box) + GAP_Y for box in column.boxes)
    return PAD + len(_heading_lines(column)) * LINE + GAP_Y + boxes


def _column(column: Column, x: float, height: float) -> list[str]:
    parts = [
        f'<rect x="{x:g}" y="{MARGIN}" width="{COL_W}" height="{height:g}" rx="8" '
        f'fill="#ffffff" stroke="{LINE_COLOUR}" stroke-dasharray="6 4"/>'
    ]
    y = MARGIN + PAD
    for line in _heading_lines(column):
        y += LINE
        parts.append(_line(line, x + PAD, y - 4, size=14, weight="700"))
    y += GAP_Y
    for box in column.boxes:
        parts.extend(_box(box, x + (COL_W - BOX_W) / 2, y, emphasis=False))
        y += _box_height(box) + GAP_Y
    return parts


def _box_lines(box: Box) -> list[tuple[str, int, str, str]]:
    """(text, size, weight, colour) per line of a box, top to bottom."""
    lines: list[tuple[str, int, str, str]] = []
    if box.kicker:
        lines.append((box.kicker, 12, "700", MUTED))
    lines += [(text, 14, "700", INK) for text in _wrap(box.name, NAME_CHARS, NAME_LINES)]
    if box.institution:
        lines += [(t, 12, "400", MUTED) for t in _wrap(box.institution, SMALL_CHARS, 2)]
    if box.via:
        lines += [(t, 12, "400", MUTED) for t in _wrap(box.via, SMALL_CHARS, 2)]
    if box.notes:
        count = len(box.notes)
        note = ngettext("+ %(count)s equivalent accepted", "+ %(count)s equivalents accepted",
                        count) % {"count": count}  # fmt: skip
        lines.append((note, 12, "400", MUTED))
    if box.state_label:  # bold 13 px: "… En attente d'approbation" takes two lines
        lines += [(t, 13, "700", INK) for t in _wrap(box.state_label, NAME_CHARS + 1, 2)]
    return lines


def _box_height(box: Box) -> float:
    return 2 * PAD + sum(LINE if size >= 14 else SMALL for _t, size, _w, _c in _box_lines(box))


def _box(box: Box, x: float, y: float, *, emphasis: bool) -> list[str]:
    fill = "#dbeafe" if emphasis and not box.mark else FILLS[box.mark]
    stroke = "#1d4ed8" if emphasis else STROKES[box.mark]
    dash = ' stroke-dasharray="4 3"' if box.mark == "missing" else ""
    parts = [
        f'<rect x="{x:g}" y="{y:g}" width="{BOX_W}" height="{_box_height(box):g}" rx="6" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if emphasis or box.mark else 1}"'
        f"{dash}/>"
    ]
    baseline = y + PAD
    for text, size, weight, colour in _box_lines(box):
        baseline += LINE if size >= 14 else SMALL
        parts.append(_line(text, x + PAD, baseline - 4, size=size, weight=weight, colour=colour))
    return parts


def _line(text: str, x: float, y: float, *, size: int, weight: str, colour: str = INK) -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" font-weight="{weight}" '
        f'fill="{colour}">{_text(text)}</text>'
    )


def _arrow(prefix: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2 - 2:g}" stroke="{LINE_COLOUR}" '
        f'stroke-width="2" marker-end="url(#{prefix}-arrow)"/>'
    )


def _wrap(text: str, width: int, lines: int) -> list[str]:
    wrapped = textwrap.wrap(_clean(text), width=width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))


def _text(text: str) -> str:
    return escape(_clean(text))
