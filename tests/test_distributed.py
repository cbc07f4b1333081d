"""The same pipeline on a Dask LocalCluster of two workers: same events as a
local run, and Parquet parts DuckDB reads directly."""

import duckdb
import pytest

pytest.importorskip("dask.distributed")

from diurna.pipeline import Settings, run  # noqa: E402
from diurna.store import Store  # noqa: E402


def _events(db):
    with Store(db, read_only=True) as st:
        return {(r["id"], r["cameo"], r["source_code"], r["target_code"], str(r["date"]))
                for r in st.query("SELECT * FROM events")}


def test_dask_local_cluster_matches_local_run(corpus, tmp_path):
    local = tmp_path / "local.duckdb"
    run([str(corpus)], Settings(db=str(local)))
    dist = tmp_path / "dask.duckdb"
    pq_dir = tmp_path / "parquet"
    s = run([str(corpus)], Settings(db=str(dist), executor="dask", workers=2, parquet_dir=str(pq_dir)))
    assert s.stored == 3 and s.events > 0
    assert _events(dist) == _events(local)
    n = duckdb.sql(f"SELECT count(*) FROM read_parquet('{pq_dir}/events/*/*.parquet', hive_partitioning=true)").fetchall()[0][0]
    assert n == s.events
    months = {r[0] for r in duckdb.sql(
        f"SELECT DISTINCT month FROM read_parquet('{pq_dir}/articles/*/*.parquet', hive_partitioning=true)").fetchall()}
    assert months  # partitioned by publication month
