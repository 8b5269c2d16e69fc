#!/usr/bin/env python3
"""Distil Zoom's API Hub OpenAPI documents into small project-owned data files.

Usage:  python3 tools/gen_spec.py [ZOOM_API_DIR]
        (default: ../shared/zoom-api relative to the repository root)

ZOOM_API_DIR must contain endpoints/*.json (OpenAPI 3.0) and
webhooks/*.webhooks.json (OpenAPI 3.1 `webhooks` maps).  This script is the
only thing in the project that reads that directory; it writes

  spec/operations.json           operation table (see spec/README.md)
  spec/webhooks/<event>.json     example payload(s) per webhook event
  spec/webhooks/index.json       event index (required fields, fixture names, notes)
  spec/examples/<operationId>.json  the documented success example(s) of each operation

relative to the repository root (the parent of tools/).  Output is
deterministic: re-running on the same input gives byte-identical files.
Python 3.11, standard library only.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "spec"
BODY_DEPTH = 4  # body field tree: top-level fields are depth 1

# (method, path) in the order the project wants them.
OPERATIONS = [
    ("GET", "/users"),
    ("POST", "/users"),
    ("GET", "/users/{userId}"),
    ("PATCH", "/users/{userId}"),
    ("DELETE", "/users/{userId}"),
    ("GET", "/users/{userId}/settings"),
    ("PATCH", "/users/{userId}/settings"),
    ("PUT", "/users/{userId}/status"),
    ("GET", "/users/{userId}/meetings"),
    ("POST", "/users/{userId}/meetings"),
    ("GET", "/meetings/{meetingId}"),
    ("PATCH", "/meetings/{meetingId}"),
    ("DELETE", "/meetings/{meetingId}"),
    ("GET", "/meetings/{meetingId}/invitation"),
    ("GET", "/meetings/{meetingId}/registrants"),
    ("POST", "/meetings/{meetingId}/registrants"),
    ("PUT", "/meetings/{meetingId}/registrants/status"),
    ("GET", "/meetings/{meetingId}/recordings"),
    ("DELETE", "/meetings/{meetingId}/recordings"),
    ("GET", "/meetings/{meetingId}/transcript"),
    ("GET", "/meetings/{meetingId}/meeting_summary"),
    ("GET", "/meetings/meeting_summaries"),
    ("GET", "/users/{userId}/recordings"),
    ("GET", "/users/{userId}/webinars"),
    ("GET", "/webinars/{webinarId}"),
    ("POST", "/users/{userId}/webinars"),
    ("PATCH", "/webinars/{webinarId}"),
    ("DELETE", "/webinars/{webinarId}"),
    ("GET", "/past_webinars/{webinarId}/absentees"),
    ("GET", "/webinars/{webinarId}/registrants"),
    ("POST", "/webinars/{webinarId}/registrants"),
    ("PUT", "/webinars/{webinarId}/registrants/status"),
    ("GET", "/past_webinars/{webinarId}/participants"),
    ("GET", "/past_meetings/{meetingId}/participants"),
    ("GET", "/past_meetings/{meetingId}"),
    ("GET", "/past_meetings/{meetingId}/instances"),
    ("GET", "/past_meetings/{meetingId}/polls"),
    ("GET", "/past_webinars/{webinarId}/polls"),
    ("GET", "/past_webinars/{webinarId}/qa"),
    ("GET", "/webinars/{webinarId}/panelists"),
    ("POST", "/webinars/{webinarId}/panelists"),
    ("DELETE", "/webinars/{webinarId}/panelists/{panelistId}"),
    ("GET", "/chat/users/{userId}/channels"),
    ("GET", "/chat/users/{userId}/messages"),
    ("POST", "/chat/users/{userId}/messages"),
    ("GET", "/groups"),
    ("POST", "/groups/{groupId}/members"),
    ("DELETE", "/groups/{groupId}/members/{memberId}"),
    ("GET", "/phone/users/{userId}/recordings"),
    ("GET", "/phone/recordings"),
    ("GET", "/phone/users/{userId}/call_history"),
    ("GET", "/phone/call_history"),
    ("GET", "/report/daily"),
    ("GET", "/report/cloud_recording"),
    ("GET", "/report/users"),
    ("GET", "/report/activities"),
    ("GET", "/report/users/{userId}/meetings"),
    ("GET", "/report/meetings/{meetingId}/participants"),
]

# Dashboard (/metrics/*) GETs from Accounts.json that return Zoom Rooms /
# phone / webinar usage lists.  Accounts.json has no /metrics/phone* path, so
# there is no phone entry.  Chosen by hand after reading all 26 /metrics
# paths; per-item detail, QoS, sharing, feedback and "top 25 issues"
# endpoints are left out.
METRICS_OPERATIONS = [
    ("GET", "/metrics/zoomrooms"),  # Zoom Rooms list (paged, zoom_rooms[])
    ("GET", "/metrics/crc"),  # Cloud Room Connector hourly port usage (crc_ports_usage[])
    ("GET", "/metrics/webinars"),  # live/past webinars list (paged, webinars[])
    ("GET", "/metrics/webinars/{webinarId}/participants"),  # paged, participants[]
]

# Operations that are NOT in the vendored OpenAPI documents, written by hand
# from the section "Facts the generated files do not hold" of spec/README.md.
# Each carries a `"source"` naming its subsection and a note saying so.
# spec/README.md, "Plan usage (Billing API)": `GET
# /accounts/{accountId}/plans/usage` belongs to the Billing API; accountId
# `me` is the caller's own account; classic scopes account:read:admin and
# billing:master, granular billing:read:plan_usage:admin (unverified); Rate
# Limit Label Heavy; no paging; the response lists plan_base[],
# plan_large_meeting[], plan_webinar[], plan_zoom_rooms[], plan_zoom_one[]
# ({type, hosts, usage, pending}), plan_recording{} and plan_united{name,
# type, hosts, usage}.
HAND_WRITTEN_OPERATIONS = [
    {
        "operation_id": "getPlanUsage",
        "method": "GET",
        "path": "/accounts/{accountId}/plans/usage",
        "spec": None,
        "group": "facts",
        "source": "spec/README.md, Plan usage (Billing API); not in the vendored specs",
        "summary": "Get plan usage",
        "rate_limit": "HEAVY",
        "scopes": {
            "granular": ["billing:read:plan_usage:admin"],
            "classic": ["account:read:admin", "billing:master"],
        },
        "path_params": [{"name": "accountId", "type": "string"}],
        "query": [],
        "success": {"status": 200, "has_body": True},
        "response_fields": {
            "top": ["plan_base", "plan_large_meeting", "plan_webinar", "plan_zoom_rooms", "plan_zoom_one",
                    "plan_recording", "plan_united"],
            "items": {"plan_base": ["type", "hosts", "usage", "pending"]},
        },
        "error_codes": [],
        "error_statuses": [],
        "notes": ["hand-written from spec/README.md (Plan usage): not in the vendored OpenAPI documents"],
    },
]

WEBHOOK_EVENTS = [
    "meeting.created", "meeting.updated", "meeting.deleted", "meeting.started",
    "meeting.ended", "meeting.participant_joined", "meeting.participant_left",
    "meeting.registration_created", "webinar.created", "webinar.updated", "webinar.deleted", "webinar.started",
    "webinar.ended", "webinar.registration_created",
    "webinar.registration_approved", "webinar.registration_cancelled",
    "meeting.summary_completed", "recording.completed", "recording.transcript_completed", "user.created",
    "user.updated", "user.activated", "user.deactivated", "user.deleted",
    "user.signed_in", "user.signed_out", "phone.recording_completed",
    "phone.callee_call_log_completed", "phone.caller_call_log_completed", "phone.callee_ended",
    "endpoint.url_validation",
]

ENDPOINT_SPECS = ["Users", "Meetings", "TeamChat", "Phone", "Accounts"]
WEBHOOK_SPECS = ["Meetings", "Users", "TeamChat", "Phone"]

warnings: list[str] = []
_context = [""]  # operation currently being built, prefixed to field-level warnings


def warn(msg: str) -> None:
    if msg not in warnings:
        warnings.append(msg)


# --------------------------------------------------------------------------
# JSON output: indented, but any container whose one-line form fits in
# INLINE_WIDTH characters stays on one line.
INLINE_WIDTH = 110


def dumps(value, indent: int = 0) -> str:
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if not isinstance(value, (dict, list)) or len(flat) + indent <= INLINE_WIDTH or not value:
        return flat
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        items = [
            pad + json.dumps(k, ensure_ascii=False) + ": " + dumps(v, indent + 1)
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if all(not isinstance(v, (dict, list)) for v in value):
        # list of scalars: pack several per line
        lines, cur = [], ""
        for v in value:
            piece = json.dumps(v, ensure_ascii=False)
            if cur and len(pad) + len(cur) + len(piece) + 2 > INLINE_WIDTH:
                lines.append(cur + ",")
                cur = piece
            else:
                cur = cur + ", " + piece if cur else piece
        lines.append(cur)
        return "[\n" + "\n".join(pad + ln for ln in lines) + "\n" + " " * indent + "]"
    items = [pad + dumps(v, indent + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(value) + "\n", encoding="utf-8")


def git_blob_sha1(path: Path) -> str:
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


# --------------------------------------------------------------------------
# Schema flattening: resolve allOf / oneOf / anyOf by merging properties.
#   allOf          -> properties merged, `required` is the union
#   oneOf / anyOf  -> properties merged, a field counts as required only if
#                     every alternative requires it, and a narrowing keyword
#                     (format, pattern, lengths, bounds) holds only if every
#                     alternative states it alike
COMBINATORS = ("allOf", "oneOf", "anyOf")
# Scalar keywords that narrow what a value may be.
NARROWING_KEYS = ("format", "pattern", "minLength", "maxLength", "minimum", "maximum")


def merge_enum(a, b):
    if a is None:
        return b
    if b is None:
        return a
    out = list(a)
    for x in b:
        if x not in out:
            out.append(x)
    return out


def merge_flat(a: dict, b: dict) -> dict:
    """Merge two flattened schemas (a wins on scalar keywords)."""
    out = dict(a)
    for k, v in b.items():
        if k == "properties":
            props = dict(out.get("properties", {}))
            for pk, pv in v.items():
                props[pk] = merge_flat(flatten(props[pk]), flatten(pv)) if pk in props else pv
            out["properties"] = props
        elif k == "required":
            out["required"] = list(dict.fromkeys(list(out.get("required", [])) + list(v)))
        elif k == "enum":
            out["enum"] = merge_enum(out.get("enum"), v)
        elif k == "items":
            out["items"] = merge_flat(flatten(out["items"]), flatten(v)) if "items" in out else v
        elif k not in out:
            out[k] = v
    return out


def flatten(schema) -> dict:
    if not isinstance(schema, dict):
        return {}
    if not any(c in schema for c in COMBINATORS):
        return schema
    base = {k: v for k, v in schema.items() if k not in COMBINATORS}
    for sub in schema.get("allOf", []):
        base = merge_flat(base, flatten(sub))
    for comb in ("oneOf", "anyOf"):
        variants = [flatten(s) for s in schema.get(comb, [])]
        if not variants:
            continue
        req_sets = [set(v.get("required", [])) for v in variants]
        common = set.intersection(*req_sets) if req_sets else set()
        merged: dict = {}
        for v in variants:
            merged = merge_flat(merged, {k: x for k, x in v.items() if k != "required"})
        # A constraint binds only if every alternative states it: `to_contact` is an email
        # or a user id, so the email format of its first alternative is not a rule.
        for k in NARROWING_KEYS:
            if k in merged and any(v.get(k) != merged[k] for v in variants):
                del merged[k]
        if common:
            merged["required"] = [r for v in variants for r in v.get("required", []) if r in common]
            merged["required"] = list(dict.fromkeys(merged["required"]))
        base = merge_flat(base, merged)
    if "properties" in base and "type" not in base:
        base["type"] = "object"
    return base


def schema_type(s: dict):
    t = s.get("type")
    if t is None and "properties" in s:
        t = "object"
    if t is None and "items" in s:
        t = "array"
    return t


FIELD_KEYS = ("format", "enum", "default", "minLength", "maxLength", "minimum",
              "maximum", "maxItems", "pattern", "deprecated")


def field_tree(schema: dict, required: bool | None, depth: int) -> dict:
    s = flatten(schema)
    node: dict = {}
    t = schema_type(s)
    if t is not None:
        node["type"] = t
    for k in FIELD_KEYS:
        if k in s and not (k == "deprecated" and s[k] is not True):
            node[k] = s[k]
    for v in s.get("enum") or []:
        if isinstance(v, int) and not isinstance(v, bool) and v > 2**53:
            p2 = 1 << (v.bit_length() - 1)
            for cand in (p2, p2 << 1):
                if cand != v and float(cand) == float(v):
                    warn(f"{_context[0]}: enum value {v} looks like 2**{cand.bit_length() - 1} = {cand} "
                         "rounded through a double; kept as written")
    if required is not None:
        node["required"] = required
    if t == "object" or "properties" in s:
        props = s.get("properties") or {}
        if props:
            if depth >= BODY_DEPTH:
                node["truncated"] = True
            else:
                req = set(s.get("required", []))
                node["properties"] = {
                    name: field_tree(p, name in req, depth + 1) for name, p in props.items()
                }
    if t == "array" and isinstance(s.get("items"), dict):
        # array items share the array's depth; their properties go one deeper
        node["items"] = field_tree(s["items"], None, depth)
    return node


# --------------------------------------------------------------------------
# Description parsing
SCOPE_RE = {
    "classic": re.compile(r"\*\*\[Scopes\]\([^)]*\):\*\*([^\n]*)"),
    "granular": re.compile(r"\*\*\[Granular Scopes\]\([^)]*\):\*\*([^\n]*)"),
}
RATE_RE = re.compile(r"\*\*\[Rate Limit Label\]\([^)]*\):\*\*\s*`([^`]+)`")
ERR_RE = re.compile(r"\*\*Error Code:\*\*\s*`\s*([^`]+?)\s*`")
MAX_RE = re.compile(
    r"(?:maximum|max)(?:\s+(?:value|number|page size))?\s*(?:is|of|:|=)?\s*(?:\*\*)?(\d+)(?:\*\*)?",
    re.I)
DEFAULT_RE = re.compile(r"default(?:\s+value)?\s*(?:is|of|:|=)?\s*(?:\*\*)?`?(\d+)`?(?:\*\*)?", re.I)


def norm_rate(label: str) -> str:
    return label.strip().upper().replace(" ", "-")


def scopes_from_description(desc: str) -> dict:
    out = {}
    for kind, rx in SCOPE_RE.items():
        m = rx.search(desc)
        out[kind] = re.findall(r"`([^`]+)`", m.group(1)) if m else []
    return out


def clean_text(s: str) -> str:
    s = re.sub(r"<br\s*/?>", " ", s)
    s = s.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    s = re.sub(r"\s+", " ", s).strip()
    return s


def parse_error_codes(status: int, desc: str) -> list[dict]:
    parts = re.split(r"\*\*Error Code:\*\*", desc)
    out = []
    for part in parts[1:]:
        m = re.match(r"\s*`\s*([^`]+?)\s*`(.*)", part, re.S)
        if not m:
            warn(f"unparsed error code fragment: {part[:60]!r}")
            continue
        code_s = m.group(1)
        code = int(code_s) if code_s.isdigit() else code_s
        # One code often lists several alternative messages, separated by
        # <br>, line breaks or "* " bullets: emit one entry per message.
        msgs: list[str] = []
        for piece in re.split(r"<br\s*/?>|\n", m.group(2)):
            piece = clean_text(re.sub(r"^\s*\*\s+", "", piece))
            if not re.search(r"[A-Za-z0-9]", piece):
                continue
            if msgs and (piece[0].islower() or piece.startswith("This error")):
                msgs[-1] += " " + piece  # a wrapped line or an explanation, not a new message
            else:
                msgs.append(piece)
        if not msgs:
            warn(f"{_context[0]}: error code {code} at {status} has no message")
            msgs = [""]
        for msg in msgs:
            entry = {"status": status, "code": code, "message": msg}
            if entry not in out:
                out.append(entry)
    return out


def status_text(desc: str) -> str:
    """The free text of a response description, without the status header and
    the coded errors (e.g. 'Forbidden Access to the Zoom REST API ...')."""
    s = re.split(r"\*\*Error Code:\*\*", desc)[0]
    s = re.sub(r"\*\*HTTP Status Code:?\*\*:?\s*`?\d+`?", "", s)
    return clean_text(s)


# --------------------------------------------------------------------------
def param_type(schema: dict):
    if "oneOf" in schema:
        types = list(dict.fromkeys(schema_type(s) for s in schema["oneOf"]))
        return types[0] if len(types) == 1 else types, None
    return schema_type(schema), schema.get("format")


def build_param(p: dict, path_param: bool) -> dict:
    s = p.get("schema", {})
    t, fmt = param_type(s)
    out = {"name": p["name"], "type": t}
    if fmt:
        out["format"] = fmt
    if path_param:
        return out
    out["required"] = bool(p.get("required", False))
    for k in ("enum", "default", "minimum", "maximum", "maxLength", "maxItems"):
        if k in s:
            out[k] = s[k]
    if s.get("deprecated"):
        out["deprecated"] = True
    if t == "array" and isinstance(s.get("items"), dict):
        it = {"type": schema_type(s["items"])}
        if "enum" in s["items"]:
            it["enum"] = s["items"]["enum"]
        out["items"] = it
    return out


def page_size_info(op: dict, key: str) -> dict | None:
    ps = next((p for p in op.get("parameters", []) if p["name"] == "page_size" and p["in"] == "query"), None)
    if ps is None:
        return None
    s = ps.get("schema", {})
    pdesc = ps.get("description", "")
    info = {"default": s.get("default"), "max": s.get("maximum")}
    src = {"default": "schema" if "default" in s else None, "max": "schema" if "maximum" in s else None}
    texts = [("param description", pdesc), ("operation description", op.get("description", ""))]
    for fld, rx in (("max", MAX_RE), ("default", DEFAULT_RE)):
        found = []
        for where, text in texts:
            # only look at sentences that talk about page size / records
            for sent in re.split(r"(?<=[.\n])\s", text):
                if where == "operation description" and "page" not in sent.lower():
                    continue
                m = rx.search(sent)
                if m:
                    found.append((where, int(m.group(1))))
            if found:
                break
        if info[fld] is None and found:
            info[fld], src[fld] = found[0][1], found[0][0]
        elif info[fld] is not None and found and found[0][1] != info[fld]:
            warn(f"{key}: page_size {fld} schema={info[fld]} but {found[0][0]} says {found[0][1]}")
    if info["max"] is None:
        warn(f"{key}: page_size has no maximum in schema or description")
    if info["default"] is None:
        warn(f"{key}: page_size has no default in schema or description")
    info["source"] = src
    return info


PAGINATION_KEYS = {"next_page_token", "page_size", "page_count", "total_records", "page_number"}


def response_fields(schema: dict) -> dict:
    s = flatten(schema)
    props = s.get("properties") or {}
    out: dict = {"top": list(props)}
    items = {}
    for name, p in props.items():
        fp = flatten(p)
        if schema_type(fp) == "array":
            it = flatten(fp.get("items") or {})
            if it.get("properties"):
                items[name] = list(it["properties"])
    if items:
        out["items"] = items
        if PAGINATION_KEYS & set(props) and len(items) >= 1:
            # the list array of a paged response: the one array of objects
            # (if several, the largest)
            out["list_key"] = max(items, key=lambda k: len(items[k])) if len(items) > 1 else next(iter(items))
    return out


def build_operation(spec_name: str, method: str, path: str, op: dict, group: str) -> dict:
    key = f"{method} {path}"
    _context[0] = key
    desc = op.get("description", "")
    rl = RATE_RE.search(desc)
    if not rl:
        warn(f"{key}: no Rate Limit Label in description")
    xext = op.get("x-extensions", {})
    dscopes = scopes_from_description(desc)
    scopes = {
        "granular": list(xext.get("x-granular-scopes") or dscopes["granular"]),
        "classic": list(xext.get("x-macro-scopes") or dscopes["classic"]),
    }
    for kind, xk in (("granular", "x-granular-scopes"), ("classic", "x-macro-scopes")):
        if xk not in xext and dscopes[kind]:
            warn(f"{key}: {kind} scopes only in description")
        if xk in xext and sorted(xext[xk]) != sorted(dscopes[kind]):
            warn(f"{key}: {kind} scopes differ: x-extensions={xext[xk]} description={dscopes[kind]}")
        if not scopes[kind]:
            warn(f"{key}: no {kind} scopes")

    params = op.get("parameters", [])
    path_params = [build_param(p, True) for p in params if p["in"] == "path"]
    query = [build_param(p, False) for p in params if p["in"] == "query"]
    declared = re.findall(r"{(\w+)}", path)
    if [p["name"] for p in path_params] != declared:
        warn(f"{key}: path params {[p['name'] for p in path_params]} != template {declared}")
    other = [p["name"] for p in params if p["in"] not in ("path", "query")]
    if other:
        warn(f"{key}: non-path/query parameters ignored: {other}")

    out: dict = {
        "operation_id": op.get("operationId"),
        "method": method,
        "path": path,
        "spec": spec_name,
        "group": group,
        "summary": op.get("summary"),
        "rate_limit": norm_rate(rl.group(1)) if rl else None,
        "scopes": scopes,
        "path_params": path_params,
        "query": query,
    }
    psi = page_size_info(op, key)
    if psi:
        out["page_size"] = psi

    rb = op.get("requestBody")
    if rb:
        content = rb.get("content", {})
        if "application/json" in content:
            bs = flatten(content["application/json"].get("schema", {}))
            req = set(bs.get("required", []))
            out["body_required"] = bool(rb.get("required", False))
            out["body"] = {
                name: field_tree(p, name in req, 1) for name, p in (bs.get("properties") or {}).items()
            }
        else:
            warn(f"{key}: request body content types {list(content)} (not JSON)")

    responses = op.get("responses", {})
    ok = sorted(s for s in responses if s.isdigit() and 200 <= int(s) < 300)
    if not ok:
        warn(f"{key}: no 2xx response")
    else:
        if len(ok) > 1:
            warn(f"{key}: several 2xx responses {ok}; using {ok[0]}")
        r = responses[ok[0]]
        content = r.get("content", {})
        js = content.get("application/json", {}).get("schema")
        out["success"] = {"status": int(ok[0]), "has_body": bool(content)}
        if js:
            out["response_fields"] = response_fields(js)
        m = re.search(r"HTTP Status Code:?\*\*:?\s*`(\d+)`", r.get("description", ""))
        if m and m.group(1) != ok[0]:
            warn(f"{key}: success response key {ok[0]} but its description says {m.group(1)}")

    errors, statuses = [], []
    for st in sorted(responses):
        if st.isdigit() and 400 <= int(st) < 500:
            d = responses[st].get("description", "")
            codes = parse_error_codes(int(st), d)
            n_marks = d.count("Error Code")
            if n_marks != len(ERR_RE.findall(d)):
                warn(f"{key}: {st}: {n_marks} 'Error Code' marks but {len(ERR_RE.findall(d))} parsed code blocks")
            errors.extend(codes)
            statuses.append({"status": int(st), "text": status_text(d)})
    out["error_codes"] = errors
    out["error_statuses"] = statuses

    rf = out.get("response_fields", {})
    if "next_page_token" in rf.get("top", []) and not any(q["name"] == "next_page_token" for q in query):
        warn(f"{key}: response has next_page_token but there is no next_page_token query parameter")
    notes = [w[len(key) + 2:] for w in warnings if w.startswith(key + ": ")]
    if notes:
        out["notes"] = notes
    return out


def example_of(schema):
    """The example Zoom's reference renders for a schema: each property's own `example`, objects
    and arrays built from their parts. Properties without one are left out (`None`), as an
    optional field a real answer can omit."""
    s = flatten(schema)
    if "example" in s:
        return s["example"]
    t = schema_type(s)
    if t == "object":
        out = {}
        for name, p in (s.get("properties") or {}).items():
            v = example_of(p)
            if v is not None:
                out[name] = v
        return out or None
    if t == "array":
        item = example_of(s.get("items") or {})
        return None if item is None else [item]
    return None


def success_examples(op: dict) -> list:
    """Documented examples of the lowest 2xx JSON answer: media-level `example`/`examples` when
    given, else the one assembled from the schema's property examples."""
    ok = sorted(st for st in op.get("responses", {}) if st.isdigit() and 200 <= int(st) < 300)
    if not ok:
        return []
    media = (op["responses"][ok[0]].get("content") or {}).get("application/json") or {}
    if "example" in media:
        return [media["example"]]
    if media.get("examples"):
        return [e.get("value") for _, e in sorted(media["examples"].items()) if "value" in e]
    v = example_of(media.get("schema") or {})
    return [] if v is None else [v]


def load_endpoint_specs(src: Path) -> dict:
    return {n: json.loads((src / "endpoints" / f"{n}.json").read_text(encoding="utf-8")) for n in ENDPOINT_SPECS}


def find_operation(specs: dict, method: str, path: str):
    hits = [(n, d["paths"][path][method.lower()]) for n, d in specs.items()
            if path in d["paths"] and method.lower() in d["paths"][path]]
    if len(hits) > 1:
        warn(f"{method} {path}: found in several specs {[h[0] for h in hits]}; using {hits[0][0]}")
    return hits[0] if hits else (None, None)


def gen_operations(src: Path) -> dict:
    specs = load_endpoint_specs(src)
    ops, missing = [], []
    examples: dict = {}
    for group, table in (("core", OPERATIONS), ("metrics", METRICS_OPERATIONS)):
        for method, path in table:
            spec_name, op = find_operation(specs, method, path)
            if op is None:
                missing.append(f"{method} {path}")
                warn(f"{method} {path}: not found in any endpoint document")
                continue
            ops.append(build_operation(spec_name, method, path, op, group))
            examples[ops[-1]["operation_id"]] = {"method": method, "path": path, "spec": spec_name,
                                                 "status": ops[-1].get("success", {}).get("status"),
                                                 "examples": success_examples(op)}
    ops.extend(HAND_WRITTEN_OPERATIONS)
    sources = {}
    for n in ENDPOINT_SPECS:
        p = src / "endpoints" / f"{n}.json"
        sources[n] = {"file": f"endpoints/{n}.json", "git_blob": git_blob_sha1(p),
                      "title": specs[n]["info"]["title"], "openapi": specs[n]["openapi"]}
    return {
        "generator": "tools/gen_spec.py",
        "source": "Zoom API Hub OpenAPI documents, about 2026-03-10",
        "base_url": specs["Users"].get("servers", [{}])[0].get("url"),
        "sources": sources,
        "missing": missing,
        "operations": ops,
    }, examples


# --------------------------------------------------------------------------
# Webhooks
def parse_example(raw, where: str):
    if not isinstance(raw, str):
        return raw, None
    try:
        return json.loads(raw), None
    except json.JSONDecodeError as e:
        # lenient retry: strip trailing commas
        fixed = re.sub(r",(\s*[}\]])", r"\1", raw)
        try:
            return json.loads(fixed), f"example is not valid JSON ({e}); parsed after removing trailing commas"
        except json.JSONDecodeError:
            return None, f"example is not valid JSON ({e}); skipped"


DATE_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
PY_TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
            "object": dict, "array": list}


def check_value(schema: dict, value, path: str, issues: list[str]) -> None:
    """Small JSON-Schema subset check of an example against its schema."""
    s = flatten(schema)
    t = schema_type(s)
    if value is None:
        if not s.get("nullable"):
            issues.append(f"{path}: null")
        return
    if t in PY_TYPES:
        ok = isinstance(value, PY_TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
        if not ok:
            issues.append(f"{path}: {type(value).__name__} {json.dumps(value)[:40]} but schema type is {t}")
            return
    if "enum" in s and value not in s["enum"]:
        issues.append(f"{path}: value {json.dumps(value)[:40]} not in enum {s['enum']}")
    if isinstance(value, str):
        if s.get("format") == "date-time" and value and not DATE_TIME_RE.match(value):
            issues.append(f"{path}: {value!r} is not an RFC 3339 date-time")
        if "pattern" in s:
            try:
                if not re.search(s["pattern"], value):
                    issues.append(f"{path}: {value!r} does not match pattern {s['pattern']}")
            except re.error:
                pass
    if isinstance(value, dict):
        props = s.get("properties") or {}
        for r in s.get("required", []):
            if r not in value:
                issues.append(f"{path}.{r}: required by schema but missing from example")
        for k, v in value.items():
            if k in props:
                check_value(props[k], v, f"{path}.{k}", issues)
            elif props:
                issues.append(f"{path}.{k}: in example but not in schema")
    if isinstance(value, list) and isinstance(s.get("items"), dict):
        for i, v in enumerate(value):
            check_value(s["items"], v, f"{path}[{i}]", issues)


def gen_webhooks(src: Path) -> dict:
    docs = {}
    for n in WEBHOOK_SPECS:
        docs[n] = json.loads((src / "webhooks" / f"{n}.webhooks.json").read_text(encoding="utf-8"))
    outdir = OUT / "webhooks"
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob("*.json"):
        old.unlink()
    index, skipped = [], []
    for event in WEBHOOK_EVENTS:
        hits = [(n, d["webhooks"][event]) for n, d in docs.items() if event in d.get("webhooks", {})]
        if not hits:
            skipped.append(event)
            warn(f"webhook {event}: not in any webhook document; skipped")
            continue
        spec_name, wh = hits[0]
        post = wh.get("post", {})
        body = post.get("requestBody", {}).get("content", {}).get("application/json", {})
        schema = body.get("schema", {})
        examples = body.get("examples") or {}
        if not examples and "example" in body:
            examples = {"example": {"value": body["example"]}}
        fs = flatten(schema)
        payload = flatten((fs.get("properties") or {}).get("payload", {}))
        obj = flatten((payload.get("properties") or {}).get("object", {}))
        notes, fixtures = [], []
        for i, (ex_name, ex) in enumerate(examples.items()):
            value, problem = parse_example(ex.get("value") if isinstance(ex, dict) else ex, event)
            if problem:
                notes.append(f"example {ex_name!r}: {problem}")
            if value is None:
                continue
            fname = f"{event}.json" if not fixtures else f"{event}.{len(fixtures) + 1}.json"
            write_json(outdir / fname, value)
            fixtures.append(fname)
            issues: list[str] = []
            if isinstance(value, dict) and value.get("event") != event:
                issues.append(f"$.event: {value.get('event')!r} but the event is {event!r}")
            check_value(schema, value, "$", issues)
            notes.extend(f"{fname}: {x}" for x in issues)
        if not fixtures:
            warn(f"webhook {event}: no usable example")
        index.append({
            "event": event,
            "spec": spec_name,
            "fixtures": fixtures,
            "required_payload_fields": list(payload.get("required", [])),
            "required_object_fields": list(obj.get("required", [])),
            "object_fields": {
                name: {k: v for k, v in (("type", schema_type(flatten(p))), ("format", flatten(p).get("format")))
                       if v is not None}
                for name, p in (obj.get("properties") or {}).items()
            },
            "notes": notes,
        })
    sources = {n: {"file": f"webhooks/{n}.webhooks.json",
                   "git_blob": git_blob_sha1(src / "webhooks" / f"{n}.webhooks.json")} for n in WEBHOOK_SPECS}
    idx = {
        "generator": "tools/gen_spec.py",
        "source": "Zoom API Hub webhook OpenAPI documents, about 2026-03-10",
        "sources": sources,
        "skipped": skipped,
        "events": index,
    }
    write_json(outdir / "index.json", idx)
    return idx


def main(argv: list[str]) -> int:
    # default: ../shared/zoom-api, relative to the repository root
    src = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "zoom-api"
    if not (src / "endpoints").is_dir() or not (src / "webhooks").is_dir():
        print(f"error: {src} has no endpoints/ and webhooks/ directories", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    ops, examples = gen_operations(src)
    write_json(OUT / "operations.json", ops)
    (OUT / "examples").mkdir(exist_ok=True)
    for op_id, ex in sorted(examples.items()):
        write_json(OUT / "examples" / f"{op_id}.json", ex)
    idx = gen_webhooks(src)
    print(f"wrote {OUT / 'operations.json'}: {len(ops['operations'])} operations, missing {ops['missing']}")
    print(f"wrote {OUT / 'webhooks'}: {sum(len(e['fixtures']) for e in idx['events'])} fixtures "
          f"for {len(idx['events'])} events, skipped {idx['skipped']}")
    for e in idx["events"]:
        for n in e["notes"]:
            print(f"note: {e['event']}: {n}")
    for w in warnings:
        print(f"warning: {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
