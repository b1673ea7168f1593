"""Reading a head-office CSV: its encoding, its delimiter, its records.

Excel on Chinese Windows saves "CSV" in GB18030 (code page 936), "CSV UTF-8" with a byte-order
mark, and "Unicode text" as tab-separated UTF-16. The BOM is looked at first — a UTF-8 file with a
BOM decoded as GB18030 gives mojibake (锘匡豢, FINDINGS.md) — then strict UTF-8, then GB18030.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from desktop.excel.import_source import EXCEL_MAX_ROWS, ImportFileError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = (",", "\t", ";")


def decode(data: bytes, display_name: str) -> tuple[str, str]:
    """(text, encoding) of a CSV file's bytes, or ImportFileError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ImportFileError("import_encoding", name=display_name) from exc
    if b"\x00" in data:  # no text encoding we accept has NUL bytes: an image, an archive …
        raise ImportFileError("import_not_spreadsheet", name=display_name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError("import_encoding", name=display_name)


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: whichever the first non-empty line (the header) has most of."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def records(text: str, display_name: str) -> Iterator[tuple[int, list[str]]]:
    """(1-based record number, fields) for each record — the row number Excel shows on opening it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        for number, fields in enumerate(reader, start=1):
            if number >= EXCEL_MAX_ROWS:  # an export of a sheet that was already cut off
                raise ImportFileError("import_truncated", name=display_name, sheet="CSV", rows=EXCEL_MAX_ROWS)
            yield number, fields
    except csv.Error as exc:
        raise ImportFileError("import_damaged", name=display_name, reason=str(exc)) from exc
