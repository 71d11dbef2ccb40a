#!/usr/bin/python3
"""Each route of `contrascreen serve` against route_cases.json: status, headers and body,
and every screening body equal to what the CLI prints for the same intake (for the CDS
Hooks routes: the cards `--format cds-hooks` prints for the QuestionnaireResponse the
request carries). Then the rule-set list against the CLI's decision records, the CDS Hooks
discovery against the rule-set list, the access log (no id or answer in clear), and
SIGTERM: exit 0.

Usage: check_routes.py --bin build/cli/contrascreen --source ROOT"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_process import ServeProcess  # noqa: E402

RULES = {"clinic-sv": "rules/clinics/clinic-sv/microneedling.yaml",
         "clinic-nl": "rules/clinics/clinic-nl/microneedling.yaml"}


# The CDS Hooks request around a case's `cds_prefetch` resource.
def cds_request(resource):
    return {"hook": "appointment-book", "hookInstance": "7f3c2a9e-61d4-4b8a-9c05-1e2f3a4b5c6d",
            "context": {"userId": "PractitionerRole/reception", "patientId": "pat-1"}, "prefetch": {"intake": resource}}


def cli_output(binary, root, ruleset, args, path, output_format="json"):
    run = subprocess.run([binary, "screen", "--rules", str(root / RULES[ruleset]), "--format", output_format] + args + [path],
                         cwd=root, capture_output=True, timeout=30)
    # The CLI names the file where the service names the request body.
    return run.stdout.decode("utf-8").replace(json.dumps(path)[1:-1], "<body>")


def check_case(case, server, binary, root, tmp):
    body = b""
    path = None
    if "body_file" in case:
        path = case["body_file"]
        body = (root / path).read_bytes()
    elif "body_text" in case:
        body = case["body_text"].encode("utf-8")
        path = str(Path(tmp) / ("body" + case.get("cli_extension", ".json")))
        Path(path).write_bytes(body)
    elif "cds_prefetch" in case:
        resource = case["cds_prefetch"]
        if isinstance(resource, str):
            resource = json.loads((root / resource).read_text(encoding="utf-8"))
        body = json.dumps(cds_request(resource), indent=2, ensure_ascii=False).encode("utf-8")
    elif "body_repeat" in case:
        text, count = case["body_repeat"]
        body = (text * count).encode("utf-8")
    headers = {"Content-Type": case["content_type"]} if "content_type" in case else {}
    if case["method"] == "POST":
        headers["Content-Length"] = str(len(body))
    status, got_headers, got = server.request(case["method"], case["target"], body if case["method"] == "POST" else None,
                                              headers)
    problems = []
    if status != case["status"]:
        problems.append("status %d, expected %d" % (status, case["status"]))
    for name, value in case.get("headers", {}).items():
        if got_headers.get(name) != value:
            problems.append("header %s: %r, expected %r" % (name, got_headers.get(name), value))
    text = got.decode("utf-8", "replace")
    if "body" in case and text != case["body"]:
        problems.append("body %r, expected %r" % (text, case["body"]))
    for part in case.get("contains", []):
        if part not in text:
            problems.append("body %r does not contain %r" % (text[:300], part))
    if "cli_from" in case:  # the CLI screens the resource at this path of the request
        resource = json.loads(body)
        for key in case["cli_from"]:
            resource = resource[key]
        path = str(Path(tmp) / "resource.json")
        Path(path).write_text(json.dumps(resource, ensure_ascii=False), encoding="utf-8")
    if "cli" in case:
        expected = cli_output(binary, root, case["ruleset"], case["cli"], path, case.get("cli_format", "json"))
        if text != expected:
            problems.append("body differs from the CLI's:\n  got      %r\n  expected %r" % (text[:600], expected[:600]))
    return problems


def check_rulesets(server, binary, root):
    status, _, body = server.request("GET", "/v1/rulesets")
    listed = json.loads(body)["rulesets"]
    problems = [] if status == 200 else ["/v1/rulesets: status %d" % status]
    expected = [("clinic-sv/microneedling", "clinic-sv-microneedling", ["sv", "en"], "clinic-sv"),
                ("clinic-nl/microneedling", "clinic-nl-microneedling", ["nl", "en"], "clinic-nl")]
    for entry, (rid, route, languages, key) in zip(listed, expected):
        record = json.loads(cli_output(binary, root, key, [], "examples/intakes/warfarin.json"))
        want = {"id": rid, "route_id": route, "version": "2026-11-21", "treatment": "microneedling",
                "sha256": record["ruleset"]["sha256"], "languages": languages}
        if entry != want:
            problems.append("/v1/rulesets: %r, expected %r" % (entry, want))
    if len(listed) != 2:
        problems.append("/v1/rulesets lists %d rule sets" % len(listed))
    return problems


def check_discovery(server):
    """GET /cds-services: one appointment-book service per rule set of /v1/rulesets."""
    status, _, body = server.request("GET", "/cds-services")
    problems = [] if status == 200 else ["/cds-services: status %d" % status]
    services = json.loads(body)["services"]
    rulesets = json.loads(server.request("GET", "/v1/rulesets")[2])["rulesets"]
    if len(services) != len(rulesets):
        problems.append("/cds-services lists %d services for %d rule sets" % (len(services), len(rulesets)))
    for service, ruleset in zip(services, rulesets):
        route = ruleset["route_id"]
        template = ("QuestionnaireResponse?subject=Patient/{{context.patientId}}&questionnaire=urn:contrascreen/"
                    "Questionnaire/%s&_sort=-authored&_count=1" % route)
        if (service.get("id") != route or service.get("hook") != "appointment-book"
                or service.get("prefetch") != {"intake": template} or not service.get("title")
                or set(service) - {"id", "hook", "title", "description", "prefetch", "usageRequirements"}):
            problems.append("/cds-services: %r for %s" % (service, route))
        for part in (ruleset["id"], ruleset["version"], ruleset["treatment"], ruleset["sha256"]):
            if part not in service.get("description", ""):
                problems.append("/cds-services: the description of %s does not name %r" % (route, part))
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    root = Path(args.source).resolve()
    cases = json.loads((Path(__file__).parent / "route_cases.json").read_text(encoding="utf-8"))["cases"]
    server = ServeProcess(args.bin, [str(root / RULES["clinic-sv"]), str(root / RULES["clinic-nl"])])
    failed = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for case in cases:
                problems = check_case(case, server, args.bin, root, tmp)
                failed += bool(problems)
                print("%s: %s" % ("FAIL" if problems else "ok", case["name"]))
                for problem in problems:
                    print("    " + problem)
        for name, check in (("GET /v1/rulesets", lambda: check_rulesets(server, args.bin, root)),
                            ("GET /cds-services", lambda: check_discovery(server))):
            problems = check()
            failed += bool(problems)
            print("%s: %s" % ("FAIL" if problems else "ok", name))
            for problem in problems:
                print("    " + problem)
    finally:
        status = server.stop()
    # The log: one line per request, never an intake id or an answer in clear.
    log = "\n".join(server.lines)
    requests = [e for e in server.events if "status" in e and "route" in e]
    log_problems = []
    for secret in ("P-0017", "Warfarin", "X-1", "M-6", "qr-complete", "qr-latest", "pat-1"):
        if secret in log:
            log_problems.append("the log holds %r in clear" % secret)
    if len(requests) != len(cases) + 3:
        log_problems.append("%d request lines for %d requests" % (len(requests), len(cases) + 3))
    screened = [e for e in requests if e["route"] in ("/v1/screen/{ruleset}", "/cds-services/{id}")
                and e["status"] == 200 and "intake" in e]
    if not any(e["route"] == "/cds-services/{id}" for e in screened):
        log_problems.append("no CDS Hooks screening line with a hashed intake id")
    if not screened or any(len(e["intake"]) != 16 or not e.get("ruleset_sha256") for e in screened):
        log_problems.append("screening lines without a hashed intake id and the rule set's sha256: %r" % screened[:2])
    if status != 0:
        log_problems.append("SIGTERM: exit status %r, expected 0" % status)
    failed += bool(log_problems)
    print("%s: the access log and the exit" % ("FAIL" if log_problems else "ok"))
    for problem in log_problems:
        print("    " + problem)
    if failed:
        print("---- server log ----\n" + log)
    print("%d passed, %d failed" % (len(cases) + 3 - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
