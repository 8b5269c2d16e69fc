//! Odd values: strings, dates and JSON text that break a field's rules, and values of the wrong
//! type, range or depth.

use serde_json::{json, Map, Value};
use wasmtime::component::Type;

use super::fields::int_max;
use super::rng::Rng;

/// A string of about `bytes` bytes (100 KB by default) in one of a few alphabets.
pub(super) fn huge(rng: &mut Rng) -> String {
    const BYTES: usize = 100 * 1024;
    match rng.below(4) {
        0 => "a".repeat(BYTES),
        1 => "é".repeat(BYTES / 2),
        2 => "😀".repeat(BYTES / 4),
        _ => {
            let pieces = ["x", "ß", "ي", "\u{301}", "😀", " ", "-", "9", "@", "\u{202E}"];
            (0..BYTES / 3).map(|_| *rng.pick(&pieces)).collect()
        }
    }
}

pub(super) const UNICODE: &[&str] = &[
    "😀🎉👩‍👩‍👧‍👦",
    "\u{202E}evil\u{202C}.txt",
    "مرحبا بالعالم",
    "שלום",
    "e\u{301}\u{301}\u{301}\u{301}\u{301}",
    "Z\u{35C}\u{361}\u{32E}a\u{357}\u{34C}l\u{351}g\u{353}o",
    "a\u{0}b",
    "\u{0}",
    "\u{FEFF}bom",
    "zero\u{200B}width",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u{10FFFF}",
    "\u{FFFD}\u{FFFE}",
    "tab\tnew\nline\rcr",
    "ﷺ",
    "日本語のテキスト",
    "\u{1F1F3}\u{1F1F4}",
    "'; DROP TABLE meetings; --",
    "<script>alert(1)</script>",
    "%s%n%x",
    "%00",
    "%2e%2e",
    ".",
    "..",
    "../admin",
    "me/../other",
    "a/b",
    "//",
    "?x=1",
    "#frag",
    "\\",
    "\"quoted\"",
    "{}",
    "null",
];

pub(super) const BLANKS: &[&str] = &["", " ", "   ", "\t\n", "\u{3000}", "\u{A0}"];

pub(super) const BAD_EMAILS: &[&str] = &[
    "a@b",
    "not-an-email",
    "@example.com",
    "a b@example.com",
    "a@b@example.com",
    "a@example.",
    "a@.example.com",
    "a@",
    "a\u{0}@example.com",
    "a@exa mple.com",
    "a@example.com\n",
];

pub(super) const BAD_DATES: &[&str] = &[
    "2026-13-01",
    "2026-00-10",
    "2026-1-1",
    "20260101",
    "yesterday",
    "0000-00-00",
    "9999-99-99",
    "2026-05-01T00:00:00Z",
    "2026/05/01",
    "2026-05-1",
    "٢٠٢٦-٠٥-٠١",
];

/// Dates with the right shape but no such day.
pub(super) const IMPOSSIBLE_DATES: &[&str] = &["2026-02-30", "2025-02-29", "2026-04-31", "2026-06-31", "2026-02-31"];

pub(super) const BAD_DATE_TIMES: &[&str] = &[
    "2026-05-01",
    "2026-05-01 15:00:00",
    "2026-05-01T25:00:00Z",
    "2026-05-01T15:61:00Z",
    "2026-05-01T15:00:00+25:00",
    "2026-05-01T15:00:00Zjunk",
    "2026-13-01T15:00:00Z",
    "tomorrow at noon",
    "T",
    "1714575600",
    "2026-05-01T15:00",
];

/// Date-times the WIT's `yyyy-MM-ddTHH:mm:ss` (with `Z`, an offset or `timezone`) allows.
pub(super) const EDGE_DATE_TIMES: &[&str] = &[
    "2030-05-01T15:00:00",
    "2030-05-01T15:00:00.123Z",
    "2030-05-01T15:00:00+02:00",
    "2030-05-01T15:00:00-09:30",
    "2030-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
];

/// Dates that exist but lie far away.
pub(super) const EDGE_DATES: &[&str] = &["1970-01-01", "0001-01-01", "9999-12-31", "2000-02-29", "2030-12-31"];

pub(super) const IMPOSSIBLE_DATE_TIMES: &[&str] =
    &["2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-02-30T10:00:00"];

/// Text that is not a JSON object; the flag says whether it is not JSON at all.
pub(super) fn bad_json(rng: &mut Rng) -> (String, bool) {
    let text: String = match rng.below(12) {
        0 => "{".into(),
        1 => "[1]".into(),
        2 => "null".into(),
        3 => "\"text\"".into(),
        4 => "{\"a\":}".into(),
        5 => "{'a': 1}".into(),
        6 => "[".repeat(10_000),
        7 => "{\"a\":".repeat(5_000),
        8 => "{\"a\": NaN}".into(),
        9 => String::new(),
        10 => "{\"a\":1}{".into(),
        _ => "42".into(),
    };
    let syntax_error = serde_json::from_str::<Value>(&text).is_err();
    (text, syntax_error)
}

/// Valid JSON objects whose content Zoom's spec does not describe.
pub(super) fn junk_json(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => r#"{"zz_not_a_setting": 1}"#.into(),
        1 => r#"{"waiting_room": "yes"}"#.into(),
        2 => r#"{"in_meeting": {"chat": "maybe"}}"#.into(),
        3 => r#"{"": null}"#.into(),
        4 => {
            let body: Map<String, Value> = (0..1000).map(|i| (format!("k{i}"), json!(i))).collect();
            Value::Object(body).to_string()
        }
        _ => format!("{}1{}", "{\"a\":".repeat(100), "}".repeat(100)),
    }
}

/// A JSON value the bridge must refuse for `ty`, never `null`.
pub(super) fn wrong_type(rng: &mut Rng, ty: &Type) -> Value {
    let options: Vec<Value> = match ty {
        Type::Bool => vec![json!("true"), json!(1), json!(0), json!("yes"), json!([]), json!({})],
        Type::String | Type::Char => vec![json!(1), json!(true), json!([]), json!({}), json!(["a"]), json!(1.5)],
        Type::U8 | Type::U16 | Type::U32 | Type::U64 => vec![
            json!("abc"),
            json!(""),
            json!("1.5"),
            json!(1.5),
            json!(true),
            json!([]),
            json!({}),
            json!(" 1"),
            json!("1e3"),
            json!("0x10"),
            json!("+1"),
            json!("١٢٣"),
            json!(1e3),
        ],
        Type::Enum(_) => vec![json!(5), json!(""), json!("NOT_A_CASE"), json!("Scheduled"), json!(true), json!([])],
        Type::Variant(_) => {
            vec![json!(5), json!([]), json!({}), json!({"all": {}, "page": {}}), json!("nope"), json!({"nope": 1})]
        }
        Type::Record(_) => vec![json!("x"), json!(5), json!([]), json!(true), json!([{}])],
        Type::List(_) => vec![json!("x"), json!(5), json!({}), json!(true)],
        Type::Tuple(_) => vec![json!([]), json!(["a"]), json!(["a", "b", "c"]), json!("a=b"), json!({})],
        _ => vec![json!({"?": "?"})],
    };
    rng.pick(&options).clone()
}

/// A deeply nested value of the wrong type for `ty`.
pub(super) fn deep(rng: &mut Rng, ty: &Type) -> Value {
    let depth = rng.between(100, 1000);
    let mut v = json!(1);
    for _ in 0..depth {
        // Built directly: `json!` would serialize the inner value again at every level.
        v = if matches!(ty, Type::List(_)) {
            Value::Object(Map::from_iter([("a".to_owned(), v)]))
        } else {
            Value::Array(vec![v])
        };
    }
    v
}

pub(super) fn out_of_range(rng: &mut Rng, ty: &Type) -> Value {
    match ty {
        Type::U64 => rng
            .pick(&[json!("18446744073709551616"), json!(1.8446744073709552e19), json!("99999999999999999999999")])
            .clone(),
        t => {
            let max = int_max(t).unwrap_or(u64::from(u32::MAX));
            if rng.percent(50) {
                json!(max + 1)
            } else {
                json!((max + 1).to_string())
            }
        }
    }
}

pub(super) fn negative(rng: &mut Rng) -> Value {
    rng.pick(&[json!(-1), json!(i64::MIN), json!("-1"), json!(-0.0), json!(-1e300)]).clone()
}

pub(super) fn boundary_int(rng: &mut Rng, ty: &Type) -> Value {
    let max = int_max(ty).unwrap_or(u64::from(u32::MAX));
    let options = [0, 1, max, max - 1, max / 2 + 1, (1 << 53) + 1];
    json!(rng.pick(&options).min(&max))
}
