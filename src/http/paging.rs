//! Walking Zoom's `next_page_token` pagination.

use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::Error;
use crate::http::raw_page::read_raw_page;
use crate::http::{Call, Client};
use crate::json::capped_u32;
use crate::wit::types::{FetchAll, PageRequest, Paging};

/// Items gathered from one or more pages, read with the caller's parser.
#[derive(Debug, PartialEq)]
pub(crate) struct Gathered<T> {
    pub(crate) items: Vec<T>,
    /// The cursor for the next page; `None` when Zoom has no more.
    pub(crate) next_page_token: Option<String>,
    pub(crate) total_records: Option<u32>,
}

/// Fetches pages as `paging` asks. `fetch(page_size, token)` returns one page's JSON body; the
/// items are read from `array_key` with `parse`, page by page so no page is held longer than
/// needed. A bad item never changes which pages are requested: its error is kept and returned
/// once the walk is done. `max_page_size` is the route's limit from Zoom's spec.
pub(crate) fn gather<T>(
    paging: Option<&Paging>,
    array_key: &str,
    max_page_size: u32,
    mut fetch: impl FnMut(Option<u32>, Option<&str>) -> Result<Value, Error>,
    mut parse: impl FnMut(&Value) -> Result<T, Error>,
) -> Result<Gathered<T>, Error> {
    let mut items = Items::default();
    let (next_page_token, total_records) = walk(paging, max_page_size, &mut |size, token| {
        let (page, next, total) = read_page(fetch(size, token)?, array_key)?;
        page.iter().for_each(|v| items.push(|| parse(v)));
        Ok(PageInfo { count: page.len(), next, total })
    })?;
    Ok(Gathered { items: items.done()?, next_page_token, total_records })
}

/// [`gather`] for the long lists: pages are read without a `Value` tree and each item is handed
/// to `parse` as its JSON text. `fetch` returns the status and body of one page.
pub(crate) fn gather_raw<T>(
    paging: Option<&Paging>,
    array_key: &str,
    max_page_size: u32,
    mut fetch: impl FnMut(Option<u32>, Option<&str>) -> Result<(u16, Vec<u8>), Error>,
    mut parse: impl FnMut(&RawValue) -> Result<T, Error>,
) -> Result<Gathered<T>, Error> {
    let mut items = Items::default();
    let (next_page_token, total_records) = walk(paging, max_page_size, &mut |size, token| {
        let (status, body) = fetch(size, token)?;
        let page = read_raw_page(status, &body, array_key)?;
        page.items.iter().for_each(|raw| items.push(|| parse(raw)));
        Ok(PageInfo { count: page.items.len(), next: page.next, total: page.total })
    })?;
    Ok(Gathered { items: items.done()?, next_page_token, total_records })
}

/// Parsed items, or the first item that could not be parsed (later ones are not parsed).
struct Items<T> {
    parsed: Vec<T>,
    failed: Option<Error>,
}

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items { parsed: Vec::new(), failed: None }
    }
}

impl<T> Items<T> {
    fn push(&mut self, parse: impl FnOnce() -> Result<T, Error>) {
        if self.failed.is_none() {
            match parse() {
                Ok(item) => self.parsed.push(item),
                Err(e) => self.failed = Some(e),
            }
        }
    }

    fn done(self) -> Result<Vec<T>, Error> {
        self.failed.map_or(Ok(self.parsed), Err)
    }
}

/// What the walk needs of a page once its items are taken: how many there were, the cursor
/// after it and Zoom's total.
struct PageInfo {
    count: usize,
    next: Option<String>,
    total: Option<u32>,
}

/// The page walk behind [`gather`]; `fetch` reads one page and keeps its items. It is a trait
/// object so that one copy of the walk serves every caller (one per caller cost about 2 KB each
/// in the component).
type Fetch<'a> = dyn FnMut(Option<u32>, Option<&str>) -> Result<PageInfo, Error> + 'a;

/// Walks the pages; returns the cursor to resume from and Zoom's total.
fn walk(
    paging: Option<&Paging>,
    max_page_size: u32,
    fetch: &mut Fetch,
) -> Result<(Option<String>, Option<u32>), Error> {
    match paging {
        Some(Paging::Page(PageRequest { page_size, next_page_token })) => {
            check_page_size("paging.page.page_size", *page_size, max_page_size)?;
            let token = next_page_token.as_deref().filter(|t| !t.is_empty());
            let page = fetch(*page_size, token)?;
            Ok((page.next, page.total))
        }
        Some(Paging::All(FetchAll { max_items, page_size })) => {
            check_page_size("paging.all.page_size", *page_size, max_page_size)?;
            if *max_items == Some(0) {
                return Err(Error::invalid("paging.all.max_items", "must be at least 1"));
            }
            all_pages(*max_items, *page_size, max_page_size, fetch)
        }
        None => all_pages(None, None, max_page_size, fetch),
    }
}

/// Every page of `call`, items read from `array_key` with `parse`, `page_size` per request.
pub(crate) fn every_page<T>(
    client: &Client,
    call: &Call,
    array_key: &str,
    page_size: u32,
    parse: impl FnMut(&Value) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let all = Paging::All(FetchAll { max_items: None, page_size: Some(page_size) });
    let fetch = |size, token: Option<&str>| {
        client.send_json(&call.clone().query("page_size", size).query("next_page_token", token))
    };
    Ok(gather(Some(&all), array_key, page_size, fetch, parse)?.items)
}

/// The parser for callers that keep Zoom's JSON as it is.
pub(crate) fn as_is(v: &Value) -> Result<Value, Error> {
    Ok(v.clone())
}

fn all_pages(
    max_items: Option<u32>,
    page_size: Option<u32>,
    max_page_size: u32,
    fetch: &mut Fetch,
) -> Result<(Option<String>, Option<u32>), Error> {
    // A capped walk never cuts a page: the cursor Zoom gives resumes after the page's last item,
    // so items cut from a page would be skipped by whoever continues from it. Every request asks
    // for the same size, because Zoom wants a token repeated with the query it was issued for.
    let page_size = match max_items {
        Some(cap) => Some(page_size.unwrap_or(max_page_size).min(cap)),
        None => page_size,
    };
    let mut held = 0usize;
    let mut token: Option<String> = None;
    let mut seen = Vec::new();
    let mut total = None;
    loop {
        let page = fetch(page_size, token.as_deref())?;
        total = total.or(page.total);
        if let (Some(_), Some(size)) = (max_items, page_size) {
            if page.count > size as usize {
                return Err(Error::Unreadable(format!(
                    "Zoom answered {} items to a request for {size}; stopping rather than cut a page",
                    page.count
                )));
            }
        }
        held += page.count;
        if let (Some(cap), Some(size), Some(_)) = (max_items, page_size, &page.next) {
            if held + size as usize > cap as usize {
                return Ok((page.next, total));
            }
        }
        match page.next {
            // The token alone says whether more pages exist, whatever the counts say.
            None => return Ok((None, total)),
            Some(t) if seen.contains(&t) => {
                return Err(Error::Unreadable(format!(
                    "Zoom returned the page token {t:?} twice; stopping to avoid a loop"
                )))
            }
            Some(t) => {
                seen.push(t.clone());
                token = Some(t);
            }
        }
    }
}

/// One page: its items, the cursor after it, and Zoom's total.
type Page = (Vec<Value>, Option<String>, Option<u32>);

/// Splits one page body into items, cursor and total.
pub(crate) fn read_page(mut body: Value, array_key: &str) -> Result<Page, Error> {
    // Taken, not cloned: the list is nearly all of a page.
    let items = match body.get_mut(array_key).map(Value::take) {
        Some(Value::Array(a)) => a,
        Some(Value::Null) => Vec::new(),
        // A 200 without the list is not an empty page: items would silently be lost.
        None => return Err(Error::Unreadable(format!("Zoom's page has no `{array_key}` list"))),
        Some(_) => return Err(Error::Unreadable(format!("Zoom's page has `{array_key}` that is not a list"))),
    };
    let next = body.get("next_page_token").and_then(Value::as_str).filter(|t| !t.is_empty()).map(str::to_owned);
    let total = capped_u32(&body, "total_records");
    Ok((items, next, total))
}

fn check_page_size(field: &str, size: Option<u32>, max: u32) -> Result<(), Error> {
    match size {
        Some(s) if s == 0 || s > max => Err(Error::invalid(field, format!("must be between 1 and {max}"))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pages(n: usize, per: usize) -> impl FnMut(Option<u32>, Option<&str>) -> Result<Value, Error> {
        move |_, token| {
            let i: usize = token.map(|t| t.trim_start_matches('p').parse().unwrap()).unwrap_or(0);
            let next = if i + 1 < n { format!("p{}", i + 1) } else { String::new() };
            let items: Vec<Value> = (0..per).map(|k| json!(i * per + k)).collect();
            Ok(json!({"next_page_token": next, "total_records": n * per, "meetings": items}))
        }
    }

    #[test]
    fn fetch_all_follows_tokens_until_empty() {
        let g = gather(None, "meetings", 300, pages(3, 2), as_is).unwrap();
        assert_eq!(g.items, (0..6).map(|i| json!(i)).collect::<Vec<_>>());
        assert_eq!(g.next_page_token, None);
        assert_eq!(g.total_records, Some(6));
    }

    /// Pages of whatever size is asked, over `n` items, the cursor being the offset.
    fn sized(n: usize) -> impl FnMut(Option<u32>, Option<&str>) -> Result<Value, Error> {
        move |size, token| {
            let from: usize = token.map(|t| t.parse().unwrap()).unwrap_or(0);
            let to = (from + size.unwrap_or(30) as usize).min(n);
            let next = if to < n { to.to_string() } else { String::new() };
            Ok(json!({"next_page_token": next, "meetings": (from..to).collect::<Vec<_>>()}))
        }
    }

    #[test]
    fn a_cap_stops_on_a_page_boundary_so_the_cursor_skips_nothing() {
        let p = Paging::All(FetchAll { max_items: Some(5), page_size: Some(2) });
        let mut asked = Vec::new();
        let mut source = sized(10);
        let fetch = |size: Option<u32>, token: Option<&str>| {
            asked.push(size);
            source(size, token)
        };
        let g = gather(Some(&p), "meetings", 300, fetch, as_is).unwrap();
        assert_eq!(g.items, (0..4).map(|i| json!(i)).collect::<Vec<_>>());
        assert_eq!(g.next_page_token.as_deref(), Some("4"), "resumes right after the last item held");
        assert_eq!(asked, vec![Some(2), Some(2)], "one page size for the whole walk");
    }

    #[test]
    fn a_cap_below_the_page_size_is_asked_for_exactly() {
        let p = Paging::All(FetchAll { max_items: Some(3), page_size: None });
        let g = gather(Some(&p), "meetings", 300, sized(10), as_is).unwrap();
        assert_eq!((g.items.len(), g.next_page_token.as_deref()), (3, Some("3")));
        let p = Paging::All(FetchAll { max_items: Some(3), page_size: Some(2) });
        let g = gather(Some(&p), "meetings", 300, sized(3), as_is).unwrap();
        assert_eq!((g.items.len(), g.next_page_token), (2, Some("2".to_owned())));
    }

    #[test]
    fn a_page_longer_than_asked_is_an_error_not_a_silent_cut() {
        let p = Paging::All(FetchAll { max_items: Some(3), page_size: Some(3) });
        let e = gather(Some(&p), "meetings", 300, pages(3, 4), as_is).unwrap_err();
        assert!(matches!(e, Error::Unreadable(m) if m.contains("4 items to a request for 3")));
    }

    #[test]
    fn manual_cursor_fetches_exactly_one_page() {
        let p = Paging::Page(PageRequest { page_size: Some(2), next_page_token: Some("p1".into()) });
        let g = gather(Some(&p), "meetings", 300, pages(3, 2), as_is).unwrap();
        assert_eq!(g.items, vec![json!(2), json!(3)]);
        assert_eq!(g.next_page_token.as_deref(), Some("p2"));
    }

    #[test]
    fn page_size_over_route_max_is_rejected_before_fetching() {
        let p = Paging::Page(PageRequest { page_size: Some(301), next_page_token: None });
        let e = gather(Some(&p), "meetings", 300, |_, _| panic!("fetched"), as_is).unwrap_err();
        assert_eq!(e, Error::invalid("paging.page.page_size", "must be between 1 and 300"));
    }

    #[test]
    fn a_repeated_token_stops_instead_of_looping() {
        let e = gather(None, "meetings", 300, |_, _| Ok(json!({"next_page_token": "same", "meetings": [1]})), as_is)
            .unwrap_err();
        assert!(matches!(e, Error::Unreadable(m) if m.contains("twice")));
    }

    #[test]
    fn a_non_list_items_field_is_a_typed_error() {
        let e = gather(None, "meetings", 300, |_, _| Ok(json!({"meetings": "x"})), as_is).unwrap_err();
        assert!(matches!(e, Error::Unreadable(_)));
        let e = gather(None, "meetings", 300, |_, _| Ok(json!({"unexpected": true})), as_is).unwrap_err();
        assert!(matches!(e, Error::Unreadable(m) if m.contains("no `meetings`")));
    }

    #[test]
    fn items_are_parsed_once_every_page_is_in() {
        let mut fetched = 0;
        let mut page = pages(3, 2);
        let fetch = |size, token: Option<&str>| {
            fetched += 1;
            page(size, token)
        };
        let e = gather(None, "meetings", 300, fetch, |v| match v.as_u64() {
            Some(0) => Err(Error::invalid("x", "bad")),
            n => Ok(n),
        });
        assert_eq!(e.unwrap_err(), Error::invalid("x", "bad"));
        assert_eq!(fetched, 3, "a bad item does not change which pages are requested");
    }
}
