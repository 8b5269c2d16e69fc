//! Action inputs generated from the component's own WIT types: a mostly valid value (with
//! field-aware hints so many calls reach the simulator), then targeted mutations. Everything comes
//! from a seeded splitmix64, so one case is replayed from its seed alone.

use serde_json::{json, Map, Value};
use wasmtime::component::Type;
use zoom_host::bridge::json_name;

// ---------------------------------------------------------------------------------------------
// PRNG

/// splitmix64: tiny, fast, and good enough to spread cases.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// `lo..=hi`, for ranges well inside u64.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn percent(&mut self, p: u64) -> bool {
        self.next_u64() % 100 < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed of case `index` of `action`; with the run seed it replays the input exactly.
pub fn case_seed(seed: u64, action: &str, index: usize) -> u64 {
    let mut h = seed ^ 0xCBF2_9CE4_8422_2325;
    for b in action.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
    }
    Rng::new(h ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)).next_u64()
}

// ---------------------------------------------------------------------------------------------
// What valid values look like in this simulator

/// Ids and names that exist in the simulator, so valid inputs reach real objects.
pub struct Pools {
    /// Days since 1970-01-01 (UTC).
    pub today: i64,
    /// Meetings that exist and are not deleted by this run.
    pub meetings: Vec<u64>,
    /// A meeting that takes registrations.
    pub reg_meeting: u64,
    /// Occurrence ids of a recurring meeting.
    pub occurrences: Vec<String>,
    /// A meeting with cloud recordings: id and latest instance UUID.
    pub recorded: (u64, String),
    pub webinars: Vec<u64>,
    pub past_webinar: u64,
    /// Users that exist, including `me`.
    pub users: Vec<String>,
    /// Users other than the connection's own.
    pub other_users: Vec<String>,
    pub admin_email: String,
    pub channel: String,
    pub contact: String,
    /// Meetings and users this run created; delete actions pick from them.
    pub created_meetings: Vec<u64>,
    pub created_users: Vec<String>,
}

/// `yyyy-MM-dd` of a day number (Howard Hinnant's civil_from_days).
pub fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------------------------
// Odd values

/// A string of about `bytes` bytes (100 KB by default) in one of a few alphabets.
fn huge(rng: &mut Rng) -> String {
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

const UNICODE: &[&str] = &[
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

const BLANKS: &[&str] = &["", " ", "   ", "\t\n", "\u{3000}", "\u{A0}"];

const BAD_EMAILS: &[&str] = &[
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

const BAD_DATES: &[&str] = &[
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
const IMPOSSIBLE_DATES: &[&str] = &["2026-02-30", "2025-02-29", "2026-04-31", "2026-06-31", "2026-02-31"];

const BAD_DATE_TIMES: &[&str] = &[
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
const EDGE_DATE_TIMES: &[&str] = &[
    "2030-05-01T15:00:00",
    "2030-05-01T15:00:00.123Z",
    "2030-05-01T15:00:00+02:00",
    "2030-05-01T15:00:00-09:30",
    "2030-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
];

/// Dates that exist but lie far away.
const EDGE_DATES: &[&str] = &["1970-01-01", "0001-01-01", "9999-12-31", "2000-02-29", "2030-12-31"];

const IMPOSSIBLE_DATE_TIMES: &[&str] =
    &["2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-02-30T10:00:00"];

/// Text that is not a JSON object; the flag says whether it is not JSON at all.
fn bad_json(rng: &mut Rng) -> (String, bool) {
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
fn junk_json(rng: &mut Rng) -> String {
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

// ---------------------------------------------------------------------------------------------
// Field knowledge

const EMAIL_KEYS: &[&str] = &["email", "transfer_email"];
const JSON_KEYS: &[&str] = &["extra_settings", "extra_fields", "settings", "body"];

/// Keys that hold `yyyy-MM-dd` dates in `action`.
fn is_date_key(action: &str, key: &str) -> bool {
    matches!(
        (action, key),
        ("list-meetings", "from" | "to")
            | ("get-phone-recordings", "from" | "to")
            | ("list-user-chat-messages", "date")
    )
}

/// Keys that hold ISO-8601 date-times in `action`.
fn is_date_time_key(action: &str, key: &str) -> bool {
    matches!(key, "start_time" | "end_date_time")
        || (action == "list-user-chat-messages" && matches!(key, "from" | "to"))
}

/// Character limits the WIT documents (or the component enforces) per top-level field.
fn char_limit(action: &str, key: &str) -> Option<usize> {
    Some(match (action, key) {
        (_, "topic") => 200,
        (_, "agenda") => 2000,
        ("create-meeting" | "update-meeting", "password") => 10,
        ("create-user", "password") => 32,
        (_, "first_name" | "last_name") => 64,
        (_, "display_name") => 128,
        (_, "email" | "transfer_email") => 128,
        (_, "user_id") => 128,
        ("get-meeting-recordings", "meeting_id") => 128,
        ("get-webinar" | "list-webinar-participants", "webinar_id") => 128,
        _ => return None,
    })
}

/// Top-level string fields that must not be blank.
fn must_not_be_blank(action: &str, key: &str) -> bool {
    matches!(
        (action, key),
        (_, "email")
            | ("add-meeting-registrant" | "add-webinar-registrant", "first_name")
            | ("delete-user", "user_id")
            | ("get-meeting-recordings", "meeting_id")
            | ("get-webinar" | "list-webinar-participants", "webinar_id")
            | ("raw-request", "path")
            | ("update-user-settings", "settings")
    )
}

fn unwrap_option(ty: &Type) -> Type {
    match ty {
        Type::Option(o) => unwrap_option(&o.ty()),
        t => t.clone(),
    }
}

fn int_max(ty: &Type) -> Option<u64> {
    Some(match ty {
        Type::U8 => u8::MAX.into(),
        Type::U16 => u16::MAX.into(),
        Type::U32 => u32::MAX.into(),
        Type::U64 => u64::MAX,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Valid values

struct Gen<'a> {
    rng: &'a mut Rng,
    action: &'a str,
    pools: &'a Pools,
    seed: u64,
    /// The case's `from` day; `to` follows it, so a window is valid.
    day: i64,
}

const TIMEZONES: &[&str] = &["America/New_York", "UTC", "Europe/Oslo", "Asia/Tokyo", "Australia/Sydney"];
const LOGIN_TYPES: &[u64] = &[0, 1, 11, 21, 23, 24, 27, 97, 98, 99, 100, 101];

impl Gen<'_> {
    fn text(&mut self) -> String {
        let words = ["Design", "review", "Sync", "Q3", "planning", "Café", "会议", "demo", "1:1", "retro"];
        let n = self.rng.between(1, 3);
        (0..n).map(|_| *self.rng.pick(&words)).collect::<Vec<_>>().join(" ")
    }

    fn future_date_time(&mut self) -> String {
        let day = date(self.pools.today + self.rng.between(30, 900) as i64);
        let h = self.rng.between(0, 23);
        let m = *self.rng.pick(&[0, 15, 30, 45]);
        format!("{day}T{h:02}:{m:02}:00Z")
    }

    fn user_id(&mut self) -> String {
        let p = self.pools;
        match self.action {
            "delete-user" => {
                if !p.created_users.is_empty() && self.rng.percent(70) {
                    self.rng.pick(&p.created_users).clone()
                } else {
                    format!("nobody-{:x}@example.com", self.seed)
                }
            }
            "update-user" if self.rng.percent(80) => self.rng.pick(&p.other_users).clone(),
            "update-user" => format!("nobody-{:x}@example.com", self.seed),
            _ if self.rng.percent(85) => self.rng.pick(&p.users).clone(),
            _ => format!("nobody-{:x}@example.com", self.seed),
        }
    }

    /// A valid value for field `key`, when the field's meaning is known.
    fn hint(&mut self, key: &str, ty: &Type) -> Option<Value> {
        let p = self.pools;
        let a = self.action;
        let inner = unwrap_option(ty);
        Some(match (key, &inner) {
            ("meeting_id", Type::U64) => {
                let id = match a {
                    // Never a pooled meeting: other cases rely on them.
                    "delete-meeting" if !p.created_meetings.is_empty() && self.rng.percent(70) => {
                        *self.rng.pick(&p.created_meetings)
                    }
                    "delete-meeting" => self.rng.between(1, 99_999_999_999),
                    "add-meeting-registrant" | "list-meeting-registrants" if self.rng.percent(70) => p.reg_meeting,
                    "get-meeting-recordings" => p.recorded.0,
                    _ if self.rng.percent(85) => *self.rng.pick(&p.meetings),
                    _ => self.rng.between(1, 99_999_999_999),
                };
                // 64-bit ids may come as digit strings.
                if self.rng.percent(10) {
                    json!(id.to_string())
                } else {
                    json!(id)
                }
            }
            ("meeting_id", Type::String) => match self.rng.below(4) {
                0 => json!(p.recorded.1),
                1 => json!(self.rng.between(10_000_000, 99_999_999_999).to_string()),
                _ => json!(p.recorded.0.to_string()),
            },
            ("webinar_id", Type::U64) => json!(*self.rng.pick(&p.webinars)),
            ("webinar_id", Type::String) => match a {
                "list-webinar-participants" if self.rng.percent(80) => json!(p.past_webinar.to_string()),
                _ => json!(self.rng.pick(&p.webinars).to_string()),
            },
            ("user_id", Type::String) => json!(self.user_id()),
            ("email", _) => json!(format!("bi.{:x}@example.com", self.seed)),
            ("transfer_email", _) => json!(p.admin_email),
            ("first_name" | "last_name" | "display_name", _) => {
                json!(*self.rng.pick(&["Ada", "Grace", "Linus", "Zoë", "محمد", "李"]))
            }
            ("topic", _) => json!(format!("Bad input {}", self.text())),
            ("agenda" | "comments", _) => json!(self.text()),
            ("start_time" | "end_date_time", _) => json!(self.future_date_time()),
            ("timezone", _) => json!(*self.rng.pick(TIMEZONES)),
            ("password", _) if a == "create-user" => json!(*self.rng.pick(&["Passw0rdX9", "Zoom4Ever2b", "xY7pQ2mK"])),
            ("password", _) => json!(*self.rng.pick(&["abc123", "Pa_ss-1*", "9x@Y", "0123456789"])),
            ("duration", _) => json!(self.rng.between(15, 180)),
            ("occurrence_id", _) => json!(self.rng.pick(&p.occurrences).clone()),
            ("occurrence_ids", _) => {
                let n = self.rng.between(1, 2) as usize;
                json!(p.occurrences.iter().take(n).cloned().collect::<Vec<_>>())
            }
            ("from" | "to", _) if a == "list-meetings" || a == "get-phone-recordings" => {
                json!(date(if key == "to" { self.day + 20 } else { self.day }))
            }
            ("from", _) if a == "list-user-chat-messages" => json!(format!("{}T00:00:00Z", date(p.today - 1))),
            ("to", _) if a == "list-user-chat-messages" => json!(format!("{}T23:59:59Z", date(p.today))),
            ("date", _) => json!(date(p.today - self.rng.between(0, 2) as i64)),
            ("extra_settings", _) => json!(*self.rng.pick(&[
                r#"{"waiting_room": true}"#,
                r#"{"jbh_time": 5, "join_before_host": true}"#,
                r#"{"mute_upon_entry": true, "focus_mode": false}"#,
                "{}"
            ])),
            ("extra_fields", _) => json!(*self.rng.pick(&[r#"{"about_me": "Hello"}"#, r#"{"pronouns_option": 1}"#])),
            ("settings", Type::String) => json!(*self.rng.pick(&[
                r#"{"in_meeting": {"chat": true}}"#,
                r#"{"schedule_meeting": {"host_video": false}}"#,
                r#"{"in_meeting": {"chat": false}, "schedule_meeting": {"join_before_host": true}}"#
            ])),
            ("custom_query_fields", _) => json!(["host_video", "join_before_host"][..self.rng.between(1, 2) as usize]),
            ("country", _) => json!(*self.rng.pick(&["US", "NO", "JP"])),
            ("language", _) => json!(*self.rng.pick(&["en-US", "de-DE", "fr-FR"])),
            ("phone", _) => json!("+1 555 0100"),
            ("zip", _) => json!("0150"),
            ("purchasing_time_frame", _) => json!(*self.rng.pick(&["Within a month", "1-3 months", "No timeframe"])),
            ("role_in_purchase_process", _) => json!(*self.rng.pick(&["Decision Maker", "Influencer"])),
            ("no_of_employees", _) => json!(*self.rng.pick(&["1-20", "21-50", "More than 10,000"])),
            ("host_key", _) => json!(self.rng.between(100_000, 9_999_999_999).to_string()),
            ("pmi", _) => json!(self.rng.between(1_000_000_000, 9_999_999_999)),
            ("login_type", _) => json!(*self.rng.pick(LOGIN_TYPES)),
            ("zoom_one_type", _) => json!(*self.rng.pick(&[16u64, 32, 64, 128])),
            ("plan_united_type", _) => json!(*self.rng.pick(&["1", "2", "4"])),
            ("page_size", _) => json!(self.rng.between(5, 30)),
            ("max_items", _) => json!(self.rng.between(1, 60)),
            ("next_page_token", _) => json!(format!("tok{:x}", self.seed)),
            ("repeat_interval", _) => json!(self.rng.between(1, 10)),
            ("monthly_day", _) => json!(self.rng.between(1, 28)),
            ("end_times", _) => json!(self.rng.between(1, 10)),
            ("ttl", _) => json!(self.rng.between(0, 604_800)),
            ("role_id", _) => json!(*self.rng.pick(&["0", "1", "2"])),
            ("license", _) => json!(*self.rng.pick(&["zoom_workforce_management", "zoom_compliance_management"])),
            ("to_contact", _) => json!(p.contact),
            ("to_channel", _) => json!(p.channel),
            ("search_key", _) => json!(*self.rng.pick(&["hello", "plan", "file"])),
            ("download_file_formats", _) => json!(["audio/mp4"]),
            ("alternative_hosts", _) => json!(p.other_users.first().cloned().unwrap_or_default()),
            ("global_dial_in_countries", _) => json!(["US"]),
            ("schedule_for", _) => json!(p.admin_email),
            ("tracking_fields", _) => json!([{"field": "Department", "value": "R&D"}]),
            ("custom_questions", _) => json!([{"title": "Why attend?", "value": "To learn"}]),
            ("source_id" | "tracking_source_id", _) => json!(format!("src{:x}", self.seed & 0xFFFF)),
            ("vanity_name", _) => json!(format!("bad.input.{:x}", self.seed)),
            ("timeout_seconds", _) => json!(self.rng.between(5, 30)),
            ("max_retries", _) => json!(self.rng.between(0, 2)),
            ("retry_delay_ms", _) => json!(self.rng.between(0, 20)),
            ("query", _) => json!([["page_size", "5"]][..self.rng.below(2)]),
            ("headers", _) => json!([["x-bad-input", "1"]][..self.rng.below(2)]),
            _ => return None,
        })
    }

    /// How often an optional field is given.
    fn presence(&self, key: &str) -> u64 {
        match key {
            "next_page_token" | "occurrence_id" | "occurrence_ids" => 10,
            "template_id" | "schedule_for" | "alternative_hosts" | "vanity_name" | "pmi" | "host_key" => 4,
            "form_data" | "file_data" | "body" | "query" | "headers" => 15,
            "extra_settings" | "extra_fields" | "custom_query_fields" => 25,
            "retry_on_all_errors" | "max_retries" | "retry_delay_ms" | "timeout_seconds" => 20,
            "login_type" | "encrypted_email" => 15,
            "recurrence" => 30,
            _ => 40,
        }
    }

    fn valid(&mut self, ty: &Type, key: &str) -> Value {
        if let Some(v) = self.hint(key, ty) {
            return v;
        }
        match ty {
            Type::Option(o) => self.valid(&o.ty(), key),
            Type::Bool => json!(self.rng.percent(50)),
            Type::String => json!(self.text()),
            Type::Char => json!("x"),
            Type::U8 => json!(self.rng.below(256)),
            Type::U16 | Type::U32 | Type::U64 => json!(self.rng.between(1, 100)),
            Type::S8 | Type::S16 | Type::S32 | Type::S64 => json!(self.rng.between(0, 100) as i64 - 50),
            Type::Float32 | Type::Float64 => json!(1.5),
            Type::Record(r) => {
                let fields: Vec<(String, Type)> = r.fields().map(|f| (json_name(f.name), f.ty)).collect();
                let mut m = Map::new();
                for (k, t) in fields {
                    let give = !matches!(t, Type::Option(_)) || self.rng.percent(self.presence(&k));
                    if give {
                        let v = self.valid(&t, &k);
                        m.insert(k, v);
                    }
                }
                Value::Object(m)
            }
            Type::Variant(v) => {
                let cases: Vec<(String, Option<Type>)> = v.cases().map(|c| (json_name(c.name), c.ty)).collect();
                let (name, payload) = self.rng.pick(&cases).clone();
                match payload {
                    None => json!(name),
                    // A case whose payload is all optional may be given by name alone.
                    Some(Type::Record(_)) if self.rng.percent(15) => json!(name),
                    Some(t) => {
                        let v = self.valid(&t, &name);
                        Value::Object(Map::from_iter([(name, v)]))
                    }
                }
            }
            Type::Enum(e) => {
                let names: Vec<String> = e.names().map(json_name).collect();
                json!(self.rng.pick(&names))
            }
            Type::List(l) => {
                let inner = l.ty();
                let n = self.rng.below(3);
                Value::Array((0..n).map(|_| self.valid(&inner, key)).collect())
            }
            Type::Tuple(t) => {
                let types: Vec<Type> = t.types().collect();
                Value::Array(types.iter().map(|t| self.valid(t, key)).collect())
            }
            _ => Value::Null,
        }
    }

    /// Makes a generated input obey the rules between fields, so it is valid before mutation.
    fn fix(&mut self, m: &mut Map<String, Value>) {
        let p = self.pools;
        match self.action {
            "create-meeting" | "update-meeting" => {
                if let Some(Value::Object(r)) = m.get_mut("recurrence") {
                    fix_recurrence(self.rng, r);
                }
                let recurring = m.get("recurrence").is_some_and(Value::is_object);
                match m.get("meeting_type").and_then(Value::as_str) {
                    Some("personal_meeting_id") => {
                        m.insert("meeting_type".into(), json!("scheduled"));
                    }
                    Some("recurring_fixed_time" | "recurring_no_fixed_time") if !recurring => {
                        m.insert("meeting_type".into(), json!("scheduled"));
                    }
                    _ => {}
                }
                if recurring && (self.action == "create-meeting" || m.contains_key("meeting_type")) {
                    m.insert("meeting_type".into(), json!("recurring_fixed_time"));
                }
                if self.action == "update-meeting" && m.keys().all(|k| k == "meeting_id" || k == "occurrence_id") {
                    m.insert("topic".into(), json!("Renamed by bad-input"));
                }
            }
            "create-user" => {
                let action = m.get("action").and_then(Value::as_str).unwrap_or("create").to_owned();
                if action == "auto_create" {
                    m.insert("password".into(), json!("Passw0rdX9"));
                } else {
                    m.remove("password");
                }
                if m.get("user_type") == Some(&json!("none")) && action != "sso_create" {
                    m.insert("user_type".into(), json!("basic"));
                }
            }
            "update-user" if m.keys().all(|k| k == "user_id") => {
                m.insert("job_title".into(), json!("Tester"));
            }
            "delete-user" => {
                let transfers = ["transfer_meeting", "transfer_webinar", "transfer_recording", "transfer_whiteboard"];
                if transfers.iter().any(|t| m.get(*t) == Some(&json!(true))) {
                    m.insert("transfer_email".into(), json!(p.admin_email));
                }
            }
            "get-meeting-recordings" if m.contains_key("ttl") => {
                m.insert("include_download_access_token".into(), json!(true));
            }
            "list-user-chat-messages" => {
                for k in ["to_contact", "to_channel", "search_type", "search_key"] {
                    m.remove(k);
                }
                match self.rng.below(3) {
                    0 => {
                        m.insert("to_contact".into(), json!(p.contact));
                    }
                    1 => {
                        m.insert("to_channel".into(), json!(p.channel));
                    }
                    _ => {
                        m.insert("search_type".into(), json!(*self.rng.pick(&["message", "file"])));
                        m.insert("search_key".into(), json!("plan"));
                    }
                }
                if m.contains_key("date") {
                    m.remove("from");
                    m.remove("to");
                }
            }
            "get-phone-recordings" if m.contains_key("from") != m.contains_key("to") => {
                m.remove("from");
                m.remove("to");
            }
            "update-user-settings" => {
                let settings = match m.get("option").and_then(Value::as_str) {
                    Some("meeting_authentication") => r#"{"meeting_authentication": true}"#,
                    Some("recording_authentication") => r#"{"recording_authentication": false}"#,
                    Some(_) => r#"{"meeting_security": {"waiting_room": true}}"#,
                    None => return,
                };
                m.insert("settings".into(), json!(settings));
            }
            "raw-request" => self.fix_raw(m),
            _ => {}
        }
    }

    /// A request the spec knows, with at most one kind of body and quick retries.
    fn fix_raw(&mut self, m: &mut Map<String, Value>) {
        let p = self.pools;
        let meeting = *self.rng.pick(&p.meetings);
        let (method, path, body) = match self.rng.below(6) {
            0 => ("get", "/users/me".to_owned(), None),
            1 => ("get", "/users".to_owned(), None),
            2 => ("get", format!("/meetings/{meeting}"), None),
            3 => ("get", format!("/meetings/{meeting}/invitation"), None),
            4 => (
                "post",
                "/users/me/meetings".to_owned(),
                Some(json!({"topic": "Raw bad-input", "type": 2, "start_time": "2030-03-01T09:00:00Z"}).to_string()),
            ),
            _ => ("patch", format!("/meetings/{meeting}"), Some(json!({"agenda": "Raw patch"}).to_string())),
        };
        m.insert("method".into(), json!(method));
        m.insert("path".into(), json!(path));
        m.remove("form_data");
        m.remove("file_data");
        match body {
            Some(b) => m.insert("body".into(), json!(b)),
            None => m.remove("body"),
        };
        if method != "get" {
            m.remove("query");
        }
    }
}

fn fix_recurrence(rng: &mut Rng, r: &mut Map<String, Value>) {
    let kind = r.get("recurrence_type").and_then(Value::as_str).unwrap_or("daily").to_owned();
    for k in ["weekly_days", "monthly_day", "monthly_week", "monthly_week_day"] {
        r.remove(k);
    }
    match kind.as_str() {
        "weekly" => {
            r.insert("weekly_days".into(), json!(["monday", "thursday"][..rng.between(1, 2) as usize]));
        }
        "monthly" if rng.percent(50) => {
            r.insert("monthly_day".into(), json!(rng.between(1, 28)));
        }
        "monthly" => {
            r.insert("monthly_week".into(), json!(*rng.pick(&["first", "last", "third"])));
            r.insert("monthly_week_day".into(), json!(*rng.pick(&["monday", "friday"])));
        }
        _ => {}
    }
    if r.contains_key("end_times") && r.contains_key("end_date_time") {
        r.remove("end_date_time");
    }
}

// ---------------------------------------------------------------------------------------------
// Where a value can be mutated

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Slot {
    Root,
    Field { required: bool },
    Payload,
    Item,
}

struct Loc {
    steps: Vec<Step>,
    ty: Type,
    slot: Slot,
    present: bool,
    /// The nearest record field name (the list's field for items).
    key: String,
}

/// The JSON path the bridge and the component name a location by.
fn path_of(steps: &[Step]) -> String {
    let mut path = String::new();
    for s in steps {
        match s {
            Step::Key(k) if path.is_empty() => path = k.clone(),
            Step::Key(k) => path = format!("{path}.{k}"),
            Step::Index(i) => path = format!("{path}[{i}]"),
        }
    }
    if path.is_empty() {
        "input".into()
    } else {
        path
    }
}

fn walk(v: Option<&Value>, ty: &Type, steps: Vec<Step>, slot: Slot, key: &str, out: &mut Vec<Loc>) {
    let ty = unwrap_option(ty);
    let v = v.filter(|v| !v.is_null());
    out.push(Loc { steps: steps.clone(), ty: ty.clone(), slot, present: v.is_some(), key: key.to_owned() });
    let Some(v) = v else { return };
    let with = |s: Step| {
        let mut next = steps.clone();
        next.push(s);
        next
    };
    match &ty {
        Type::Record(r) => {
            let Some(obj) = v.as_object() else { return };
            for f in r.fields() {
                let k = json_name(f.name);
                let required = !matches!(f.ty, Type::Option(_));
                walk(obj.get(&k), &f.ty, with(Step::Key(k.clone())), Slot::Field { required }, &k, out);
            }
        }
        Type::Variant(var) => {
            let Some((case, payload)) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.iter().next()) else {
                return;
            };
            if let Some(t) = var.cases().find(|c| json_name(c.name) == *case).and_then(|c| c.ty) {
                walk(Some(payload), &t, with(Step::Key(case.clone())), Slot::Payload, key, out);
            }
        }
        Type::List(l) => {
            let inner = l.ty();
            for (i, item) in v.as_array().into_iter().flatten().enumerate().take(3) {
                walk(Some(item), &inner, with(Step::Index(i)), Slot::Item, key, out);
            }
        }
        Type::Tuple(t) => {
            for (i, (item, t)) in v.as_array().into_iter().flatten().zip(t.types()).enumerate() {
                walk(Some(item), &t, with(Step::Index(i)), Slot::Item, key, out);
            }
        }
        _ => {}
    }
}

fn slot_mut<'v>(root: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    let mut cur = root;
    for s in steps {
        cur = match s {
            Step::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Step::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

fn set(root: &mut Value, steps: &[Step], value: Value) {
    let Some((last, parent)) = steps.split_last() else {
        *root = value;
        return;
    };
    match (slot_mut(root, parent), last) {
        (Some(Value::Object(m)), Step::Key(k)) => {
            m.insert(k.clone(), value);
        }
        (Some(Value::Array(a)), Step::Index(i)) if *i < a.len() => a[*i] = value,
        _ => {}
    }
}

fn remove(root: &mut Value, steps: &[Step]) {
    if let Some((Step::Key(k), parent)) = steps.split_last() {
        if let Some(Value::Object(m)) = slot_mut(root, parent) {
            m.remove(k);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations

/// A JSON value the bridge must refuse for `ty`, never `null`.
fn wrong_type(rng: &mut Rng, ty: &Type) -> Value {
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
fn deep(rng: &mut Rng, ty: &Type) -> Value {
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

fn out_of_range(rng: &mut Rng, ty: &Type) -> Value {
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

fn negative(rng: &mut Rng) -> Value {
    rng.pick(&[json!(-1), json!(i64::MIN), json!("-1"), json!(-0.0), json!(-1e300)]).clone()
}

fn boundary_int(rng: &mut Rng, ty: &Type) -> Value {
    let max = int_max(ty).unwrap_or(u64::from(u32::MAX));
    let options = [0, 1, max, max - 1, max / 2 + 1, (1 << 53) + 1];
    json!(rng.pick(&options).min(&max))
}

/// One generated case.
pub struct Case {
    pub input: Value,
    /// What was done to the valid value, in words.
    pub mutations: Vec<String>,
    /// When exactly one mutation broke a rule whose field is known: the fields the error may name.
    pub expect: Option<Expect>,
    /// The input chose what goes on the wire (raw requests, JSON text merged into bodies), so a
    /// spec violation in what was sent is the caller's doing rather than the component's.
    pub directed: bool,
}

pub struct Expect {
    /// `type` (the bridge's WIT type check) or `rule` (a rule the WIT documents).
    pub kind: &'static str,
    pub fields: Vec<String>,
}

struct Mutated {
    what: String,
    expect: Option<Expect>,
    directed: bool,
}

fn typed(what: String, field: String) -> Mutated {
    Mutated { what, expect: Some(Expect { kind: "type", fields: vec![field] }), directed: false }
}

fn rule(what: String, fields: &[&str]) -> Mutated {
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
fn mutate(g: &mut Gen, root: &mut Value, locs: &[Loc]) -> Mutated {
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

/// Fields the WIT says go together or exclude each other, broken on purpose.
fn exclusive(g: &mut Gen, root: &mut Value) -> Option<Mutated> {
    let p = g.pools;
    let m = root.as_object_mut()?;
    let dt = format!("{}T10:00:00Z", date(p.today + 60));
    Some(match g.action {
        "create-meeting" | "update-meeting" => match g.rng.below(3) {
            0 => {
                m.insert("meeting_type".into(), json!("recurring_fixed_time"));
                m.insert("recurrence".into(), json!({"recurrence_type": "daily", "end_times": 3, "end_date_time": dt}));
                rule(
                    "recurrence: end_times with end_date_time".into(),
                    &["recurrence.end_times", "recurrence.end_date_time"],
                )
            }
            1 => {
                m.insert("meeting_type".into(), json!("recurring_fixed_time"));
                let r = json!({"recurrence_type": "monthly", "monthly_day": 3, "monthly_week": "first", "monthly_week_day": "monday"});
                m.insert("recurrence".into(), r);
                rule(
                    "recurrence: monthly_day with monthly_week".into(),
                    &["recurrence.monthly_day", "recurrence.monthly_week"],
                )
            }
            _ => {
                m.insert("meeting_type".into(), json!("scheduled"));
                m.insert("recurrence".into(), json!({"recurrence_type": "daily"}));
                rule("recurrence with a non-recurring meeting_type".into(), &["recurrence", "meeting_type"])
            }
        },
        "list-user-chat-messages" => match g.rng.below(3) {
            0 => {
                m.insert("to_contact".into(), json!(p.contact));
                m.insert("to_channel".into(), json!(p.channel));
                m.remove("search_type");
                m.remove("search_key");
                rule("to_contact with to_channel".into(), &["to_contact", "to_channel"])
            }
            1 => {
                m.insert("date".into(), json!(date(p.today)));
                m.insert("from".into(), json!(format!("{}T00:00:00Z", date(p.today))));
                rule("date with from".into(), &["date", "from"])
            }
            _ => {
                m.insert("search_type".into(), json!("message"));
                m.remove("search_key");
                rule("search_type without search_key".into(), &["search_type", "search_key"])
            }
        },
        "raw-request" => {
            m.insert("method".into(), json!("post"));
            m.insert("path".into(), json!("/users/me/meetings"));
            m.insert("body".into(), json!("{}"));
            m.insert("form_data".into(), json!([["topic", "x"]]));
            rule("body with form_data".into(), &["body", "form_data"])
        }
        "get-meeting-recordings" => {
            m.insert("ttl".into(), json!(60));
            m.insert("include_download_access_token".into(), json!(false));
            rule("ttl without include_download_access_token".into(), &["ttl", "include_download_access_token"])
        }
        "create-user" => {
            m.insert("action".into(), json!("create"));
            m.insert("password".into(), json!("Passw0rdX9"));
            m.remove("user_type");
            m.insert("user_type".into(), json!("basic"));
            rule("password with action create".into(), &["password", "action"])
        }
        "delete-user" => {
            m.insert("transfer_meeting".into(), json!(true));
            m.remove("transfer_email");
            rule("transfer_meeting without transfer_email".into(), &["transfer_email", "transfer_meeting"])
        }
        "get-phone-recordings" => match g.rng.below(3) {
            0 => {
                m.insert("from".into(), json!(date(p.today - 5)));
                m.remove("to");
                rule("from without to".into(), &["from", "to"])
            }
            1 => {
                m.insert("from".into(), json!(date(p.today - 5)));
                m.insert("to".into(), json!(date(p.today - 10)));
                rule("to before from".into(), &["from", "to"])
            }
            _ => {
                m.insert("from".into(), json!(date(p.today - 100)));
                m.insert("to".into(), json!(date(p.today - 40)));
                rule("a 60-day window".into(), &["from", "to"])
            }
        },
        "update-user-settings" => {
            m.remove("option");
            m.insert("settings".into(), json!(r#"{"in_meeting": true}"#));
            rule("a settings group that is not an object".into(), &["settings.in_meeting", "settings"])
        }
        _ => return None,
    })
}

/// Junk in place of the whole input of an action that takes none.
fn no_input_junk(rng: &mut Rng) -> Value {
    rng.pick(&[json!({"x": 1}), json!({"": null}), json!([]), json!("input"), json!(0), json!(true), json!([{}])])
        .clone()
}

/// Generates case `seed` for `action`, whose input record type is `ty` (`None`: no input).
pub fn case(seed: u64, action: &str, ty: Option<&Type>, pools: &Pools) -> Case {
    let mut rng = Rng::new(seed);
    let Some(ty) = ty else {
        return if rng.percent(50) {
            Case { input: json!({}), mutations: Vec::new(), expect: None, directed: false }
        } else {
            let input = no_input_junk(&mut rng);
            let expect = Some(Expect { kind: "type", fields: vec!["input".into()] });
            Case { input, mutations: vec!["junk for an action without input".into()], expect, directed: false }
        };
    };
    let day = match action {
        "get-phone-recordings" => pools.today - rng.between(0, 150) as i64,
        _ => pools.today + rng.between(0, 400) as i64 - 200,
    };
    let mut g = Gen { rng: &mut rng, action, pools, seed, day };
    let mut input = g.valid(ty, "");
    if let Value::Object(m) = &mut input {
        g.fix(m);
    }
    let n = match g.rng.below(100) {
        0..=19 => 0,
        20..=79 => 1,
        80..=93 => 2,
        _ => 3,
    };
    // Whole-input junk now and then.
    if n > 0 && g.rng.percent(3) {
        let junk = g.rng.pick(&[json!(null), json!("x"), json!([]), json!(42), json!([{}])]).clone();
        let what = format!("input: {junk}");
        let expect = Some(Expect { kind: "type", fields: vec!["input".into()] });
        return Case { input: junk, mutations: vec![what], expect, directed: action == "raw-request" };
    }
    let mut mutations = Vec::new();
    let mut expect = None;
    let mut directed = action == "raw-request";
    for _ in 0..n {
        let mut locs = Vec::new();
        walk(Some(&input), ty, Vec::new(), Slot::Root, "", &mut locs);
        let m = mutate(&mut g, &mut input, &locs);
        mutations.push(m.what);
        expect = m.expect;
        directed |= m.directed;
    }
    Case { input, expect: if n == 1 { expect } else { None }, mutations, directed }
}
