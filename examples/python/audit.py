#!/usr/bin/env python3
"""Audit a batch of intakes under two versions of a policy.

Screens every intake of a JSON Lines or CSV batch under policy A and policy B and writes

  - a summary CSV: decisions by policy, refusals and referrals by rule, and every intake
    whose decision changed from A to B (with the rules behind both decisions), and
  - a PNG bar chart: refusals and referrals by rule, the two policies side by side, next to
    the decisions of each policy.

Both policies are identified by id, version and sha256, so the summary proves which policy
content decided. Example (from the repository root, after scripts/build.sh):

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/audit.py \\
        examples/batches/intakes.jsonl \\
        rules/common/microneedling.yaml rules/clinics/clinic-nl/microneedling.yaml \\
        --date 2026-11-21 --out audit

Counting goes through pandas when it is installed (Debian: python3-pandas) and through the
standard library otherwise (--no-pandas forces that); both give the same summary.
"""

import argparse
import collections
import csv
import datetime
import json
import os
import pathlib
import sys

import contrascreen

DECISIONS = ("allow", "refer", "refuse", "error")
SUMMARY_COLUMNS = ["section", "policy", "rule", "decision", "status", "count", "intake", "before", "after",
                   "before_rules", "after_rules"]


# ---- reading the batch ------------------------------------------------------------

def read_jsonl(path):
    """Intake dicts, one per non-blank line (a line that is not JSON becomes a non-mapping,
    which screen_many reports as an error record in its place)."""
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as error:
                    yield f"invalid JSON: {error}"


def csv_cell(question, text):
    """One CSV cell as an answer, by the rules of the CLI's CSV reader (docs/interfaces.md, 'Intakes')."""
    text = text.strip()
    if text == "":
        return None
    if question is None:
        return text  # not a question: screen_many reports the unknown column's name
    if question.type == "bool":
        folded = text.lower()
        if folded in ("true", "yes", "1"):
            return True
        if folded in ("false", "no", "0"):
            return False
        return text  # reported as a wrong type
    if question.type == "number":
        try:
            return float(text)
        except ValueError:
            return text
    if question.type == "list":
        items = csv_list(text)
        return text if items is None else items  # not a list: reported as a wrong type
    return text  # enum values and dates as written


def csv_list(text):
    """A list cell's items by the one CSV list syntax: items separated by ';', the whole cell
    optionally in [ ], [] and none the empty list; None for anything else (an empty item, a ',',
    a bracket inside, none as an item), which is never read in part."""
    if text.lower() == "none":
        return []
    if len(text) >= 2 and text[0] == "[" and text[-1] == "]":
        text = text[1:-1]
        if not text.strip():
            return []
    items = [item.strip() for item in text.split(";")]
    if any(not item or item.lower() == "none" or any(c in item for c in ",[]") for item in items):
        return None
    return items


def read_csv(path, catalogue):
    """Intake dicts from a CSV batch with the header `id,date,<question ids>`, one per line: as
    in the CLI, a quoted cell never spans lines, so a broken line costs only itself (it becomes
    a non-mapping, which screen_many reports as an error record in its place)."""
    questions = {q.id: q for q in catalogue}
    with open(path, newline="\n", encoding="utf-8-sig") as f:  # lines end at "\n" only, as in the CLI
        lines = (line for line in f if line.strip(" \t\r\n"))  # blank lines are skipped
        header = [name.strip() for name in next(csv.reader([next(lines, "")], strict=True), [])]
        for line in lines:
            try:
                row = next(csv.reader([line], strict=True))
            except csv.Error as error:
                yield f"invalid CSV: {error}"
                continue
            if len(row) != len(header):
                yield f"invalid CSV: {len(row)} cells under {len(header)} columns"
                continue
            intake = {"answers": {}}
            for name, cell in zip(header, row):
                if name in ("id", "date"):
                    intake[name] = cell.strip() or None
                else:
                    intake["answers"][name] = csv_cell(questions.get(name), cell)
            yield intake


def read_batch(path, catalogue):
    """The intakes of a .jsonl or .csv batch, as an iterator of dicts."""
    suffix = pathlib.Path(path).suffix.lower()
    if suffix == ".csv":
        return read_csv(path, catalogue)
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path)
    raise SystemExit(f"audit: {path}: unknown batch format (use .jsonl or .csv)")


# ---- counting ---------------------------------------------------------------------

def label(ruleset, other):
    """How a policy is named in the summary: id@version, with the digest when that is ambiguous."""
    name = f"{ruleset.id}@{ruleset.version}"
    if (ruleset.id, ruleset.version) == (other.id, other.version):
        name += f" ({ruleset.sha256[:12]})"
    return name


def result_rows(policy, results):
    """One row per (intake, reason): the tidy table both counting paths start from."""
    for result in results:
        decision = result.decision or "error"
        yield {"policy": policy, "index": result.index, "id": result.id, "decision": decision, "rule": None,
               "reason": None, "status": None}
        if result.ok:
            for reason in result.reasons:
                yield {"policy": policy, "index": result.index, "id": result.id, "decision": decision,
                       "rule": reason.rule, "reason": reason.decision, "status": reason.status}


def tally_python(rows):
    """(decisions, reasons): {(policy, decision): n} and {(policy, rule, decision, status): n}."""
    decisions, reasons = collections.Counter(), collections.Counter()
    for row in rows:
        if row["rule"] is None:
            decisions[row["policy"], row["decision"]] += 1
        else:
            reasons[row["policy"], row["rule"], row["reason"], row["status"]] += 1
    return dict(decisions), dict(reasons)


def tally_pandas(rows):
    """tally_python's result, counted with pandas group-bys."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=["policy", "index", "id", "decision", "rule", "reason", "status"])
    intakes = frame[frame["rule"].isna()]
    hits = frame[frame["rule"].notna()]
    decisions = intakes.groupby(["policy", "decision"]).size()
    reasons = hits.groupby(["policy", "rule", "reason", "status"]).size()
    return ({key: int(n) for key, n in decisions.items()}, {key: int(n) for key, n in reasons.items()})


def have_pandas():
    """Whether pandas can be imported (Debian: python3-pandas)."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def rules_of(result):
    """The rules behind a result, for the `changed` rows: 'a;b (undecided)', or the error code."""
    if not result.ok:
        return "error: " + result.code
    return ";".join(r.rule + (" (undecided)" if r.undecided else "") for r in result.reasons)


def summary_rows(labels, decisions, reasons, results_a, results_b):
    """The summary table: decisions by policy, reasons by policy (most frequent first), changed intakes."""
    rows = []
    for policy in labels:
        for decision in DECISIONS:
            rows.append({"section": "decisions", "policy": policy, "decision": decision,
                         "count": decisions.get((policy, decision), 0)})
    for policy in labels:
        ranked = sorted(((n, key) for key, n in reasons.items() if key[0] == policy), key=lambda x: (-x[0], x[1]))
        for n, (_, rule, decision, status) in ranked:
            rows.append({"section": "reasons", "policy": policy, "rule": rule, "decision": decision,
                         "status": status, "count": n})
    for a, b in zip(results_a, results_b):
        if a.decision != b.decision:
            rows.append({"section": "changed", "policy": f"{labels[0]} -> {labels[1]}", "intake": a.id or b.id,
                         "before": a.decision or "error", "after": b.decision or "error",
                         "before_rules": rules_of(a), "after_rules": rules_of(b)})
    return rows


def write_summary(path, rows):
    """Writes the summary rows as CSV under SUMMARY_COLUMNS (empty where a column does not apply)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in SUMMARY_COLUMNS})


# ---- the chart --------------------------------------------------------------------

def draw_chart(path, labels, rulesets, decisions, reasons, total, changed, batch_name):
    """Refusals and referrals by rule for both policies side by side, next to the decisions, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    # Per rule and policy: refusals, and referrals (fired refer rules and undecided rules).
    refusals, referrals = collections.Counter(), collections.Counter()
    for (policy, rule, decision, _status), n in reasons.items():
        (refusals if decision == "refuse" else referrals)[policy, rule] += n
    rules = sorted({rule for (_, rule) in list(refusals) + list(referrals)},
                   key=lambda r: (-sum(refusals[p, r] + referrals[p, r] for p in labels), r))
    colours = [("#1f5fa8", "#9dbfe6"), ("#c2571a", "#f2bb94")]  # per policy: refuse, refer

    height = max(5.0, 0.45 * len(rules) + 2.8)
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, height), gridspec_kw={"width_ratios": [3.2, 1]},
                                         layout="constrained")
    bar = 0.38
    longest = 1
    for p, policy in enumerate(labels):
        offsets = [i + (p - 0.5) * bar for i in range(len(rules))]
        refuse = [refusals[policy, r] for r in rules]
        refer = [referrals[policy, r] for r in rules]
        left.barh(offsets, refuse, height=bar, color=colours[p][0], edgecolor="white", linewidth=0.6)
        left.barh(offsets, refer, height=bar, left=refuse, color=colours[p][1], edgecolor="white", linewidth=0.6)
        for y, a, b in zip(offsets, refuse, refer):
            longest = max(longest, a + b)
            if a + b:
                left.annotate(str(a + b), (a + b, y), xytext=(3, 0), textcoords="offset points", va="center",
                              fontsize=9, color="#333333")
    left.set_xlim(0, longest * 1.1)
    left.set_yticks(range(len(rules)))
    left.set_yticklabels([r.replace("_", " ") for r in rules], fontsize=10)
    left.set_ylim(len(rules) - 0.5, -0.5)  # the most frequent reason on top
    left.set_xlabel("intakes with this reason", fontsize=10)
    left.set_ylabel("rule", fontsize=10)
    left.set_title("Refusals and referrals by rule", fontsize=12, loc="left")
    left.xaxis.get_major_locator().set_params(integer=True)
    left.grid(axis="x", color="#dddddd", linewidth=0.8)
    left.set_axisbelow(True)
    for side in ("top", "right"):
        left.spines[side].set_visible(False)

    # Decisions per policy, side by side.
    shown = [d for d in DECISIONS if d != "error" or any(decisions.get((p, "error")) for p in labels)]
    for p, policy in enumerate(labels):
        xs = [i + (p - 0.5) * bar for i in range(len(shown))]
        counts = [decisions.get((policy, d), 0) for d in shown]
        right.bar(xs, counts, width=bar, color=colours[p][0])
        for x, n in zip(xs, counts):
            right.annotate(str(n), (x, n), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                           fontsize=9, color="#333333")
    right.set_xticks(range(len(shown)))
    right.set_xticklabels(shown, fontsize=10)
    right.set_xlabel("decision", fontsize=10)
    right.set_ylabel("intakes", fontsize=10)
    right.set_title(f"Decisions ({changed} changed)", fontsize=12, loc="left")
    right.yaxis.get_major_locator().set_params(integer=True)
    right.grid(axis="y", color="#dddddd", linewidth=0.8)
    right.set_axisbelow(True)
    right.set_ylim(0, max([decisions.get((p, d), 0) for p in labels for d in shown] + [1]) * 1.12)
    for side in ("top", "right"):
        right.spines[side].set_visible(False)

    handles = []
    for p, policy in enumerate(labels):
        handles.append(Patch(color=colours[p][0], label=f"{'AB'[p]}: refuse"))
        handles.append(Patch(color=colours[p][1], label=f"{'AB'[p]}: refer (fired or undecided)"))
    left.legend(handles=handles, loc="lower right", ncol=2, fontsize=9, title="policy: reason",
                title_fontsize=9, framealpha=0.9, edgecolor="#cccccc")
    digests = "      ".join(f"{'AB'[p]}: {label}  (sha256 {rs.sha256[:12]})"
                            for p, (label, rs) in enumerate(zip(labels, rulesets)))
    figure.suptitle(f"Screening audit of {batch_name}: {total} intakes under two policies", fontsize=14,
                    fontweight="bold")
    figure.supxlabel(digests, fontsize=9.5, color="#444444")
    figure.savefig(path, dpi=120)
    plt.close(figure)


# ---- main -------------------------------------------------------------------------

def audit(batch, policy_a, policy_b, out_dir, date=None, lang=None, use_pandas=None, jobs=None):
    """Runs the audit; returns (summary path, chart path, summary rows)."""
    rulesets = [contrascreen.load(policy_a), contrascreen.load(policy_b)]
    labels = [label(rulesets[0], rulesets[1]), label(rulesets[1], rulesets[0])]
    if labels[0] == labels[1]:
        labels[1] += " (B)"
    results = [rs.screen_many(read_batch(batch, rs.catalogue), date=date, lang=lang, jobs=jobs) for rs in rulesets]
    rows = [row for policy, r in zip(labels, results) for row in result_rows(policy, r)]
    if use_pandas is None:
        use_pandas = have_pandas()
    decisions, reasons = tally_pandas(rows) if use_pandas else tally_python(rows)

    os.makedirs(out_dir, exist_ok=True)
    summary_path = os.path.join(out_dir, "summary.csv")
    chart_path = os.path.join(out_dir, "reasons.png")
    summary = summary_rows(labels, decisions, reasons, *results)
    write_summary(summary_path, summary)
    changed = sum(1 for row in summary if row["section"] == "changed")
    draw_chart(chart_path, labels, rulesets, decisions, reasons, len(results[0]), changed, pathlib.Path(batch).name)
    return summary_path, chart_path, summary


def main(argv=None):
    """The command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", help="the intakes: a .jsonl or .csv batch")
    parser.add_argument("policy_a", help="the first policy (e.g. the current version)")
    parser.add_argument("policy_b", help="the second policy (e.g. the proposed version)")
    parser.add_argument("--out", default="audit", help="directory for summary.csv and reasons.png (default: audit)")
    parser.add_argument("--date", type=datetime.date.fromisoformat,
                        help="screening date YYYY-MM-DD for intakes without one (default: today)")
    parser.add_argument("--lang", help="message language (default: each policy's first)")
    parser.add_argument("--jobs", type=int, help="screening threads (default: one per core)")
    parser.add_argument("--no-pandas", action="store_true", help="count with the standard library only")
    args = parser.parse_args(argv)
    summary_path, chart_path, summary = audit(args.batch, args.policy_a, args.policy_b, args.out, args.date,
                                              args.lang, False if args.no_pandas else None, args.jobs)
    for row in summary:
        if row["section"] == "decisions":
            print(f"{row['policy']:>40}  {row['decision']:>6}  {row['count']}")
    changed = sum(1 for row in summary if row["section"] == "changed")
    print(f"{changed} intakes changed decision; wrote {summary_path} and {chart_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
