//! Mutations: one targeted change to a valid input, with the field an error must then name.

use serde_json::{json, Value};
use wasmtime::component::Type;

use super::exclusive::exclusive;
use super::fields::{char_limit, int_max, is_date_key, is_date_time_key, must_not_be_blank, EMAIL_KEYS, JSON_KEYS};
use super::locate::{path_of, remove, set, Loc, Slot, Step};
use super::odd_values::{
    bad_json, boundary_int, deep, huge, junk_json, negative, out_of_range, wrong_type, BAD_DATES, BAD_DATE_TIMES,
    BAD_EMAILS, BLANKS, EDGE_DATES, EDGE_DATE_TIMES, IMPOSSIBLE_DATES, IMPOSSIBLE_DATE_TIMES, UNICODE,
};
use super::valid::Gen;
use super::Expect;

pub(super) struct Mutated {
    pub(super) what: String,
    pub(super) expect: Option<Expect>,
    pub(super) directed: bool,
}

fn typed(what: String, field: String) -> Mutated {
    Mutated { what, expect: Some(Expect { kind: "type", fields: vec![field] }), directed: false }
}

pub(super) fn rule(what: String, fields: &[&str]) -> Mutated {
    Mutated {
        what,
        expect: Some(Expect { kind: "rule", fields: fields.iter().map(|f| f.to_string()).collect() }),
        directed: false,
    }
}

fn loose(what: String) -> Mutated {
    Mutated { what, expect: None, directed: false }
}

const JUNK_KEYS: &[&str] = &["colour", "x", "", " ", "😀", "__proto__", "MEETING_ID", "settings.audio", "id\u{0}"];

/// Values of a string that break a rule the field has, or just odd ones.
fn mutate_string(g: &mut Gen, root: &mut Value, loc: &Loc) -> Mutated {
    let path = path_of(&loc.steps);
    let top = loc.steps.len() == 1;
    let key = loc.key.as_str();
    let a = g.action;
    let mut kinds: Vec<&str> = vec!["huge", "unicode", "blank", "email", "date", "date_time"];
    if EMAIL_KEYS.contains(&key) {
        kinds.extend(["email", "email", "email"]);
    }
    if is_date_key(a, key) {
        kinds.extend(["date", "date", "impossible_date", "impossible_date", "edge_date"]);
    }
    if is_date_time_key(a, key) {
        kinds.extend(["date_time", "date_time", "impossible_date_time", "impossible_date_time", "edge_date_time"]);
    }
    if JSON_KEYS.contains(&key) && top {
        kinds.extend(["bad_json", "bad_json", "bad_json", "junk_json", "junk_json"]);
    }
    let kind = *g.rng.pick(&kinds);
    let expect_here = |ok: bool| ok && top;
    let (value, m) = match kind {
        "huge" => {
            let v = huge(g.rng);
            let limited = char_limit(a, key).is_some_and(|max| v.chars().count() > max);
            let m = if expect_here(limited) {
                rule(format!("{path}: 100 KB string"), &[&path])
            } else {
                loose(format!("{path}: 100 KB string"))
            };
            (v, m)
        }
        "unicode" => {
            let v = g.rng.pick(UNICODE).to_string();
            (v.clone(), loose(format!("{path}: {v:?}")))
        }
        "blank" => {
            let v = g.rng.pick(BLANKS).to_string();
            let m = if expect_here(must_not_be_blank(a, key)) {
                rule(format!("{path}: blank {v:?}"), &[&path])
            } else {
                loose(format!("{path}: blank {v:?}"))
            };
            (v, m)
        }
        "email" => {
            let v = g.rng.pick(BAD_EMAILS).to_string();
            let m = if expect_here(EMAIL_KEYS.contains(&key)) {
                rule(format!("{path}: invalid email {v:?}"), &[&path])
            } else {
                loose(format!("{path}: {v:?}"))
            };
            (v, m)
        }
        "date" | "impossible_date" => {
            let v = g.rng.pick(if kind == "date" { BAD_DATES } else { IMPOSSIBLE_DATES }).to_string();
            let m = if expect_here(is_date_key(a, key)) {
                rule(format!("{path}: invalid date {v:?}"), &[&path])
            } else {
                loose(format!("{path}: {v:?}"))
            };
            (v, m)
        }
        "date_time" | "impossible_date_time" => {
            let v = g.rng.pick(if kind == "date_time" { BAD_DATE_TIMES } else { IMPOSSIBLE_DATE_TIMES }).to_string();
            let m = if expect_here(is_date_time_key(a, key)) || (is_date_time_key(a, key) && key == "end_date_time") {
                rule(format!("{path}: invalid date-time {v:?}"), &[&path])
            } else {
                loose(format!("{path}: {v:?}"))
            };
            (v, m)
        }
        "edge_date" | "edge_date_time" => {
            let v = g.rng.pick(if kind == "edge_date" { EDGE_DATES } else { EDGE_DATE_TIMES }).to_string();
            (v.clone(), loose(format!("{path}: edge {v:?}")))
        }
        "bad_json" => {
            let (v, syntax_error) = bad_json(g.rng);
            let shown: String = v.chars().take(24).collect();
            let what = format!("{path}: not a JSON object {shown:?}…");
            // A raw body may be any JSON; the other fields need an object.
            let m = if key != "body" || syntax_error { rule(what, &[&path]) } else { loose(what) };
            (v, m)
        }
        _ => {
            let v = junk_json(g.rng);
            let shown: String = v.chars().take(40).collect();
            (v, Mutated { what: format!("{path}: unmodelled JSON {shown:?}…"), expect: None, directed: true })
        }
    };
    set(root, &loc.steps, Value::String(value));
    m
}

/// Applies one mutation somewhere in `root`.
pub(super) fn mutate(g: &mut Gen, root: &mut Value, locs: &[Loc]) -> Mutated {
    if g.rng.percent(8) {
        if let Some(m) = exclusive(g, root) {
            return m;
        }
    }
    let loc = &locs[g.rng.below(locs.len())];
    let path = path_of(&loc.steps);
    let mut kinds: Vec<&str> = vec!["wrong_type", "wrong_type", "deep"];
    let is_int = int_max(&loc.ty).is_some();
    if is_int {
        kinds.extend(["out_of_range", "negative", "boundary", "boundary"]);
    }
    if matches!(loc.slot, Slot::Field { required: true }) && loc.present {
        kinds.extend(["missing", "null"]);
    }
    if matches!(loc.ty, Type::Record(_)) && (loc.present || loc.slot == Slot::Root) {
        kinds.extend(["unknown_key", "unknown_key"]);
    }
    if matches!(loc.ty, Type::String) {
        kinds.extend(["string"; 6]);
    }
    if matches!(loc.ty, Type::List(_)) {
        kinds.extend(["long_list", "long_list"]);
    }
    match *g.rng.pick(&kinds) {
        "wrong_type" => {
            let v = wrong_type(g.rng, &loc.ty);
            let what = format!("{path}: wrong type {v}");
            set(root, &loc.steps, v);
            typed(what, path)
        }
        "deep" => {
            let v = deep(g.rng, &loc.ty);
            set(root, &loc.steps, v);
            typed(format!("{path}: deeply nested wrong type"), path)
        }
        "out_of_range" => {
            let v = out_of_range(g.rng, &loc.ty);
            let what = format!("{path}: out of range {v}");
            set(root, &loc.steps, v);
            typed(what, path)
        }
        "negative" => {
            let v = negative(g.rng);
            let what = format!("{path}: negative {v}");
            set(root, &loc.steps, v);
            typed(what, path)
        }
        "boundary" => {
            let v = boundary_int(g.rng, &loc.ty);
            let what = format!("{path}: boundary {v}");
            set(root, &loc.steps, v);
            loose(what)
        }
        "missing" => {
            remove(root, &loc.steps);
            typed(format!("{path}: missing"), path)
        }
        "null" => {
            set(root, &loc.steps, Value::Null);
            typed(format!("{path}: null"), path)
        }
        "unknown_key" => {
            let k = g.rng.pick(JUNK_KEYS).to_string();
            let mut steps = loc.steps.clone();
            steps.push(Step::Key(k.clone()));
            if loc.slot == Slot::Root && !root.is_object() {
                *root = json!({});
            }
            set(root, &steps, json!("extra"));
            // The bridge names an unknown key by its raw spelling, so "" at the top is `input`.
            let field = match path_of(&loc.steps).as_str() {
                "input" if k.is_empty() => "input".to_owned(),
                "input" => k.clone(),
                p => format!("{p}.{k}"),
            };
            typed(format!("{field}: unknown key {k:?}"), field)
        }
        "string" => mutate_string(g, root, loc),
        "long_list" => {
            let Type::List(l) = &loc.ty else { unreachable!("chosen for lists") };
            let inner = l.ty();
            let n = if matches!(inner, Type::U8) { 100_000 } else { 1000 };
            let items: Vec<Value> = (0..n).map(|_| g.valid(&inner, &loc.key)).collect();
            set(root, &loc.steps, Value::Array(items));
            loose(format!("{path}: {n} items"))
        }
        _ => unreachable!("every kind is handled"),
    }
}
