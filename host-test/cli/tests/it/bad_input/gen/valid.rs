//! Valid values: a generator state per case, and a valid value for any WIT type, with field-aware
//! hints (see `hints`) so many calls reach real objects in the simulator.

use serde_json::{json, Map, Value};
use wasmtime::component::Type;
use zoom_runtime::bridge::json_name;

use super::rng::Rng;
use crate::bad_input::pools::{date, Pools};

/// The generator of one case: its PRNG, the action, and what the simulator holds.
pub(super) struct Gen<'a> {
    pub(super) rng: &'a mut Rng,
    pub(super) action: &'a str,
    pub(super) pools: &'a Pools,
    pub(super) seed: u64,
    /// The case's `from` day; `to` follows it, so a window is valid.
    pub(super) day: i64,
}

pub(super) const TIMEZONES: &[&str] = &["America/New_York", "UTC", "Europe/Oslo", "Asia/Tokyo", "Australia/Sydney"];
pub(super) const LOGIN_TYPES: &[u64] = &[0, 1, 11, 21, 23, 24, 27, 97, 98, 99, 100, 101];

impl Gen<'_> {
    pub(super) fn text(&mut self) -> String {
        let words = ["Design", "review", "Sync", "Q3", "planning", "Café", "会议", "demo", "1:1", "retro"];
        let n = self.rng.between(1, 3);
        (0..n).map(|_| *self.rng.pick(&words)).collect::<Vec<_>>().join(" ")
    }

    pub(super) fn future_date_time(&mut self) -> String {
        let day = date(self.pools.today + self.rng.between(30, 900) as i64);
        let h = self.rng.between(0, 23);
        let m = *self.rng.pick(&[0, 15, 30, 45]);
        format!("{day}T{h:02}:{m:02}:00Z")
    }

    pub(super) fn user_id(&mut self) -> String {
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

    pub(super) fn valid(&mut self, ty: &Type, key: &str) -> Value {
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
}
