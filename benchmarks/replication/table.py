#!/usr/bin/env python3
"""Prints ReplicatedPutBenchmark's JMH JSON result (-rf json) as the Markdown table of docs/benchmarks.md.

Usage: python3 benchmarks/replication/table.py replication.json
"""
import json
import sys

ORDER = ["JGroups_floor", "JGroups_floorIspnStack", "Tandem_sync", "Infinispan_sync", "Hazelcast_sync",
         "Tandem_async", "Infinispan_async", "Hazelcast_async"]


def main(path):
    rows = {}
    for result in json.load(open(path)):
        params = result.get("params", {})
        key = (params["peer"], int(params["members"]))
        metric = result["primaryMetric"]
        row = rows.setdefault(key, {})
        if result["benchmark"].endswith(".latency"):
            row["p50"] = metric["scorePercentiles"]["50.0"]
            row["p99"] = metric["scorePercentiles"]["99.0"]
            row["mean"] = metric["score"]
        elif result["benchmark"].endswith(".throughput"):
            row["ops"] = metric["score"]
            lo, hi = min(sum(metric["rawData"], [])), max(sum(metric["rawData"], []))
            row["ops_range"] = (lo, hi)

    def fmt(value, digits=0):
        return "–" if value is None else f"{value:,.{digits}f}"

    print("| peer | members | p50 µs | p99 µs | mean µs | p50 ÷ floor | p50 ÷ Infinispan_sync | ops/s, 4 callers (min–max iteration) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for members in sorted({m for _, m in rows}):
        floor = rows.get(("JGroups_floor", members), {}).get("p50")
        ispn = rows.get(("Infinispan_sync", members), {}).get("p50")
        for peer in ORDER:
            row = rows.get((peer, members))
            if row is None:
                continue
            p50 = row.get("p50")
            ratio_floor = fmt(p50 / floor, 2) + "×" if p50 and floor else "–"
            ratio_ispn = fmt(p50 / ispn, 2) + "×" if p50 and ispn else "–"
            ops = row.get("ops")
            ops_text = "–" if ops is None else f"{ops:,.0f} ({row['ops_range'][0]:,.0f}–{row['ops_range'][1]:,.0f})"
            print(f"| {peer} | {members} | {fmt(p50)} | {fmt(row.get('p99'))} | {fmt(row.get('mean'))} "
                  f"| {ratio_floor} | {ratio_ispn} | {ops_text} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "replication.json")
