#!/usr/bin/env python3
"""Re-screening a JSON Lines archive on Dask: intakes per second on 1 and 2 worker processes.

Generates the archive once (examples/python/rescreen_archive.py's generator: made-up intakes of
the policy's questions, one in 997 unreadable on purpose), then, for each worker count, starts a
dask.distributed.LocalCluster (processes, one thread each, loopback), screens every file and
counts decisions and rules on the workers (the example's summary) two ways: blocks of bytes
(contrascreen.dask.screen_jsonl_files) and text lines (dask.bag.read_text, screen_bag), timing
from submitting the graph to having the summary; the cluster's start is not timed. It also times one process screening the same files with
RuleSet.screen_file(jobs=1) as a baseline, and checks that every run counted the same.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/dask_bench.py \\
        --archive /tmp/contrascreen-archive --intakes 10000000 --files 40 --workers 1 2

An archive already holding --intakes intakes in --files files is reused (delete it to
regenerate). The machine's load average is printed with each run: the machine is shared.
"""

import argparse
import importlib.util
import json
import os
import pathlib
import sys
import time

import contrascreen

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATE = "2026-11-21"


def example():
    spec = importlib.util.spec_from_file_location("rescreen_archive", ROOT / "examples/python/rescreen_archive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def archive_files(directory):
    return sorted(pathlib.Path(directory).glob("archive-*.jsonl"))


def ensure_archive(rescreen, ruleset, directory, intakes, files):
    marker = pathlib.Path(directory) / "archive.json"
    wanted = {"intakes": intakes, "files": files, "ruleset": ruleset.sha256}
    if marker.exists() and json.loads(marker.read_text()) == wanted and len(archive_files(directory)) == files:
        return False
    for old in archive_files(directory):
        old.unlink()
    rescreen.write_archive(directory, ruleset, intakes, files)
    marker.write_text(json.dumps(wanted))
    return True


def load_average():
    return "%.2f %.2f %.2f" % os.getloadavg()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ruleset", default=str(ROOT / "rules/clinics/clinic-nl/microneedling.yaml"))
    parser.add_argument("--archive", default="/tmp/contrascreen-archive")
    parser.add_argument("--intakes", type=int, default=10_000_000)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--blocksize", default="64MiB")
    parser.add_argument("--no-baseline", action="store_true", help="skip the one-process screen_file baseline")
    parser.add_argument("--paths", nargs="+", choices=["bytes", "lines"], default=["bytes", "lines"])
    args = parser.parse_args()

    rescreen = example()
    ruleset = contrascreen.load(args.ruleset)
    started = time.perf_counter()
    if ensure_archive(rescreen, ruleset, args.archive, args.intakes, args.files):
        print(f"generated {args.intakes:,} intakes in {args.files} files in {time.perf_counter() - started:.1f} s")
    size = sum(p.stat().st_size for p in archive_files(args.archive))
    print(f"archive: {args.archive}, {args.intakes:,} intakes, {size / 2**20:,.0f} MiB; "
          f"policy {ruleset.id} {ruleset.sha256[:12]}; {os.cpu_count()} cores")

    counts = []
    if not args.no_baseline:
        print(f"load average before: {load_average()}")
        started = time.perf_counter()
        total = {}
        for path in archive_files(args.archive):
            part = rescreen.partition_summary(ruleset.screen_file(path, date=DATE, jobs=1))
            total = rescreen.merged([total, *part]) if total else rescreen.merged(part)
        seconds = time.perf_counter() - started
        counts.append(total)
        print(f"one process, screen_file(jobs=1): {seconds:.1f} s, {total['intakes'] / seconds:,.0f} intakes/s "
              f"(load average after: {load_average()})")

    for workers in args.workers:
        cluster, client = rescreen.start_cluster(workers)
        try:
            for path in args.paths:
                print(f"load average before: {load_average()}")
                started = time.perf_counter()
                summary = rescreen.rescreen(client, ruleset, args.archive, date=DATE, blocksize=args.blocksize,
                                            lines=path == "lines")
                seconds = time.perf_counter() - started
                counts.append(summary)
                print(f"dask, {workers} worker process(es), {path}: {seconds:.1f} s, "
                      f"{summary['intakes'] / seconds:,.0f} intakes/s (load average after: {load_average()})")
        finally:
            client.close()
            cluster.close()

    assert all(c == counts[0] for c in counts), "runs counted differently"
    print("decisions:", json.dumps(counts[0]["decisions"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
