"""Extraction throughput of the library on one core (a benchmark, not a test).

Usage: python bench/extract_speed.py RECORDS.jsonl [--runs 5]
RECORDS.jsonl holds lines {"id", "text"} (e.g. a PolNeAR split, or bench/synthetic output).
Prints the median time over the runs and the throughput in MB/s of UTF-8 text.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from explainer.extract import extract_plain


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with open(a.path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    size = sum(len(t.encode("utf-8")) for t in texts)
    times = []
    quotes = 0
    for _ in range(a.runs):
        t0 = time.perf_counter()
        quotes = sum(len(extract_plain(str(i), t).quotes) for i, t in enumerate(texts))
        times.append(time.perf_counter() - t0)
    med = statistics.median(times)
    print(json.dumps({"records": len(texts), "bytes": size, "quotes": quotes, "runs": a.runs,
                      "median_s": round(med, 3), "mb_per_s": round(size / med / 1e6, 2)}))


if __name__ == "__main__":
    main()
