"""CSV that is safe to open in a spreadsheet: no cell of text can run as a formula.

A spreadsheet reads a cell that begins with `=`, `+`, `-` or `@` as a formula, and a leading tab,
carriage return, line feed or NUL is used to smuggle one in (OWASP "CSV Injection", ASVS 1.2.10).
Such a text cell is written with a leading apostrophe, the mark spreadsheets take for "this is text".
As a precaution the same is done for the full-width forms (＝ ＋ － ＠) and for a trigger behind
leading spaces; it costs a visible apostrophe on text that rarely starts that way.

Numbers stay numbers: a value that *is* a number (int, Decimal, finite float) is written as such,
negative or not, and so is text that is nothing but a plain decimal number (`-3`, `-0.25`), which
no spreadsheet can read as anything else. Everything else that starts with a trigger is text.

`bom=True` starts the file with a UTF-8 byte order mark, so Excel opens Chinese text correctly.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import TextIO

Cell = str | int | float | Decimal | date | datetime | None

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")
NEUTRALISER = "'"
BOM = "\ufeff"
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def neutralise(text: str) -> str:
    """`text`, with a leading apostrophe if a spreadsheet could take it for a formula."""
    if _PLAIN_NUMBER.fullmatch(text):
        return text
    if text.startswith(FORMULA_TRIGGERS) or text.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return NEUTRALISER + text
    return text


def cell_text(value: Cell) -> str:
    """How one value is written: numbers as numbers, dates as ISO 8601, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else neutralise(str(value))
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else neutralise(str(value))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return neutralise(str(value))


class SafeCsvWriter:
    """`csv.writer` with every cell passed through `cell_text`, header too (names come from users)."""

    def __init__(self, stream: TextIO, *, bom: bool = False) -> None:
        if bom:
            stream.write(BOM)
        self._writer = csv.writer(stream, dialect="excel")

    def writerow(self, row: Iterable[Cell]) -> None:
        self._writer.writerow([cell_text(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Cell]]) -> None:
        for row in rows:
            self.writerow(row)


def write_csv(
    stream: TextIO, header: Iterable[Cell], rows: Iterable[Iterable[Cell]], *, bom: bool = False
) -> None:
    """A header and rows to a text stream (open it with `newline=""`, as the csv module asks)."""
    writer = SafeCsvWriter(stream, bom=bom)
    writer.writerow(header)
    writer.writerows(rows)


def csv_bytes(header: Iterable[Cell], rows: Iterable[Iterable[Cell]], *, bom: bool = True) -> bytes:
    """The whole file as UTF-8 bytes (for an upload), with a byte order mark unless told otherwise."""
    buffer = io.StringIO(newline="")
    write_csv(buffer, header, rows, bom=bom)
    return buffer.getvalue().encode("utf-8")
