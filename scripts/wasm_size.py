#!/usr/bin/env python3
"""Size breakdown of a WebAssembly component (or core module): its sections, the core modules it
embeds, and per core module its code by function and by crate (from the `name` section, so the
module must be linked without `strip`). Standard library only.

usage: wasm_size.py FILE.wasm [TOP_N]
"""
import re
import sys
from collections import defaultdict


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def name(b, i):
    n, i = leb(b, i)
    return b[i:i + n].decode("utf-8", "replace"), i + n


def sections(b, i=8):
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        yield sid, j, j + size, i
        i = j + size


CORE = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
        7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount", 13: "tag"}
COMP = {0: "custom", 1: "core module", 2: "core instance", 3: "core type", 4: "component",
        5: "instance", 6: "alias", 7: "type", 8: "canon", 9: "start", 10: "import", 11: "export"}


def core_modules(b, path="component"):
    """(label, bytes) of every core module in a component, nested components included."""
    if b[4:8] == b"\x01\x00\x00\x00":
        yield path, b
        return
    n = 0
    for sid, s, e, _ in sections(b):
        if sid == 1:
            yield f"{path}/module[{n}]", b[s:e]
            n += 1
        elif sid == 4:
            yield from core_modules(b[s:e], f"{path}/component")


def section_table(b, kinds):
    rows = defaultdict(int)
    for sid, s, e, start in sections(b):
        label = kinds.get(sid, str(sid))
        if sid == 0:
            cname, _ = name(b, s)
            label = f"custom \"{cname}\""
        rows[label] += e - start
    return sorted(rows.items(), key=lambda r: -r[1])


def skip_limits(b, i):
    flags = b[i]
    i += 1
    _, i = leb(b, i)
    if flags & 1:
        _, i = leb(b, i)
    return i


def functions(m):
    """[(index, body size)] of the defined functions, and {index: name}."""
    imported = 0
    bodies = []
    names = {}
    for sid, s, e, _ in sections(m):
        if sid == 2:
            n, i = leb(m, s)
            for _ in range(n):
                _, i = name(m, i)
                _, i = name(m, i)
                kind = m[i]
                i += 1
                if kind == 0:
                    _, i = leb(m, i)
                    imported += 1
                elif kind == 1:
                    i = skip_limits(m, i + 1)
                elif kind == 2:
                    i = skip_limits(m, i)
                elif kind == 3:
                    i += 2
                elif kind == 4:
                    i += 1
                    _, i = leb(m, i)
        elif sid == 10:
            n, i = leb(m, s)
            for k in range(n):
                size, j = leb(m, i)
                bodies.append((imported + k, size + (j - i)))
                i = j + size
        elif sid == 0:
            cname, i = name(m, s)
            if cname != "name":
                continue
            while i < e:
                sub = m[i]
                size, i = leb(m, i + 1)
                if sub == 1:
                    n, j = leb(m, i)
                    for _ in range(n):
                        idx, j = leb(m, j)
                        raw, j = name(m, j)
                        names[idx] = demangle(raw)
                i += size
    return bodies, names


ESCAPES = {"$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$C$": ",", "$SP$": "@", "$LP$": "(",
           "$RP$": ")", "$u20$": " ", "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}",
           "$u3b$": ";", "$u7e$": "~", "$u2b$": "+", "$u22$": '"'}


def demangle(sym):
    """Rust's legacy mangling (`_ZN...E`), hash dropped; other names as they are."""
    if not sym.startswith("_ZN"):
        return sym
    i, parts = 3, []
    while i < len(sym) and sym[i].isdigit():
        j = i
        while sym[j].isdigit():
            j += 1
        n = int(sym[i:j])
        parts.append(sym[j:j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    out = []
    for part in parts:
        if part.startswith("_$"):
            part = part[1:]
        part = part.replace("..", "::")
        part = re.sub(r"\$[A-Za-z0-9]+\$", lambda m: ESCAPES.get(m.group(0), m.group(0)), part)
        out.append(part)
    return "::".join(out)


def crate_of(fn):
    # `<a::B as c::D>::f` counts for the crate of the type (`a`), `a::b::c` for `a`; std, core
    # and alloc stay apart, and names without a path (C symbols, shims) go under their own name.
    m = re.match(r"(cabi_post_)?([a-z-]+:[a-z-]+/[a-z-]+)@[0-9.]+#", fn)
    if m or "::wit::bindings::exports::" in fn:
        if not m:
            return "(component exports, wit-bindgen glue in zoom_connector::wit::bindings)"
        return f"(component exports, {m.group(2)}{', post-return' if m.group(1) else ''})"
    s = fn.lstrip("<&*").replace("mut ", "").replace("dyn ", "").replace("const ", "")
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", s)
    if m:
        return m.group(1)
    if fn.startswith("_R"):  # v0 mangling (the prebuilt std): the first crate root named
        m = re.search(r"C(?:s[0-9A-Za-z]*_)?([0-9]+)([A-Za-z_])", fn)
        if m:
            return fn[m.start(2):m.start(2) + int(m.group(1))]
    if fn.startswith("_ZN") or fn.startswith("_R"):
        return "(mangled)"
    return "(no path: " + re.sub(r"[0-9]+", "N", fn)[:40] + ")"


def short(fn, width=110):
    fn = re.sub(r"::h[0-9a-f]{16}$", "", fn)
    return fn if len(fn) <= width else fn[:width - 3] + "..."


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    b = open(path, "rb").read()
    print(f"{path}: {len(b):,} bytes")
    component = b[4:8] != b"\x01\x00\x00\x00"
    if component:
        print("\n== component sections")
        for label, size in section_table(b, COMP):
            print(f"{size:>10,}  {label}")
    for label, m in core_modules(b):
        print(f"\n== {label}: {len(m):,} bytes, sections")
        for sec, size in section_table(m, CORE):
            print(f"{size:>10,}  {100 * size / len(b):5.1f}%  {sec}")
        bodies, names = functions(m)
        if len(bodies) < 50:
            continue
        code = sum(s for _, s in bodies)
        if not names:
            print("  (no name section: build without strip for per-function names; scripts/size.sh does)")
            continue
        by_crate = defaultdict(lambda: [0, 0])
        for idx, size in bodies:
            c = by_crate[crate_of(names.get(idx, "?"))]
            c[0] += size
            c[1] += 1
        print(f"\n== {label}: code by crate ({len(bodies):,} functions, {code:,} bytes of code)")
        for crate, (size, n) in sorted(by_crate.items(), key=lambda r: -r[1][0])[:top]:
            print(f"{size:>10,}  {100 * size / code:5.1f}%  {n:>5} fns  {crate}")
        # Monomorphised copies of one generic: same name up to the hash and generic arguments.
        generic = defaultdict(lambda: [0, 0])
        for idx, size in bodies:
            key = re.sub(r"::h[0-9a-f]{16}$", "", names.get(idx, "?"))
            key = re.sub(r"<[^<>]*(<[^<>]*(<[^<>]*>[^<>]*)*>[^<>]*)*>", "<_>", key)
            g = generic[key]
            g[0] += size
            g[1] += 1
        print(f"\n== {label}: largest functions")
        for idx, size in sorted(bodies, key=lambda r: -r[1])[:top]:
            print(f"{size:>10,}  {100 * size / code:5.1f}%  {short(names.get(idx, '?'))}")
        print(f"\n== {label}: largest groups of same-named functions (generic copies, closures)")
        for key, (size, n) in sorted(generic.items(), key=lambda r: -r[1][0])[:top]:
            if n > 1:
                print(f"{size:>10,}  {100 * size / code:5.1f}%  {n:>5}x  {short(key)}")


if __name__ == "__main__":
    main()
