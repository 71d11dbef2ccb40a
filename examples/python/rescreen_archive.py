#!/usr/bin/env python3
"""Re-screen an archive of intakes under a policy, on a Dask cluster.

Reads every *.jsonl file of an archive directory in blocks of bytes and screens each block
with contrascreen.dask.screen_jsonl_files on a dask.distributed.LocalCluster of --workers
processes, and writes a JSON summary: how many intakes were allowed, referred, refused or
could not be read, and per rule how many intakes it was a reason for (fired or undecided).
The rule set travels to the workers as its texts (a pickle), so the workers need neither
the rule-set files nor the catalogue. Example (from the repository root, after
scripts/build.sh):

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/rescreen_archive.py \\
        rules/clinics/clinic-nl/microneedling.yaml --archive /tmp/archive \\
        --generate 100000 --files 8 --workers 2 --date 2026-11-21 --summary summary.json

--generate N first writes N made-up intakes (answers drawn at random from the policy's
questions, a few of them unreadable on purpose) into the archive as --files files.
Needs Debian's python3-dask and python3-distributed.
"""

import argparse
import collections
import datetime
import json
import pathlib
import random
import sys
import time

import contrascreen
import contrascreen.dask

# Free-text list answers (e.g. medications) drawn from these.
LIST_ITEMS = ["warfarin", "ibuprofen", "isotretinoin", "metformin", "apixaban", "levothyroxine", "sertraline"]


def random_answer(question, rng, today):
    """A random answer of the question's type, or None (unanswered) one time in ten."""
    if rng.random() < 0.1:
        return None
    if question.type == "bool":
        return rng.random() < 0.15
    if question.type == "number":
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else 100
        return round(rng.uniform(low, min(high, low + 80)))
    if question.type == "enum":
        return rng.choice(question.values)
    if question.type == "list":
        return rng.sample(LIST_ITEMS, rng.choice([0, 0, 0, 1, 2]))
    return (today - datetime.timedelta(days=rng.randrange(1, 400))).isoformat()


def answer_texts(ruleset, count, seed):
    """`count` distinct answer objects as JSON text. Follow-up questions are answered only
    when the question they follow has an answer that enables them, so the answers can all
    be true; a few are misspelt on purpose (unreadable intakes)."""
    rng = random.Random(seed)
    today = datetime.date(2026, 11, 21)
    questions = ruleset.questions  # form order: a follow-up comes after what it follows
    texts = []
    for n in range(count):
        answers = {}
        for q in questions:
            if q.follows is not None:
                given = answers.get(q.follows)
                spelt = str(given).lower() if isinstance(given, bool) else given
                if spelt not in q.follows_when:
                    continue
            value = random_answer(q, rng, today)
            if value is not None:
                answers[q.id] = value
        if n % 997 == 996:
            answers["pregant"] = True  # an unknown question: the intake cannot be read
        texts.append(json.dumps(answers, separators=(",", ":")))
    return texts


def write_archive(directory, ruleset, intakes, files, seed=15, date="2026-11-21"):
    """Writes `intakes` intakes as `files` JSON Lines files archive-NNNNN.jsonl, with ids
    A-00000001... in order; returns the paths. Answers repeat from a pool of 4096."""
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pool = answer_texts(ruleset, min(4096, max(1, intakes)), seed)
    paths = []
    per_file = -(-intakes // files) if files else intakes
    written = 0
    for f in range(files):
        path = directory / f"archive-{f:05d}.jsonl"
        with open(path, "w", encoding="utf-8") as out:
            stop = min(intakes, written + per_file)
            out.writelines(f'{{"id":"A-{n + 1:08d}","date":"{date}","answers":{pool[n % len(pool)]}}}\n'
                           for n in range(written, stop))
            written = stop
        paths.append(path)
    return paths


def partition_summary(results):
    """[{'decisions': {...}, 'rules': {...}, 'intakes': n}] of one partition's Results,
    counted from its columns (no Decision object is made)."""
    columns = results.columns()
    decisions = collections.Counter(columns["decision"])  # "error" for an unreadable intake
    rules = collections.Counter()
    for joined, count in collections.Counter(columns["rules"]).items():
        for rule in (joined or "").split(";"):
            if rule:
                rules[rule] += count
    return [{"intakes": len(results), "decisions": dict(decisions), "rules": dict(rules)}]


def merged(summaries):
    decisions, rules, intakes = collections.Counter(), collections.Counter(), 0
    for s in summaries:
        intakes += s["intakes"]
        decisions.update(s["decisions"])
        rules.update(s["rules"])
    return {"intakes": intakes,
            "decisions": {d: decisions.get(d, 0) for d in ("allow", "refer", "refuse", "error")},
            "rules": dict(sorted(rules.items()))}


def start_cluster(workers, threads=1):
    """A LocalCluster of `workers` processes on the loopback interface, and its Client."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=threads, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    return cluster, Client(cluster)


def rescreen(client, ruleset, archive, date=None, blocksize="32MiB", lines=False):
    """Screens every *.jsonl file of `archive` on `client`'s cluster; returns the summary.
    Blocks of bytes (screen_jsonl_files), or with lines=True text lines (dask.bag.read_text
    and screen_bag), which gives the same results more slowly."""
    pattern = str(pathlib.Path(archive) / "*.jsonl")
    if lines:
        import dask.bag as db

        results = contrascreen.dask.screen_bag(db.read_text(pattern, blocksize=blocksize), ruleset, date=date)
    else:
        results = contrascreen.dask.screen_jsonl_files(pattern, ruleset, blocksize=blocksize, date=date)
    summaries = results.map_partitions(partition_summary)
    return merged(client.compute(summaries).result())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ruleset", help="the rule set (YAML file)")
    parser.add_argument("--archive", required=True, help="directory of *.jsonl intake files")
    parser.add_argument("--generate", type=int, metavar="N", help="first write N made-up intakes into the archive")
    parser.add_argument("--files", type=int, default=8, help="files to spread generated intakes over (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--date", help="screening date for intakes without one (YYYY-MM-DD)")
    parser.add_argument("--blocksize", default="32MiB", help="bytes of text per partition (default 32MiB)")
    parser.add_argument("--summary", help="write the summary here (default: standard output)")
    args = parser.parse_args(argv)

    ruleset = contrascreen.load(args.ruleset)
    if args.generate is not None:
        write_archive(args.archive, ruleset, args.generate, args.files)
    cluster, client = start_cluster(args.workers)
    try:
        started = time.perf_counter()
        summary = rescreen(client, ruleset, args.archive, date=args.date, blocksize=args.blocksize)
        seconds = time.perf_counter() - started
    finally:
        client.close()
        cluster.close()
    summary = {"ruleset": {"id": ruleset.id, "version": ruleset.version, "sha256": ruleset.sha256},
               "workers": args.workers, "seconds": round(seconds, 3),
               "intakes_per_second": round(summary["intakes"] / seconds) if seconds > 0 else None, **summary}
    text = json.dumps(summary, indent=2) + "\n"
    if args.summary:
        pathlib.Path(args.summary).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
