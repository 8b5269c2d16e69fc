//! `next_page_token` paging as Zoom documents it: the token is opaque, lives
//! 15 minutes, and is only valid with the same query parameters it was issued
//! for. Tokens can be replayed within their lifetime, so a client retrying a
//! failed page request gets the same page.

use super::ids::Rng;
use super::server::{Request, Response};
use super::store::Store;
use super::{clock, errors};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub(crate) const TOKEN_LIFETIME: Duration = Duration::from_secs(15 * 60);

struct Cursor {
    fingerprint: String,
    offset: usize,
    created: Instant,
}

#[derive(Default)]
pub(crate) struct Pager {
    cursors: HashMap<String, Cursor>,
}

/// One page of items and the token for the next one (`""` on the last page).
pub(crate) struct Page<T> {
    pub items: Vec<T>,
    pub next_page_token: String,
    pub page_size: usize,
    pub total_records: usize,
}

impl<T> Page<T> {
    pub(crate) fn page_count(&self) -> usize {
        self.total_records.div_ceil(self.page_size)
    }
}

impl Page<&Value> {
    /// The page with its items copied, for a list cut from borrowed records.
    pub(crate) fn cloned(self) -> Page<Value> {
        let Page { items, next_page_token, page_size, total_records } = self;
        Page { items: items.into_iter().cloned().collect(), next_page_token, page_size, total_records }
    }
}

/// Pages `items` and answers Zoom's usual list body: the paging fields plus the items under `key`.
pub(crate) fn respond(store: &mut Store, req: &Request, items: &[Value], page_size: usize, key: &str) -> Response {
    match body(store, req, items, page_size, key) {
        Ok(body) => Response::json(200, &Value::Object(body)),
        Err(r) => r,
    }
}

/// The same body for a list over a date window, which also names the window (`from`, `to`).
pub(crate) fn window_body(
    store: &mut Store,
    req: &Request,
    items: &[Value],
    page_size: usize,
    key: &str,
    (from, to): (i64, i64),
) -> Result<Map<String, Value>, Response> {
    let mut body = body(store, req, items, page_size, key)?;
    body.insert("from".into(), json!(clock::format_date(from)));
    body.insert("to".into(), json!(clock::format_date(to)));
    Ok(body)
}

/// Zoom's usual list body for one page of `items`: the paging fields plus the items under `key`.
pub(crate) fn body(
    store: &mut Store,
    req: &Request,
    items: &[Value],
    page_size: usize,
    key: &str,
) -> Result<Map<String, Value>, Response> {
    let page = store.pager.page(&mut store.rng, req, items, page_size)?;
    Ok(list_body(page, key))
}

/// Zoom's list body for a page already cut: the paging fields plus the items under `key`.
pub(crate) fn list_body(page: Page<Value>, key: &str) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("page_count".into(), json!(page.page_count()));
    body.insert("page_size".into(), json!(page.page_size));
    body.insert("total_records".into(), json!(page.total_records));
    body.insert("next_page_token".into(), json!(page.next_page_token));
    body.insert(key.into(), Value::Array(page.items));
    body
}

/// `page_size` defaulting to 30; 0, above the route's max or not a number is
/// a validation failure naming the field.
pub(crate) fn page_size(req: &Request, max: usize) -> Result<usize, Response> {
    page_size_or(req, 30.min(max), max)
}

/// Same, for routes whose default is not 30 (Team Chat pages by 10).
pub(crate) fn page_size_or(req: &Request, default: usize, max: usize) -> Result<usize, Response> {
    match req.param("page_size") {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(errors::invalid_field("page_size")),
        },
    }
}

/// Route plus every query parameter except the token, order-independent.
pub(crate) fn fingerprint(req: &Request) -> String {
    let mut pairs: Vec<String> =
        req.query.iter().filter(|(k, _)| k != "next_page_token").map(|(k, v)| format!("{k}={v}")).collect();
    pairs.sort();
    format!("{} {}?{}", req.method, req.path, pairs.join("&"))
}

impl Pager {
    pub(crate) fn page<T: Clone>(
        &mut self,
        rng: &mut Rng,
        req: &Request,
        items: &[T],
        page_size: usize,
    ) -> Result<Page<T>, Response> {
        let token = req.param("next_page_token").filter(|t| !t.is_empty());
        self.page_at(rng, Instant::now(), &fingerprint(req), token, items, page_size)
    }

    pub(crate) fn page_at<T: Clone>(
        &mut self,
        rng: &mut Rng,
        now: Instant,
        fingerprint: &str,
        token: Option<&str>,
        items: &[T],
        page_size: usize,
    ) -> Result<Page<T>, Response> {
        self.cursors.retain(|_, c| now.saturating_duration_since(c.created) <= TOKEN_LIFETIME);
        let offset = match token {
            None => 0,
            Some(t) => match self.cursors.get(t) {
                Some(c) if c.fingerprint == fingerprint => c.offset,
                _ => return Err(errors::bad_page_token()),
            },
        };
        let end = (offset + page_size).min(items.len());
        let page = items.get(offset..end).unwrap_or(&[]).to_vec();
        let next_page_token = if end < items.len() {
            let t = rng.alnum(35);
            self.cursors.insert(t.clone(), Cursor { fingerprint: fingerprint.to_string(), offset: end, created: now });
            t
        } else {
            String::new()
        };
        Ok(Page { items: page, next_page_token, page_size, total_records: items.len() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Response) -> (u16, i64) {
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        (r.status, v["code"].as_i64().unwrap())
    }

    #[test]
    fn walks_pages_and_ends_with_empty_token() {
        let (mut p, mut rng, now) = (Pager::default(), Rng::seeded(), Instant::now());
        let items: Vec<u32> = (0..5).collect();
        let a = p.page_at(&mut rng, now, "f", None, &items, 2).ok().unwrap();
        assert_eq!((a.items.clone(), a.total_records, a.page_count()), (vec![0, 1], 5, 3));
        let b = p.page_at(&mut rng, now, "f", Some(&a.next_page_token), &items, 2).ok().unwrap();
        assert_eq!(b.items, vec![2, 3]);
        let c = p.page_at(&mut rng, now, "f", Some(&b.next_page_token), &items, 2).ok().unwrap();
        assert_eq!(c.items, vec![4]);
        assert_eq!(c.next_page_token, "");
        // Replaying a token (a client retry) yields the same page.
        let again = p.page_at(&mut rng, now, "f", Some(&a.next_page_token), &items, 2).ok().unwrap();
        assert_eq!(again.items, vec![2, 3]);
    }

    #[test]
    fn rejects_unknown_foreign_and_expired_tokens() {
        let (mut p, mut rng, now) = (Pager::default(), Rng::seeded(), Instant::now());
        let items: Vec<u32> = (0..5).collect();
        let t = p.page_at(&mut rng, now, "f", None, &items, 2).ok().unwrap().next_page_token;
        let err = |r: Result<Page<u32>, Response>| code(r.err().unwrap());
        assert_eq!(err(p.page_at(&mut rng, now, "f", Some("nope"), &items, 2)), (400, 300));
        assert_eq!(err(p.page_at(&mut rng, now, "other", Some(&t), &items, 2)), (400, 300));
        let later = now + TOKEN_LIFETIME + Duration::from_secs(1);
        assert_eq!(err(p.page_at(&mut rng, later, "f", Some(&t), &items, 2)), (400, 300));
    }

    #[test]
    fn fingerprint_ignores_token_and_param_order() {
        let req = |q: &str| Request {
            method: "GET".into(),
            path: "/v2/users".into(),
            query: super::super::server::parse_query(q),
            headers: vec![],
            body: vec![],
        };
        assert_eq!(fingerprint(&req("a=1&b=2&next_page_token=x")), fingerprint(&req("b=2&a=1")));
        assert_ne!(fingerprint(&req("status=active")), fingerprint(&req("status=pending")));
    }

    #[test]
    fn page_size_bounds() {
        let req = |q: &str| Request {
            method: "GET".into(),
            path: "/".into(),
            query: super::super::server::parse_query(q),
            headers: vec![],
            body: vec![],
        };
        assert_eq!(page_size(&req(""), 300).ok(), Some(30));
        assert_eq!(page_size(&req("page_size=300"), 300).ok(), Some(300));
        assert_eq!(page_size_or(&req(""), 10, 50).ok(), Some(10));
        assert!(page_size_or(&req("page_size=51"), 10, 50).is_err());
        for bad in ["page_size=301", "page_size=0", "page_size=ten", "page_size=-1"] {
            let r = page_size(&req(bad), 300).err().unwrap();
            let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
            assert_eq!(v["errors"][0]["field"], "page_size", "{bad}");
        }
    }
}
