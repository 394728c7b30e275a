"""Function exercises: the learner writes a function, called on test cases.

Expected outputs come from a reference implementation, computed before any learner
code runs. Each case gives a :class:`CaseRun` record; the score counts the passing
records, the message explains the first failing one, and a wrong answer that a
known misconception reproduces on every case gets that misconception's explanation.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from course_lib.checks import runner
from course_lib.checks.compare import (
    Verdict,
    compare_any,
    compare_array,
    compare_int,
    same_numbers,
    values_equal,
)
from course_lib.checks.diagnose import Raised, Returned, diagnose_function, diagnose_raised
from course_lib.checks.registry import Exercise, Misconception, register
from course_lib.checks.render import call_text, case_arrays, short, type_name
from course_lib.checks.result import FAILED, PASSED, CheckResult, not_attempted
from course_lib.i18n import _, join, ngettext

__all__ = ["Case", "case", "function_exercise"]


@dataclass(frozen=True)
class Case:
    """One test case: arguments (passed positionally, in this order) and a label."""

    args: dict[str, Any] = field(default_factory=dict)
    label: str = ""


def case(label: str = "", **args: Any) -> Case:
    """``case("stride > pool", x=x, f=2, s=3)``: a test case, arguments in call order."""
    return Case(dict(args), label)


# --------------------------------------------------------------------------
# One record per case
# --------------------------------------------------------------------------
_WRONG = "wrong"
"""A case's outcome when the function returned but something is wrong with it. The other
outcomes: PASSED, or the :class:`runner.Outcome` kind of a call that did not return
("raised", "not_implemented", "timeout")."""


@dataclass(frozen=True)
class CaseRun:
    """What the learner's function did on one case."""

    outcome: str
    problem: str | None = None  # the sentence for the learner; None when the case passed
    numbers_wrong: bool = False  # the returned numbers differ (not just the type or dtype)
    value: Any = None  # what the function returned, if it did
    error: type[BaseException] | None = None  # what it raised, if it raised

    @property
    def returned(self) -> bool:
        return self.outcome in (PASSED, _WRONG)


@dataclass(frozen=True)
class _Comparison:
    """How a returned value is compared with the expected one (``returns=`` and friends)."""

    returns: str  # "int", "array" or "any"
    dtype: str | None
    rtol: float
    atol: float
    reveal: bool = True  # False: never show the expected output (it is the answer)

    def verdict(self, value: Any, expected: Any, args: dict[str, Any]) -> Verdict:
        if self.returns == "int":
            return compare_int(value, expected)
        if self.returns == "array":
            # args is never handed to learner code (it gets copies): still pristine.
            first = next((v for v in args.values() if isinstance(v, np.ndarray)), None)
            return compare_array(
                value, np.asarray(expected), self.dtype, first, self.rtol, self.atol, self.reveal
            )
        return compare_any(value, expected, self.rtol, self.atol)

    def same(self, a: Any, b: Any) -> bool:
        """Whether a misconception's output equals the learner's (for the diagnosis)."""
        if self.returns == "any":
            return values_equal(a, b, self.rtol, self.atol)
        return same_numbers(a, b, self.rtol, self.atol)


def _changed_inputs(c: Case, given: list[Any]) -> list[str]:
    """The array arguments the learner's function modified."""
    return [
        k
        for (k, before), after in zip(c.args.items(), given, strict=True)
        if isinstance(before, np.ndarray) and not runner.same_input(before, after)
    ]


def _run_case(
    answer: Callable[..., Any],
    c: Case,
    expected: Any,
    comparison: _Comparison,
    seconds: float | None,
    limit: float | None,
    forbidden: Sequence[Callable[..., Any]] = (),
) -> CaseRun:
    """Call ``answer`` on copies of the case's arguments and judge what it did."""
    given = [runner.fresh_copy(v) for v in c.args.values()]
    outcome = runner.call(answer, tuple(given), seconds, limit, forbidden)
    if not outcome.ok:
        return CaseRun(outcome.kind, outcome.problem or _("failed"), error=outcome.error)
    changed = _changed_inputs(c, given)
    verdict = comparison.verdict(outcome.value, expected, c.args)
    if changed:
        problem = _(
            "changed its input {names} (pooling must never modify its "
            "input: write into a new array, or work on x.copy())"
        ).format(names=join(changed))
    else:
        problem = verdict.problem or None
    return CaseRun(_WRONG if problem else PASSED, problem, verdict.numbers_wrong, outcome.value)


def _run_cases(
    answer: Callable[..., Any],
    cases: list[Case],
    expected: list[Any],
    comparison: _Comparison,
    timeout: float | None,
    forbidden: Sequence[Callable[..., Any]] = (),
) -> list[CaseRun]:
    """Run the cases in order, ``timeout`` seconds for all of them together.

    Stops after a case that runs out of time, or after the first case when the
    function is still the placeholder (raises NotImplementedError).
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    runs: list[CaseRun] = []
    for c, want in zip(cases, expected, strict=True):
        left = None if deadline is None else max(deadline - time.monotonic(), 0.001)
        runs.append(_run_case(answer, c, want, comparison, left, timeout, forbidden))
        if runs[-1].outcome == "timeout" or runs[0].outcome == "not_implemented":
            break
    return runs


# --------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------
def _score(points: float, passed: int, total: int) -> float:
    return round(points * passed / total, 2) if total else 0.0


def _failure_lines(
    name: str,
    cases: list[Case],
    runs: list[CaseRun],
    expected: list[Any],
    comparison: _Comparison,
) -> list[str]:
    """The first failing case explained, then what happened to the others."""
    failed = [i for i, run in enumerate(runs) if run.problem is not None]
    first = failed[0]
    c, run = cases[first], runs[first]
    fields = {
        "index": first + 1,
        "total": len(cases),
        "label": _(c.label),
        "call": call_text(name, c.args),
        "problem": run.problem,
    }
    if c.label:
        head = _("Case {index} of {total} ({label}): {call} {problem}.")
    else:
        head = _("Case {index} of {total}: {call} {problem}.")
    lines = [
        head.format(**fields),
        *case_arrays(
            c.args,
            run.value,
            np.asarray(expected[first]) if comparison.returns == "array" else None,
            show_output=comparison.returns == "array" and run.numbers_wrong,
            show_expected=comparison.reveal,
        ),
    ]
    stopped = len(runs) - 1 if runs[-1].outcome == "timeout" else None
    others = len(failed) - 1
    if stopped is not None and stopped != first:
        lines.append(
            _("Case {index} was {problem}; the cases after it were not run.").format(
                index=stopped + 1, problem=runs[stopped].problem
            )
        )
    elif stopped is not None:
        lines.append(_("The cases after it were not run."))
    elif others:
        lines.append(
            ngettext(
                "{count} other case failed too.", "{count} other cases failed too.", others
            ).format(count=others)
        )
    return lines


def _diagnosis(
    misconceptions: Sequence[Misconception],
    cases: list[Case],
    runs: list[CaseRun],
    comparison: _Comparison,
) -> Misconception | None:
    ran = list(zip(cases, runs, strict=False))  # runs stop early after a time-out
    returned = [Returned(c.args, run.value, run.numbers_wrong) for c, run in ran if run.returned]
    raised = [Raised(c.args, run.error) for c, run in ran if run.error is not None]
    return diagnose_function(misconceptions, returned, comparison.same) or diagnose_raised(
        misconceptions, returned, raised, comparison.same
    )


# --------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------
def function_exercise(
    id: str,
    title: str,
    *,
    name: str,
    reference: Callable[..., Any],
    cases: Callable[[], Sequence[Case]],
    returns: str = "array",
    dtype: str | None = None,
    misconceptions: Sequence[Misconception] = (),
    hints: Sequence[str] = (),
    proves: str = "",
    task: str = "",
    points: float = 1,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    forbid: Sequence[Callable[..., Any]] = (),
    reveal: bool = True,
    module: str = "",
) -> Exercise:
    """Register an exercise in which the learner writes a function.

    Parameters
    ----------
    id, title : str
        ``"3.1"`` and a few words.
    name : str
        The function's name in the task (``"max_pool"``), used in messages.
    reference : callable
        Computes the expected output from the same arguments. Bind it from
        :mod:`course_lib.lessons.references`, never ``course_lib.pooling.<f>``
        looked up at call time.
    cases : callable returning a list of :class:`Case`
        Called at check time (so building arrays costs nothing at import). Use a
        fixed seed. Put the simplest case (the article's example) first: the
        first failing case is the one explained.
    returns : "int", "array" or "any"
        What the learner must return. "int": a whole number (a float is
        refused with a clear message). "array": a NumPy array, compared with
        ``rtol``/``atol``. "any": compared like a value exercise's answer
        (numbers with tolerance, tuples and lists element by element, strings
        ignoring case).
    dtype : None, "same" or "float"
        For arrays: "same" requires the first array argument's dtype (max
        pooling), "float" requires a float dtype (averages).
    misconceptions : list of :class:`Misconception`
        Wrong implementations with the learner's signature.
    hints : list of str
        Graded hints, vaguest first; none may give the solution away.
    proves : str
        What passing shows, printed with the success line.
    task : str
        The signature as the learner sees it (shown by ``progress()``).
    forbid : list of callables
        The course's functions that compute this exercise's answer (bound from
        :mod:`course_lib.lessons.references`): while the learner's function
        runs, a call to one of them is reported ("calls course_lib's
        `pool2d` ...") instead of passing. Without it, importing the oracle
        would solve the exercise.
    reveal : bool
        Show the expected output of the failing case (default). ``False`` for an
        exercise whose output *is* its answer (a kernel that depends only on
        ``f``): the message shows the learner's output and the first wrong
        value, never the right one.
    module : str
        The module that defines the exercise (a lesson's ``Lesson(__name__)``
        passes it): an id registered again from another module is an error.
    """
    misconceptions = tuple(misconceptions)
    forbid = tuple(forbid)
    names = [m.name for m in misconceptions]
    if len(set(names)) != len(names):
        raise ValueError(f"exercise {id}: misconception names must be unique, got {names}")
    if not reveal and returns != "array":
        raise ValueError(f"exercise {id}: reveal=False is for exercises that return an array")
    comparison = _Comparison(returns, dtype, rtol, atol, reveal)

    def grade(answer: Any, timeout: float | None = runner.DEFAULT_TIMEOUT) -> CheckResult:
        if answer is Ellipsis:
            how = _("Write `{name}` in the cell above, then run this cell again.").format(name=name)
            return not_attempted(id, title, points, how)
        if not callable(answer) or inspect.isclass(answer):
            message = _(
                'check("{id}", ...) expects your function itself, e.g. check("{id}", {name}) '
                "(no parentheses after the name); got {answer} ({type})."
            ).format(id=id, name=name, answer=short(answer), type=type_name(answer))
            return CheckResult(id, title, FAILED, 0.0, points, message=message)
        all_cases = list(cases())
        # Expected values first, on copies, before any learner code runs.
        expected = [reference(*(runner.fresh_copy(v) for v in c.args.values())) for c in all_cases]
        runs = _run_cases(answer, all_cases, expected, comparison, timeout, forbid)
        if runs and runs[0].outcome == "not_implemented":
            how = _(
                "`{name}` still raises NotImplementedError: replace that line with your "
                "code, then run this cell again."
            ).format(name=name)
            return not_attempted(id, title, points, how)
        total, passed = len(all_cases), sum(run.outcome == PASSED for run in runs)
        if passed == total:
            return CheckResult(
                id, title, PASSED, float(points), points, total, total, message=_(proves)
            )
        match = _diagnosis(misconceptions, all_cases, runs, comparison)
        return CheckResult(
            id,
            title,
            FAILED,
            _score(points, passed, total),
            points,
            passed,
            total,
            message="\n".join(_failure_lines(name, all_cases, runs, expected, comparison)),
            diagnosis=match.name if match else None,
            explanation=match.explanation if match else None,
        )

    return register(
        Exercise(
            id=id,
            title=title,
            kind="function",
            points=points,
            hints=tuple(hints),
            misconceptions=misconceptions,
            proves=proves,
            task=task or f"{name}(...)",
            grade=grade,
            module=module,
            solution=reference,
            cases=cases,
        )
    )
