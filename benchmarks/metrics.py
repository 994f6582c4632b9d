"""Performance figures at contact-centre scale: the DuckDB engine against plain pandas, same rules.

    .venv/bin/python -m benchmarks.metrics [--rows N] [--pandas-rows N] [--format parquet|csv]
                                           [--times text|typed] [--keep]

Generates N written contacts and N calls (default 10 million each; not timed) for a year before the
export date, as Parquet in a temporary folder next to a copy of the sample philosophy: by default with
ISO 8601 text times, as help desks export them (the measurement the issue's target is about); with
`--times typed`, as a data warehouse writes Parquet (timestamps adjusted to UTC: nothing to parse).
Then, each in a fresh subprocess, it runs

- the product's engine (`philosophy.metrics.compute`: every row judged, elapsed opening time through
  the day tables, monthly figures and the handbook's hour-by-day cube), and
- a pandas implementation of the same rules (vectorised: `to_datetime`, `merge_asof` against the
  same opening intervals with cumulative open time, `groupby`),

and prints wall seconds and peak memory (the child's ru_maxrss) of each, their ratio, and whether
both give identical shares (and medians) for every measured commitment and month.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXPORT_DAY = dt.date(2026, 11, 23)
SAMPLE = ROOT / "tests" / "fixtures" / "sample.yml"


# --- the fixture ------------------------------------------------------------------------------------


def write_philosophy(folder: Path) -> Path:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    data = yaml.load(SAMPLE.read_text(encoding="utf-8"))
    data["metrics"] = {"folder": "metrics", "min_contacts": 30, "max_bad_share": 0.05}
    data["site"]["holidays"] = "SE"
    # a second written channel counted in calendar time, so both ways of counting are measured
    data["promises"][0]["commitments"].append(
        {"kind": "reply", "channel": "instagram", "within": "3 days", "counts": "calendar", "target": "90%"}
    )
    data["promises"][0]["commitments"][0]["target"] = "85%"
    path = folder / "philosophy.yml"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return path


def generate(folder: Path, rows: int, fmt: str, stored: str = "text", seed: int = 7) -> None:
    """N written contacts and N calls over the year before EXPORT_DAY, with 0.2% bad rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    out = folder / "metrics"
    out.mkdir(parents=True, exist_ok=True)
    end = np.datetime64(f"{EXPORT_DAY.isoformat()}T06:00:00", "s")
    start = np.datetime64("2025-11-01T00:00:00", "s") - np.timedelta64(1, "h")
    span = int((end - start) / np.timedelta64(1, "s"))

    def times(n: int) -> np.ndarray:
        # contacts cluster in the day: a uniform day plus an hour drawn around office hours (UTC)
        day = rng.integers(0, span // 86400, n, dtype=np.int64) * 86400
        second = (np.clip(rng.normal(10.5, 3.5, n), 0, 23.99) * 3600).astype(np.int64)
        return start + (day + second).astype("timedelta64[s]")

    def text(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
        """ISO 8601 text: 80% 'Z', 20% with a +02:00 offset (the same instant); masked -> empty. Typed:
        timestamps adjusted to UTC; masked -> null."""
        if stored == "typed":
            return pa.array(values.astype("datetime64[us]"), type=pa.timestamp("us", tz="UTC"), mask=mask)
        zulu = np.datetime_as_string(values, unit="s", timezone="UTC")
        local = np.char.add(np.datetime_as_string(values + np.timedelta64(2, "h"), unit="s"), "+02:00")
        pick = rng.random(len(values)) < 0.2
        arr = pa.array(np.where(pick, local, zulu))
        if mask is not None:
            arr = pc.if_else(pa.array(mask), pa.scalar("", pa.string()), arr)
        return arr

    def bad(columns: dict[str, pa.Array], channel: np.ndarray, n: int) -> None:
        """0.2% bad rows: unknown channels, times without an offset, garbage (typed: unknown channels, and
        contacts moved three days later, after their reply or answer)."""
        which = rng.random(n)
        chan = np.where(which < 0.0007, "telex", channel)
        columns["channel"] = pa.array(chan)
        first = list(columns)[1]
        if stored == "typed":
            later = pc.add(columns[first], pa.scalar(dt.timedelta(days=3)))
            columns[first] = pc.if_else(pa.array((which >= 0.0007) & (which < 0.002)), later, columns[first])
            return
        naive = pc.utf8_slice_codeunits(columns[first], 0, 19)
        columns[first] = pc.if_else(pa.array((which >= 0.0007) & (which < 0.0014)), naive, columns[first])
        columns[first] = pc.if_else(pa.array((which >= 0.0014) & (which < 0.002)), pa.scalar("n/a"), columns[first])

    def save(name: str, table: pa.Table) -> None:
        if fmt == "parquet":
            pq.write_table(table, out / f"{name}.parquet", row_group_size=1 << 20)
        else:
            pcsv.write_csv(table, out / f"{name}.csv")

    chunk = 2_000_000
    for kind in ("written", "calls"):
        parts = []
        for offset in range(0, rows, chunk):
            n = min(chunk, rows - offset)
            t0 = times(n)
            if kind == "written":
                channel = np.where(rng.random(n) < 0.7, "e-post", "instagram")
                delay = (rng.lognormal(np.log(4 * 3600), 1.3, n)).astype(np.int64).astype("timedelta64[s]")
                unanswered = rng.random(n) < 0.03
                unanswered |= t0 + delay > end  # no reply can come after the export was taken
                cols = {
                    "channel": None,
                    "received_at": text(t0),
                    "replied_at": text(t0 + delay, unanswered),
                    "subject": pa.array(np.char.add("Order question ", (offset + np.arange(n)).astype(str))),
                }
            else:
                channel = np.where(rng.random(n) < 0.6, "telefon", "chatt")
                wait = (rng.lognormal(np.log(70), 0.9, n)).astype(np.int64).astype("timedelta64[s]")
                gave_up = rng.random(n) < 0.05
                patience = (rng.lognormal(np.log(90), 0.8, n)).astype(np.int64).astype("timedelta64[s]")
                gave_up |= t0 + wait > end
                cols = {
                    "channel": None,
                    "queued_at": text(t0),
                    "answered_at": text(t0 + wait, gave_up),
                    "abandoned_at": text(t0 + patience, ~gave_up | (t0 + patience > end)),
                }
            bad(cols, channel, n)
            parts.append(pa.table(cols))
        save(kind, pa.concat_tables(parts))


# --- the pandas implementation of the same rules ----------------------------------------------------

ISO = r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)$"


def pandas_figures(philosophy: Path) -> dict[str, Any]:
    """The rules of EDITING.md ("How we're doing") in idiomatic pandas (no loop over rows)."""
    import numpy as np
    import pandas as pd

    from philosophy.loader import load
    from philosophy.metrics.compute import MONTHS, measured
    from philosophy.metrics.sources import export_files
    from philosophy.metrics.tables import DAY, SECOND, OpenTime
    from philosophy.schedule import calendar_for

    loaded = load(philosophy)
    model = loaded.model
    zone = model.site.timezone
    known = {c.id for c in model.channels}
    items = measured(loaded)
    out: dict[str, Any] = {}
    files = export_files(loaded)

    def parse(s: pd.Series) -> tuple[pd.Series, pd.Series]:
        if isinstance(s.dtype, pd.DatetimeTZDtype):  # typed Parquet: nothing to parse
            return s.notna(), s.dt.as_unit("us").astype("int64").where(s.notna())
        present = s.notna() & (s != "")
        shaped = s.str.match(ISO).fillna(False).astype(bool)
        value = pd.to_datetime(s.where(shaped), format="ISO8601", utc=True, errors="coerce")
        us = value.dt.as_unit("us").astype("int64").where(value.notna())  # float64: exact below 2**53
        return present, us

    for kind, first, last in (("written", "received_at", "replied_at"), ("calls", "queued_at", "answered_at")):
        mine = [it for it in items if it[3].source == kind]
        frames = []
        for f, path in enumerate(p for p in files if p.stem.startswith(kind)):
            cols = ["channel", first, last] + (["abandoned_at"] if kind == "calls" else [])
            if path.suffix == ".parquet":
                df = pd.read_parquet(path, columns=cols)
            else:
                df = pd.read_csv(path, usecols=cols, dtype=str, keep_default_na=False)
            p0, t0 = parse(df[first])
            p1, t1 = parse(df[last])
            if kind == "calls":
                p2, t2 = parse(df["abandoned_at"])
            else:
                p2, t2 = pd.Series(False, index=df.index), pd.Series(np.nan, index=df.index)
            ok = (
                df["channel"].isin(known)
                & p0
                & t0.notna()
                & ~(p1 & t1.isna())
                & ~(t1 < t0)
                & ~(p2 & t2.isna())
                & ~(t2 < t0)
            )
            good = pd.DataFrame({"ch": df["channel"][ok], "t0": t0[ok].astype("int64"), "t1": t1[ok], "t2": t2[ok]})
            del df
            latest = pd.concat([good["t0"], good["t1"].dropna(), good["t2"].dropna()]).max()
            good["xu"] = np.int64(latest)
            good["f"] = f
            frames.append(good)
        if not frames or not mine:
            continue
        data = pd.concat(frames, ignore_index=True)
        del frames
        data["answered"] = data["t1"].notna()
        data["te"] = data["t1"].fillna(data["t2"]).fillna(data["xu"]).astype("int64")
        data["e_cal"] = data["te"] - data["t0"]
        local = pd.to_datetime(data["t0"], unit="us", utc=True).dt.tz_convert(zone)
        data["mon"] = local.dt.year * 12 + local.dt.month - 1
        first_day = int(data["t0"].min()) // DAY - 1
        last_day = int(data["te"].max()) // DAY + 1
        data["e_open"] = np.nan
        for ch in sorted({m.channel for *_, m in mine if m.counts == "opening_hours"}):
            table = OpenTime.of(calendar_for(model, model.channel_by_id[ch]), first_day, last_day)
            iv = pd.DataFrame(
                {
                    "s": np.array(table.starts, dtype="int64"),
                    "e": np.array(table.ends, dtype="int64"),
                    "b": np.array(table.before, dtype="int64"),
                }
            )
            sub = data.loc[data["ch"] == ch, ["t0", "te"]]

            def open_before(t: pd.Series, iv: pd.DataFrame = iv) -> pd.Series:
                left = pd.DataFrame({"t": t.to_numpy(), "i": np.arange(len(t))}).sort_values("t")
                hit = pd.merge_asof(left, iv, left_on="t", right_on="s", direction="backward")
                cum = (hit["b"] + (hit["t"] - hit["s"]).clip(lower=0).clip(upper=hit["e"] - hit["s"])).fillna(0)
                return pd.Series(cum.to_numpy(), index=hit["i"].to_numpy()).sort_index()

            e = open_before(sub["te"]).to_numpy() - open_before(sub["t0"]).to_numpy()
            data.loc[sub.index, "e_open"] = e
        for pid, i, _com, m in mine:
            sel = data[data["ch"] == m.channel]
            if sel.empty:
                continue
            export = pd.Timestamp(int(sel["xu"].max()), unit="us", tz="UTC").tz_convert(zone)
            last_month = export.year * 12 + export.month - 1 - 1
            first_month = last_month - MONTHS + 1
            sel = sel[(sel["mon"] >= first_month) & (sel["mon"] <= last_month)]
            within = m.within.minutes * 60 * SECOND
            e = sel["e_open"] if m.counts == "opening_hours" else sel["e_cal"]
            frame = pd.DataFrame(
                {
                    "mon": sel["mon"],
                    "kept": sel["answered"] & (e <= within),
                    "missed": e > within,
                    "e": e.where(sel["answered"]),
                }
            )
            g = frame.groupby("mon")
            counts = g[["kept", "missed"]].sum()

            def nearest_rank(values: pd.Series, q: float) -> float:
                v = np.sort(values.dropna().to_numpy())
                if not len(v):
                    return float("nan")
                return float(v[max(0, int(np.ceil(len(v) * q)) - 1)])  # nearest rank, as quantile_disc

            med = g["e"].agg(lambda x: nearest_rank(x, 0.5))
            p90 = g["e"].agg(lambda x: nearest_rank(x, 0.9))
            for mon, row in counts.iterrows():
                n = int(row["kept"] + row["missed"])
                out[f"{pid}/{i}/{mon // 12}-{mon % 12 + 1:02d}"] = {
                    "share": int(row["kept"]) * 100 // n if n else None,
                    "n": n,
                    "median": int(med[mon]) if not np.isnan(med[mon]) else None,
                    "p90": int(p90[mon]) if not np.isnan(p90[mon]) else None,
                }
    return out


def duckdb_figures(philosophy: Path) -> dict[str, Any]:
    from philosophy.loader import load
    from philosophy.metrics.compute import compute
    from philosophy.metrics.sources import export_files

    loaded = load(philosophy)
    res = compute(loaded, export_files(loaded))
    out: dict[str, Any] = {}
    for m in res.metrics:
        for month in m.months:
            if month.contacts:
                out[f"{m.promise}/{m.index}/{month.month:%Y-%m}"] = {
                    "share": month.share,
                    "n": month.contacts,
                    "median": month.median_us,
                    "p90": month.p90_us,
                }
    return out


# --- measuring -----------------------------------------------------------------------------------


def _child(engine: str, philosophy: Path) -> None:
    start = time.perf_counter()
    figures = duckdb_figures(philosophy) if engine == "duckdb" else pandas_figures(philosophy)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "figures": figures}))


def measure(engine: str, philosophy: Path, timeout: int = 3600) -> dict[str, Any]:
    """Run one engine in a fresh process; its wall time, its own peak RSS (os.wait4), its figures."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.metrics", "--child", engine, "--philosophy", str(philosophy)],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read() if proc.stderr else ""
        out.seek(0)
        text = out.read()
    if proc.returncode != 0:
        return {
            "engine": engine,
            "failed": True,
            "returncode": proc.returncode,
            "wall": wall,
            "peak_mib": usage.ru_maxrss / 1024,
            "error": err[-1500:],
        }
    data = json.loads(text.strip().splitlines()[-1])
    return {
        "engine": engine,
        "failed": False,
        "seconds": data["seconds"],
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "figures": data["figures"],
    }


def compare(a: dict[str, Any], b: dict[str, Any]) -> tuple[bool, bool, list[str]]:
    """(same shares and counts, same medians and 90th percentiles, differences)."""
    diffs = []
    shares = medians = True
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x is None or y is None or x["share"] != y["share"] or x["n"] != y["n"]:
            shares = False
            diffs.append(f"{key}: {x} vs {y}")
        elif x["median"] != y["median"] or x["p90"] != y["p90"]:
            medians = False
            diffs.append(f"{key}: median/p90 {x} vs {y}")
    return shares, medians, diffs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="written contacts, and calls (each)")
    parser.add_argument(
        "--pandas-rows",
        type=int,
        default=None,
        help="measure pandas at this size instead (when it cannot manage --rows)",
    )
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument(
        "--times", choices=("text", "typed"), default="text", help="ISO 8601 text, or typed timestamps (Parquet)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    parser.add_argument("--child", choices=("duckdb", "pandas"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--philosophy", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("PHILOSOPHY_TODAY", EXPORT_DAY.isoformat())
    if args.child:
        _child(args.child, args.philosophy)
        return 0
    if args.times == "typed" and args.format != "parquet":
        parser.error("--times typed needs --format parquet (CSV holds text)")
    if args.generate:
        generate(args.generate, args.rows, args.format, args.times)
        return 0
    work = Path(tempfile.mkdtemp(prefix="metrics-bench-"))
    try:
        sizes = [args.rows] if args.pandas_rows in (None, args.rows) else [args.rows, args.pandas_rows]
        runs: dict[int, dict[str, dict[str, Any]]] = {}
        for rows in sizes:
            folder = work / str(rows)
            folder.mkdir()
            philosophy = write_philosophy(folder)
            t = time.perf_counter()
            # in a child of its own: a forked child's peak RSS would count this parent's pages
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.metrics",
                    "--generate",
                    str(folder),
                    "--rows",
                    str(rows),
                    "--format",
                    args.format,
                    "--times",
                    args.times,
                ],
                check=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            size = sum(p.stat().st_size for p in (folder / "metrics").iterdir()) / 2**20
            print(
                f"generated {rows:,} written contacts + {rows:,} calls as {args.format} with {args.times} times "
                f"({size:,.0f} MiB) "
                f"in {time.perf_counter() - t:.0f} s (not timed)",
                flush=True,
            )
            engines = ["duckdb", "pandas"] if args.pandas_rows in (None, rows) else ["duckdb"]
            if args.pandas_rows not in (None, args.rows) and rows == args.pandas_rows:
                engines = ["duckdb", "pandas"]
            runs[rows] = {e: measure(e, philosophy) for e in engines}
            if args.keep:
                print(f"kept: {folder}")
        print()
        print("| rows (each kind) | engine | seconds (wall, computing) | CPU seconds (process) | peak RSS MiB |")
        print("| ---: | --- | ---: | ---: | ---: |")
        for rows, results in runs.items():
            for engine, r in results.items():
                if r["failed"]:
                    print(
                        f"| {rows:,} | {engine} | failed (exit {r['returncode']}) after {r['wall']:.1f} s | – | "
                        f"{r['peak_mib']:,.0f} |"
                    )
                else:
                    print(f"| {rows:,} | {engine} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['peak_mib']:,.0f} |")
        print()
        for rows, results in runs.items():
            d, p = results.get("duckdb"), results.get("pandas")
            if d is None or p is None or d["failed"] or p["failed"]:
                continue
            same, same_q, diffs = compare(d["figures"], p["figures"])
            print(
                f"{rows:,} rows: pandas / DuckDB time = {p['seconds'] / d['seconds']:.1f}x "
                f"(CPU {p['cpu'] / d['cpu']:.1f}x); "
                f"DuckDB peak {d['peak_mib']:,.0f} MiB ({'<' if d['peak_mib'] < 2048 else '>='} 2 GiB); "
                f"{len(d['figures'])} commitment-months; shares identical: {same}; "
                f"medians and 90th percentiles identical: {same_q}"
            )
            for line in diffs[:10]:
                print("  " + line)
        for rows, results in runs.items():
            for r in results.values():
                if r["failed"]:
                    print(f"{r['engine']} at {rows:,} rows failed:\n{r['error']}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
