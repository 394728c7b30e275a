"""The jupytext sources of lessons and exercise notebooks: no markdown hidden in a code cell.

A ``# %% [markdown]`` marker left out turns a heading and its text into comments at the end
of the code cell above: the section then has no heading in the notebook (lesson 6's
"Information loss" once disappeared that way).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.glob("notebooks/*.py"), *ROOT.glob("exercises/solutions/*.py")])
_CELL = re.compile(r"^# %%(.*)$")
_HEADING = re.compile(r"^# #+ ")


def code_cells(text: str) -> list[tuple[int, list[str]]]:
    """The code cells of a py:percent source: (line number of the marker, lines)."""
    cells: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        marker = _CELL.match(line)
        if marker:
            current = None if "[markdown]" in marker.group(1) else []
            if current is not None:
                cells.append((number, current))
        elif current is not None:
            current.append(line)
    return cells


def hidden_markdown(lines: list[str]) -> list[str]:
    """The trailing run of comment lines after a cell's code, if it holds a markdown heading."""
    body = list(lines)
    while body and not body[-1].strip():
        body.pop()
    run: list[str] = []
    while body and body[-1].startswith("#"):
        run.insert(0, body.pop())
    has_code = any(line.strip() for line in body)
    return run if has_code and any(_HEADING.match(line) for line in run) else []


def problems(text: str) -> list[str]:
    """One line per code cell that ends in commented-out markdown."""
    return [
        f"code cell at line {number} ends in commented-out markdown: {hidden[0]!r}..."
        for number, lines in code_cells(text)
        if (hidden := hidden_markdown(lines))
    ]


def test_the_detector_finds_a_missing_markdown_marker():
    text = "# %%\nx = 1\n#\n# ## 3. A section\n#\n# Its text.\n\n# %% [markdown]\n# more\n"
    assert problems(text)
    assert not problems(text.replace("x = 1\n#\n", "x = 1\n\n# %% [markdown]\n"))
    assert not problems("# %%\nx = 1  # a comment\n# a comment after the code\n")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_code_cell_ends_in_commented_out_markdown(path):
    assert problems(path.read_text(encoding="utf-8")) == []
