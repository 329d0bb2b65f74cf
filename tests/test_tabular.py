"""The one table reader and the cell parsers every loader shares: each error names file, row and column."""

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mopskit import InputError
from mopskit.io.tables import (
    OutOfRange,
    column_key,
    column_order,
    currency_code,
    decode_text,
    parse_number,
    parse_whole_number,
    read_date,
    read_table,
    split_rows,
)

WANTED = [{"tool"}, {"cost"}]


def write(tmp_path: Path, text: str, *, name: str = "table.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("tool,cost\nCanva,12\n", "utf-8"),
        ("\ufefftool;cost\r\nCanva;12\r\n", "utf-8"),
        ("tool\tcost\nCanva\t12\n", "utf-16"),
        ("tool;cost\nCanva;12\n", "utf-16-le"),
        ("tool,cost\nCanva,12\n", "cp1252"),
    ],
)
def test_every_separator_and_encoding_reads_the_same_table(tmp_path, text, encoding):
    table = read_table(write(tmp_path, text, encoding=encoding), WANTED)
    assert (table.header, table.header_row, table.rows) == (["tool", "cost"], 1, [(2, ["Canva", "12"])])


def test_a_header_under_title_rows_is_found_and_said(tmp_path):
    table = read_table(write(tmp_path, "Our stack\n\ntool,cost\nCafé,1\n", encoding="cp1252"), WANTED)
    assert (table.header_row, table.rows) == (3, [(4, ["Café", "1"])])
    assert any("header is on row 3" in note for note in table.notes)
    assert any("cp1252" in note for note in table.notes)


def test_an_xlsx_sheet_is_chosen_by_name_and_hidden_rows_are_noted(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    data = book.create_sheet("Tools")
    for row in (["tool", "cost"], ["Canva", 12], ["Slack", 8]):
        data.append(row)
    data.row_dimensions[3].hidden = True
    book.save(tmp_path / "stack.xlsx")
    table = read_table(tmp_path / "stack.xlsx", WANTED, sheet="tools")
    assert table.rows == [(2, ["Canva", 12]), (3, ["Slack", 8])]
    assert any("hidden row" in note for note in table.notes)
    with pytest.raises(InputError, match="the first sheet 'Notes' is empty.*--sheet \"Tools\"") as caught:
        read_table(tmp_path / "stack.xlsx", WANTED)
    assert caught.value.file == str(tmp_path / "stack.xlsx")


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.xls", "old Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "locked.xlsx", "password"),
        (b"tool,cost\nCanva,12\n", "renamed.xlsx", None),
        (b"", "empty.csv", "empty"),
        (b"just one column\n", "plain.csv", "no line has"),
    ],
)
def test_unreadable_files_say_what_to_do(tmp_path, content, name, words):
    path = tmp_path / name
    path.write_bytes(content)
    if words is None:  # CSV text under an Excel name is read as CSV, and said
        assert any("CSV text under an Excel name" in note for note in read_table(path, WANTED).notes)
        return
    with pytest.raises(InputError, match=words) as caught:
        read_table(path, WANTED)
    assert caught.value.file == str(path)


def test_a_file_mixing_encodings_names_the_row_and_column(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("tool,cost\nCafé,1\n".encode() + b"Caf\xe9 2,2\n")
    with pytest.raises(InputError, match="mixes two text encodings") as caught:
        read_table(path, WANTED)
    assert (caught.value.file, caught.value.row, caught.value.column) == (str(path), 3, "tool")


def test_the_sniffer_reads_the_head_of_a_larger_file():
    raw = "timestamp;user;tool\n2026-01-01;a@x;Canva\n2026-01-02;b@x;Sl".encode() + "é".encode()[:1]
    decoded = decode_text(raw, partial=True)
    assert decoded.encoding == "utf-8" and not decoded.mixed
    separator, records = split_rows(decoded.text, partial=True)
    assert separator == ";" and [cells for _row, cells in records] == [
        ["timestamp", "user", "tool"], ["2026-01-01", "a@x", "Canva"]
    ]
    assert decode_text("tool;coût".encode("cp1252")).encoding == "cp1252"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.234,56", (1234.56, None)),
        ("1,234.56", (1234.56, None)),
        ("€ 1.234", (1234.0, "EUR")),
        ("$99.5", (99.5, "USD")),
        ("1 234", (1234.0, None)),
        ("12 GBP", (12.0, "GBP")),
        ("99,5", (99.5, None)),
        ("(12)", (-12.0, None)),
        (12, (12.0, None)),
    ],
)
def test_numbers_read_decimal_commas_thousands_and_currencies(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", ["", "twelve", "1.2.3,4,5", "EUR 12 USD", "1e3", "nan", True, float("nan")])
def test_what_is_not_a_number_is_refused(value):
    with pytest.raises(ValueError):
        parse_number(value)


def test_without_thousands_a_lone_mark_is_always_decimal():
    assert parse_number("1.250", thousands=False) == (1.25, None)
    assert parse_number("2,5", thousands=False) == (2.5, None)
    for value in ("1.250,5", "1 250"):
        with pytest.raises(ValueError):
            parse_number(value, thousands=False)


def test_whole_numbers_and_currency_codes():
    assert parse_whole_number("1.200") == 1200
    assert parse_whole_number(12.0, lowest=1) == 12
    with pytest.raises(OutOfRange):
        parse_whole_number("11", highest=10)
    for value in ("1,5", "€12", "0", ""):
        with pytest.raises(ValueError):
            parse_whole_number(value, lowest=1)
    assert (currency_code("€"), currency_code(" eur "), currency_code("euro")) == ("EUR", "EUR", None)
    assert column_key(" Annual Cost (€) ") == "annual_cost"


def test_dates_decide_their_order_per_column_or_refuse():
    cells = [(2, "03/04/2027"), (3, "25/04/2027")]
    order, note = column_order("stack.csv", "renewal_date", cells, None)
    assert order == "dmy" and "row 3" in note
    assert read_date("03/04/2027", order) == date(2027, 4, 3)
    assert column_order("stack.csv", "renewal_date", cells, "mdy") == ("mdy", None)
    with pytest.raises(InputError, match="cannot tell day from month") as caught:
        column_order("stack.csv", "renewal_date", [(2, "03/04/2027")], None)
    assert (caught.value.file, caught.value.row, caught.value.column) == ("stack.csv", 2, "renewal_date")
    with pytest.raises(InputError, match="mixes two date orders") as caught:
        column_order("stack.csv", "renewal_date", [(2, "25/04/2027"), (5, "04/25/2027")], None)
    assert (caught.value.row, caught.value.column) == (5, "renewal_date")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2027-04-03", date(2027, 4, 3)), (46387, date(2026, 12, 31)), ("46387", date(2026, 12, 31)),
     (date(2027, 1, 2), date(2027, 1, 2))],
)
def test_iso_dates_date_cells_and_excel_numbers_need_no_order(value, expected):
    assert read_date(value) == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [("03/04/27", "two-digit year"), ("1989-12-31", "before 1990"), ("2101-01-01", "after 2100"),
     ("2027-02-30", "not a real date"), ("next week", "not a date")],
)
def test_bad_dates_say_why(value, words):
    with pytest.raises(ValueError, match=words):
        read_date(value)


def test_iso_only_dates_take_timestamps_and_refuse_slashes():
    assert read_date("2026-10-31T23:30:00+02:00", iso_only=True) == date(2026, 10, 31)
    assert read_date("0001-01-01", iso_only=True, limits=False) == date(1, 1, 1)
    for value in ("31/10/2026", "46387"):
        with pytest.raises(ValueError):
            read_date(value, iso_only=True)
