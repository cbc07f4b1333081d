"""The one row writer behind the CLI's --format and the API's format=."""

import csv
import io
import json

import pyarrow.parquet as pq

from diurna.export import write_rows

ROWS = [{"id": "e1", "cameo": "111", "source": [{"code": "RUS", "text": "Russia"}], "note": "é, \"quoted\""},
        {"id": "e2", "cameo": "0311", "source": [], "note": None}]


def test_each_format_reads_back():
    out = io.BytesIO()
    write_rows(ROWS, "jsonl", out)
    assert [json.loads(x) for x in out.getvalue().decode().splitlines()] == ROWS
    out = io.BytesIO()
    write_rows(ROWS, "csv", out)
    got = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert [r["id"] for r in got] == ["e1", "e2"] and json.loads(got[0]["source"])[0]["code"] == "RUS"
    assert got[0]["note"] == 'é, "quoted"'
    out = io.BytesIO()
    write_rows(ROWS, "parquet", out)
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.column("source").to_pylist()[0] == [{"code": "RUS", "text": "Russia"}]  # nested stays nested


def test_a_column_of_mixed_kinds_becomes_json_text_in_parquet():
    out = io.BytesIO()
    write_rows([{"v": {"a": 1}}, {"v": [1, 2]}], "parquet", out)
    assert pq.read_table(io.BytesIO(out.getvalue())).column("v").to_pylist() == ['{"a": 1}', "[1, 2]"]


def test_csv_of_no_rows_with_columns_has_its_header():
    out = io.BytesIO()
    write_rows([], "csv", out, columns=["id", "cameo"])
    assert out.getvalue().decode().strip() == "id,cameo"
