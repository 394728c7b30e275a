"""What a check returns: a result that reads well as text, as HTML and in code.

A :class:`CheckResult` is both the learner's feedback and the grader's record.
Its ``repr`` and HTML hold no memory addresses, times or paths, so a notebook
that displays one gives the same output on every run (nbval compares it).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from course_lib.fonts import CHINESE_CHARACTERS
from course_lib.i18n import N_, _

PASSED = "passed"
FAILED = "failed"
NOT_ATTEMPTED = "not attempted"

STATUS_NAMES = {PASSED: N_("passed"), FAILED: N_("failed"), NOT_ATTEMPTED: N_("not attempted")}
"""Each status in words for a table (translated where shown); the status itself is a code."""

_SYMBOLS = {PASSED: "✓", FAILED: "✗", NOT_ATTEMPTED: "…"}
_COLOURS = {PASSED: "#1a7f37", FAILED: "#cf222e", NOT_ATTEMPTED: "#6e7781"}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of ``check(exercise_id, answer)``.

    Attributes
    ----------
    exercise_id, title : str
        Which exercise was checked.
    status : str
        ``"passed"``, ``"failed"`` or ``"not attempted"``.
    score, max_score : float
        Points earned (partial credit: the share of test cases passed) and the
        exercise's points.
    cases_passed, cases_total : int
        How many test cases the answer got right, out of how many (a value or
        multiple-choice answer is one case).
    message : str
        What happened, in one or a few lines: the first failing case, the value
        returned and the value expected, or what passing proves.
    diagnosis : str or None
        The name of the known misconception the answer matches, if any (shown to
        the learner in plain words, see :func:`plain_words`).
    explanation : str or None
        Why that misconception is wrong and what to do instead.
    notes : tuple of str
        Extra lines (e.g. a progress file that could not be saved).

    Languages: ``title`` and ``explanation`` are the exercise's English data, translated
    each time the result is shown (so ``set_language`` changes them at once);
    ``message`` and ``notes`` are written in the language current when the check ran.
    ``status`` and ``diagnosis`` are codes, never translated.
    """

    exercise_id: str
    title: str
    status: str
    score: float
    max_score: float
    cases_passed: int = 0
    cases_total: int = 0
    message: str = ""
    diagnosis: str | None = None
    explanation: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        """True when every case passed."""
        return self.status == PASSED

    @property
    def attempted(self) -> bool:
        """False while the answer is still the placeholder."""
        return self.status != NOT_ATTEMPTED

    def __bool__(self) -> bool:
        return self.passed

    def with_notes(self, *notes: str) -> CheckResult:
        """A copy with more note lines (results are immutable)."""
        return CheckResult(**{**self.as_dict(), "notes": self.notes + tuple(notes)})

    def as_dict(self) -> dict:
        """The result as plain JSON-able data."""
        return {
            "exercise_id": self.exercise_id,
            "title": self.title,
            "status": self.status,
            "score": self.score,
            "max_score": self.max_score,
            "cases_passed": self.cases_passed,
            "cases_total": self.cases_total,
            "message": self.message,
            "diagnosis": self.diagnosis,
            "explanation": self.explanation,
            "notes": self.notes,
        }

    # -- display ---------------------------------------------------------
    def headline(self) -> str:
        """The first line: symbol, id, status and count (in the current language)."""
        fields = {
            "symbol": _SYMBOLS[self.status],
            "id": self.exercise_id,
            "title": _(self.title),
            "passed": self.cases_passed,
            "total": self.cases_total,
            "score": _fmt_score(self.score),
            "max_score": _fmt_score(self.max_score),
        }
        if self.status == NOT_ATTEMPTED:
            return _("{symbol} {id} not attempted yet ({title})").format(**fields)
        counted = self.cases_total > 1
        if self.status == PASSED:
            if counted:
                return _("{symbol} {id} passed ({passed}/{total} cases): {title}").format(**fields)
            return _("{symbol} {id} passed: {title}").format(**fields)
        scored = bool(self.max_score)  # a warm-up: nothing to score
        if counted and scored:
            template = _(
                "{symbol} {id} failed ({passed}/{total} cases, score {score}/{max_score}): {title}"
            )
        elif counted:
            template = _("{symbol} {id} failed ({passed}/{total} cases): {title}")
        elif scored:
            template = _("{symbol} {id} failed (score {score}/{max_score}): {title}")
        else:
            template = _("{symbol} {id} failed: {title}")
        return template.format(**fields)

    def _body_lines(self) -> list[str]:
        lines = self.message.splitlines() if self.message else []
        if self.diagnosis:
            lines.append(
                _("Diagnosis — {name}: {explanation}").format(
                    name=_(plain_words(self.diagnosis)),
                    explanation=_(self.explanation) if self.explanation else "",
                )
            )
        if self.status == FAILED:
            lines.append(_('Stuck? hint("{id}") shows the next hint.').format(id=self.exercise_id))
        lines.extend(self.notes)
        return lines

    def __repr__(self) -> str:
        return "\n".join([self.headline(), *("  " + line for line in self._body_lines())])

    __str__ = __repr__

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.status]
        body = "".join(
            f"<div style='margin-left:1.4em'>{_html_line(line)}</div>"
            for line in self._body_lines()
        )
        return (
            f"<div style='border-left:4px solid {colour};padding:0.3em 0.8em;"
            f"font-family:sans-serif'><b style='color:{colour}'>"
            f"{html_text(self.headline())}</b>{body}</div>"
        )


def not_attempted(exercise_id: str, title: str, max_score: float, how: str) -> CheckResult:
    """The result for an answer that is still the placeholder; ``how`` says what to do."""
    return CheckResult(exercise_id, title, NOT_ATTEMPTED, 0.0, max_score, message=how)


def plain_words(name: str) -> str:
    """A snake_case misconception name as words: "mean_instead_of_max" -> "mean instead of max".

    The name stays the ``diagnosis`` attribute (tests and instructors key on it);
    learners read the words, translated where they are shown (``_(plain_words(name))``:
    ``pooling-course messages`` puts every misconception's words in the catalogue).
    """
    return " ".join(name.replace("_", " ").split())


def _fmt_score(value: float) -> str:
    return f"{value:g}"


_CODE = re.compile(r"`([^`\n]+)`")
_CJK = re.compile(f"[{CHINESE_CHARACTERS}]+")


def html_text(text: str) -> str:
    """Text as HTML: escaped, `code` in a code font, Chinese marked as such.

    A backticked span becomes ``<code>``; a run of Chinese characters is wrapped
    in ``<span lang="zh-Hans">`` (without it, browsers may draw Chinese with
    Japanese glyphs).
    """
    escaped = _CODE.sub(r"<code>\1</code>", html.escape(text))
    return _CJK.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', escaped)


def _html_line(line: str) -> str:
    """A message line as HTML; array printouts keep their multi-space alignment."""
    if line.startswith("  ") or "[" in line:
        return f"<pre style='margin:0'>{html.escape(line)}</pre>"
    return html_text(line)
