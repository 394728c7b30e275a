"""Exercise of lesson 0: a warm-up that shows what a check looks like.

0.1 asks for the top-right output of 2x2, stride-2 max pooling of the source
article's 4x4 map: the largest of the window ``[[7, 3], [6, 1]]``.
"""

from __future__ import annotations

from course_lib.checks import Lesson, Misconception
from course_lib.lessons.fixtures import article_batch
from course_lib.lessons.references import POOL2D

lesson = Lesson(__name__)


def _window(row: int, col: int, mode: str = "max") -> float:
    """Output (row, col) of 2x2, stride-2 pooling of the article's map."""
    return POOL2D(article_batch(), 2, 2, mode=mode)[0, row, col, 0].item()


lesson.value_exercise(
    "0.1",
    "Warm-up: one output of max pooling",
    expected=lambda: _window(0, 1),
    misconceptions=[
        Misconception(
            "mean_instead_of_max",
            "That is the average of the window (7 + 3 + 6 + 1) / 4: average pooling. "
            "Max pooling keeps only the largest value of each window.",
            lambda: _window(0, 1, "avg"),
        ),
        Misconception(
            "wrong_window",
            "9 is the largest value of the top-LEFT window [[2, 2], [9, 4]]. The top-right "
            "window covers rows 0-1 and columns 2-3.",
            lambda: _window(0, 0),  # the top-left maximum, 9
        ),
    ],
    hints=(
        "The top-right window covers rows 0 and 1, columns 2 and 3 of the map.",
        "Those four cells are 7, 3, 6 and 1. Max pooling keeps one of them.",
    ),
    proves="You can read one pooling window off a feature map and pool it.",
    task="a number",
    points=0,  # a warm-up in lesson 0: listed by progress(), counted by neither it nor grade
)
