//! Field checks shared by the meeting and registrant routes. Each check records
//! the dotted field name on failure (Zoom's `errors[].field`) and returns the
//! value only when it is valid. A JSON `null` counts as absent, like Zoom's
//! Java deserializer.

use super::server::Response;
use super::{clock, errors};
use serde_json::{Map, Value};

pub(crate) struct Checker<'a> {
    obj: &'a Map<String, Value>,
    prefix: String,
    pub errors: Vec<String>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(obj: &'a Map<String, Value>, prefix: &str) -> Checker<'a> {
        Checker { obj, prefix: prefix.to_string(), errors: Vec::new() }
    }

    pub(crate) fn field(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    pub(crate) fn fail(&mut self, key: &str) {
        let f = self.field(key);
        self.errors.push(f);
    }

    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.obj.get(key).filter(|v| !v.is_null())
    }

    pub(crate) fn required(&mut self, key: &str) {
        if self.get(key).is_none() {
            self.fail(key);
        }
    }

    pub(crate) fn string(&mut self, key: &str, max_chars: usize) -> Option<&'a str> {
        let v = self.get(key)?;
        match v.as_str() {
            Some(s) if s.chars().count() <= max_chars => Some(s),
            _ => {
                self.fail(key);
                None
            }
        }
    }

    pub(crate) fn string_enum(&mut self, key: &str, allowed: &[&str]) -> Option<&'a str> {
        let s = self.string(key, usize::MAX)?;
        if allowed.contains(&s) {
            Some(s)
        } else {
            self.fail(key);
            None
        }
    }

    pub(crate) fn int(&mut self, key: &str, lo: i64, hi: i64) -> Option<i64> {
        let v = self.get(key)?;
        match v.as_i64() {
            Some(n) if (lo..=hi).contains(&n) => Some(n),
            _ => {
                self.fail(key);
                None
            }
        }
    }

    pub(crate) fn int_enum(&mut self, key: &str, allowed: &[i64]) -> Option<i64> {
        let n = self.int(key, i64::MIN, i64::MAX)?;
        if allowed.contains(&n) {
            Some(n)
        } else {
            self.fail(key);
            None
        }
    }

    pub(crate) fn boolean(&mut self, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        let b = v.as_bool();
        if b.is_none() {
            self.fail(key);
        }
        b
    }

    pub(crate) fn datetime(&mut self, key: &str) -> Option<i64> {
        let s = self.string(key, 64)?;
        let t = clock::parse_datetime(s);
        if t.is_none() {
            self.fail(key);
        }
        t
    }

    pub(crate) fn email(&mut self, key: &str, max_chars: usize) -> Option<&'a str> {
        let s = self.string(key, max_chars)?;
        if is_email(s) {
            Some(s)
        } else {
            self.fail(key);
            None
        }
    }

    pub(crate) fn array(&mut self, key: &str) -> Option<&'a Vec<Value>> {
        let v = self.get(key)?;
        let a = v.as_array();
        if a.is_none() {
            self.fail(key);
        }
        a
    }

    pub(crate) fn object(&mut self, key: &str) -> Option<&'a Map<String, Value>> {
        let v = self.get(key)?;
        let o = v.as_object();
        if o.is_none() {
            self.fail(key);
        }
        o
    }

    /// Checks a nested object with its own checker and keeps its errors.
    pub(crate) fn nested(&mut self, key: &str, check: impl FnOnce(&mut Checker<'a>)) {
        if let Some(obj) = self.object(key) {
            let mut inner = Checker::new(obj, &self.field(key));
            check(&mut inner);
            self.errors.append(&mut inner.errors);
        }
    }
}

/// The JSON object in a request body; an empty body counts as `{}` because
/// every field of the meeting routes is optional.
pub(crate) fn body_object(body: &[u8]) -> Result<Map<String, Value>, Response> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(errors::bad_json()),
    }
}

/// Deliberately simple: one `@`, a non-empty local part, a dotted domain
/// without spaces. Zoom rejects addresses like `jill`, `jill@` and `a b@c.d`.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn records_dotted_names_for_wrong_types_and_ranges() {
        let v = json!({"duration": "60", "topic": "x", "settings": {"audio": "loud", "host_video": 1}, "n": null});
        let obj = v.as_object().unwrap();
        let mut c = Checker::new(obj, "");
        assert_eq!(c.int("duration", 1, 1440), None);
        assert_eq!(c.string("topic", 200), Some("x"));
        assert_eq!(c.int("n", 0, 1), None);
        c.nested("settings", |s| {
            s.string_enum("audio", &["both", "voip"]);
            s.boolean("host_video");
        });
        assert_eq!(c.errors, vec!["duration", "settings.audio", "settings.host_video"]);
    }

    #[test]
    fn counts_characters_not_bytes() {
        let v = json!({"t": "é".repeat(10)});
        let mut c = Checker::new(v.as_object().unwrap(), "");
        assert!(c.string("t", 10).is_some());
        assert!(c.errors.is_empty());
    }

    #[test]
    fn email_shapes() {
        assert!(is_email("jchill@example.com"));
        for bad in ["jchill", "jchill@", "@example.com", "a b@c.de", "a@b@c.de", "a@nodot", "a@.x.y"] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
