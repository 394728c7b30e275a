"""What a failed check says: diagnoses only for full matches, in plain words,
and messages that show the failing item or input clearly."""

from __future__ import annotations

import numpy as np
import pytest
from loop_pooling import loop_pool

from course_lib import check
from course_lib.checks import case, function_exercise, registry, value_exercise
from course_lib.checks.registry import Misconception


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("POOLING_COURSE_PROGRESS", str(tmp_path / "progress.json"))


@pytest.fixture
def scratch_ids():
    """Exercise ids 99.x registered by a test, removed afterwards."""
    ids: list[str] = []
    yield ids
    for key in ids:
        registry._EXERCISES.pop(key, None)


# --------------------------------------------------------------------------
# 1. A misconception is diagnosed only when it models the answer on every case
# --------------------------------------------------------------------------
def test_a_different_mistake_that_agrees_on_the_failing_case_only_gets_no_diagnosis():
    def output_size_ceil(n, f, s, p):  # drops the last window one step too early
        out = -(-(n + 2 * p - f) // s) + 1
        if (out - 1) * s >= n + 2 * p - 1:
            out -= 1
        return out

    result = check("2.6", output_size_ceil)
    assert not result.passed
    assert result.diagnosis is None and result.explanation is None, repr(result)
    assert "output_size_ceil(n=3, f=2, s=2, p=0) returned 1, expected 2" in repr(result)
    assert "Diagnosis" not in repr(result)


def test_the_misconception_itself_is_still_diagnosed():
    result = check("2.6", lambda n, f, s, p: (n + 2 * p - f) // s + 1)
    assert result.diagnosis == "floor_mode"


def _double(exercise_id, misconception, ns=(1, 2, 3)):
    """Register a scratch exercise "double n" with one misconception, on the cases ``ns``."""
    names = {1: "one", 2: "two", 3: "three", 4: "four"}
    function_exercise(
        exercise_id,
        "Double",
        name="double",
        reference=lambda n: 2 * n,
        cases=lambda: [case(names[n], n=n) for n in ns],
        returns="int",
        misconceptions=[misconception],
        hints=("Add it to itself.",),
    )


def test_a_partial_match_is_not_a_diagnosis_but_a_full_one_is(scratch_ids):
    scratch_ids.append("99.11")
    _double("99.11", Misconception("squared", "Squared, not doubled.", lambda n: n * n))
    # n * n equals 2n at n = 2 and differs at 1 and 3: a full model of itself ...
    assert check("99.11", lambda n: n * n).diagnosis == "squared"
    # ... but an answer wrong only at n = 3 (where it gives 9, like n * n) is not n * n:
    # it is right at n = 1, where n * n is wrong.
    partial = check("99.11", lambda n: 9 if n == 3 else 2 * n)
    assert not partial.passed and partial.diagnosis is None


def test_a_wrong_idea_that_raises_is_diagnosed_only_as_a_full_model(scratch_ids):
    """Misconception(raises=...): the answer raises that exception on exactly the cases
    where the wrong idea does, and returns the same on the others."""
    scratch_ids.append("99.13")

    def overflow_on_big(n):
        if n > 2:
            raise OverflowError("too big")
        return 2 * n

    _double("99.13", Misconception("overflows", "Too big.", overflow_on_big, raises=OverflowError))
    assert check("99.13", overflow_on_big).diagnosis == "overflows"

    def overflow_everywhere(n):
        raise OverflowError("always")

    def other_error(n):
        if n > 2:
            raise ValueError("too big")
        return 2 * n

    def wrong_before(n):
        if n > 2:
            raise OverflowError("too big")
        return n

    for answer in (overflow_everywhere, other_error, wrong_before):
        result = check("99.13", answer)
        assert not result.passed and result.diagnosis is None, answer.__name__


def test_a_misconception_that_raises_on_a_passing_case_can_still_model_the_answer(scratch_ids):
    scratch_ids.append("99.12")

    def inverse_wrong(n):
        if n == 1:
            raise ZeroDivisionError("no model here")
        return n + 1

    _double("99.12", Misconception("plus_one", "Adds one.", inverse_wrong), ns=(1, 3, 4))
    # Right at n = 1 (where the misconception cannot be compared), n + 1 elsewhere.
    assert check("99.12", lambda n: 2 if n == 1 else n + 1).diagnosis == "plus_one"


# --------------------------------------------------------------------------
# 2. The diagnosis reads as words; the attribute keeps the name
# --------------------------------------------------------------------------
def test_the_diagnosis_is_shown_in_plain_words_and_kept_as_the_name():
    result = check("0.1", 4.25)
    assert result.diagnosis == "mean_instead_of_max"
    text, page = repr(result), result._repr_html_()
    assert "Diagnosis — mean instead of max: That is the average" in text
    assert "Diagnosis — mean instead of max:" in page
    for shown in (text, page):
        assert "mean_instead_of_max" not in shown
    assert repr(check("0.1", 4.25)) == text and check("0.1", 4.25)._repr_html_() == page


def test_a_wrong_option_is_named_in_words():
    from course_lib.checks.result import plain_words

    assert plain_words("option_b") == "option b"
    assert plain_words("article_unrounded") == "article unrounded"


# --------------------------------------------------------------------------
# 3. Tuple and list answers: the first wrong item, not a truncated echo
# --------------------------------------------------------------------------
SHAPES = [(61, 61, 16), (30, 30, 16), (30, 30, 32), (14, 14, 32), (13, 13, 64), (7, 7, 64), (3136,)]


def _register_shapes(scratch_ids):
    scratch_ids.append("99.21")
    value_exercise("99.21", "Trace", expected=lambda: list(SHAPES), hints=("Layer by layer.",))


def test_a_long_sequence_answer_names_its_first_wrong_item(scratch_ids):
    _register_shapes(scratch_ids)
    answer = [*SHAPES[:5], (6, 6, 64), (2304,)]
    message = check("99.21", answer).message
    assert message == (
        "Your answer is not right at item 6 of 7: you gave (6, 6, 64), which is not right "
        "(the 5 items before it are right)."
    )
    assert "..." not in message and "(2304,)" not in message
    assert "(7, 7, 64)" not in message  # a fixed answer is never printed


def test_exercise_2_4_names_the_layer_of_the_first_wrong_shape():
    shapes_2_4 = [*SHAPES[:4], (7, 7, 64), (4, 4, 64), (1024,)]  # layer 5 has strides=2
    answer = [*shapes_2_4[:3], (15, 15, 32), *shapes_2_4[4:]]
    assert check("2.4", answer).message == (
        "Your answer is not right at item 4 of 7, MaxPooling2D(pool_size=3, strides=2): "
        "you gave (15, 15, 32), which is not right (the 3 items before it are right)."
    )
    assert check("2.4", shapes_2_4).passed


def test_a_bare_int_where_a_one_tuple_is_expected_is_explained(scratch_ids):
    _register_shapes(scratch_ids)
    inside = check("99.21", [*SHAPES[:6], 3136]).message
    assert "item 7 of 7: expected a tuple like (…,), got the int 3136" in inside
    assert "the number is right" in inside
    wrong_number = check("99.21", [*SHAPES[:6], 3000]).message
    assert "got the int 3000" in wrong_number and "the number is right" not in wrong_number

    scratch_ids.append("99.22")
    value_exercise("99.22", "Flatten", expected=(3136,), hints=("Multiply.",))
    alone = check("99.22", 3136)
    assert not alone.passed
    assert "expected a tuple like (…,), got the int 3136" in alone.message
    assert check("99.22", [3136]).passed and check("99.22", (3136,)).passed


def test_a_sequence_of_the_wrong_length_says_so(scratch_ids):
    _register_shapes(scratch_ids)
    assert (
        check("99.21", SHAPES[:5]).message
        == "Your answer is not right: it has 5 items, expected 7."
    )
    assert "expected a list of 7 items, got 3136 (int)" in check("99.21", 3136).message


def test_a_short_sequence_answer_is_echoed_whole(scratch_ids):
    scratch_ids.append("99.23")
    value_exercise("99.23", "Shape", expected=(1, 7, 7, 8), hints=("Halve twice.",))
    assert check("99.23", (1, 14, 14, 8)).message == (
        "Your answer (1, 14, 14, 8) is not right at item 2 of 4: you gave 14, which is not "
        "right (the item before it is right)."
    )
    assert check("99.23", 4.25).message == (
        "Your answer is not right: expected a tuple of 4 items, got 4.25 (float)."
    )


def test_a_long_list_returned_by_a_function_names_its_first_wrong_item():
    result = check("2.5", lambda out, f, s: list(range(40)))
    assert "input_sizes(out=7, f=2, s=2) returned a list that is wrong: it has 40 items" in (
        result.message
    )
    short = check("2.5", lambda out, f, s: [(out - 1) * s + f])
    assert "returned [14], expected [14, 15]" in short.message


# --------------------------------------------------------------------------
# 4. Function messages: a sentence that reads, small inputs shown as maps
# --------------------------------------------------------------------------
def _mean_as_max(x, f, s=None):
    """Average pooling where max pooling is asked (keeps the dtype)."""
    return loop_pool(x, f, s, reduce=np.mean)


def test_wrong_values_read_as_a_sentence_with_the_maps_of_a_small_case():
    lines = repr(check("3.1", _mean_as_max)).splitlines()
    assert lines[1].endswith(
        "max_pool(x, f=2, s=2) with x of shape (1, 4, 4, 1) (int64) returned an array with "
        "4 of 4 values wrong; the first at index (0, 0, 0, 0): got 4, expected 9."
    )
    assert lines[2:14] == [
        "  Input x, shown as the 2-D map x[0, :, :, 0] (N = C = 1):",
        "      [[2 2 7 3]",
        "       [9 4 6 1]",
        "       [8 5 2 4]",
        "       [3 1 2 6]]",
        "  Your output out[0, :, :, 0]:",
        "      [[4 4]",
        "       [4 3]]",
        "  Expected out[0, :, :, 0]:",
        "      [[9 7]",
        "       [8 6]]",
        "  9 other cases failed too.",
    ]
    assert "[[[[" not in "\n".join(lines)


def test_a_small_input_is_shown_even_when_the_function_raises():
    def max_pool(x, f, s=None):
        return x[99]

    text = repr(check("3.1", max_pool))
    assert "raised IndexError" in text
    assert "Input x, shown as the 2-D map x[0, :, :, 0] (N = C = 1):\n      [[2 2 7 3]" in text
    assert "Your output" not in text


def test_a_large_input_is_not_printed_and_several_maps_are_labelled():
    def zeros_on(shape):
        def max_pool(x, f, s=None):
            out = loop_pool(x, f, s)
            return out * 0 if x.shape == shape else out

        return repr(check("3.1", max_pool))

    big = zeros_on((2, 5, 7, 3))
    wrong_values = "returned an array with 36 of 36 values wrong"
    assert f"with x of shape (2, 5, 7, 3) (float64) {wrong_values}" in big
    assert "Input x" not in big and "Your output" not in big  # 210 values; 36 in 12 maps
    assert "[[[[" not in big

    small = zeros_on((2, 3, 3, 2))  # 36 values, 2 images x 2 channels
    assert "Input x, shown as 2-D maps x[n, :, :, c]:\n    x[0, :, :, 0]:\n      [[" in small
    assert "    x[1, :, :, 1]:" in small
    assert "Your output, shown as 2-D maps out[n, :, :, c]:" not in small  # said once, above
    assert "  Your output:\n    out[0, :, :, 0]:\n      [[0.]]" in small
    assert "  Expected:\n    out[0, :, :, 0]:" in small
