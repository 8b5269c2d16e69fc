//! The polling cursor: a lower time bound plus the keys listed recently. Keys, not just a
//! timestamp, because Zoom's lists are not snapshots: an item can appear late, or shift to a page
//! already read when the list changes mid-poll. Remembering what was returned for a lookback window
//! lets the next poll pick up what one poll missed, and never return anything twice.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Value};

use crate::error::Error;

/// How long a returned key is remembered, in seconds.
pub(crate) const LOOKBACK_SECS: u64 = 24 * 3600;
const PREFIX: &str = "zc1.";

/// What a poll remembers between calls.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Cursor {
    /// Items ordered before this time (Unix seconds) are never returned.
    pub(crate) since: u64,
    /// Keys returned so far with their times, for items at or after `since`.
    pub(crate) seen: Vec<(String, u64)>,
}

impl Cursor {
    /// The first poll: everything listed now is remembered, and only what falls in the backfill
    /// window is returned (nothing without one). Remembering rather than filtering by time is what
    /// lets an item dated before the first poll but listed only after it (a recording still being
    /// processed) come back later.
    pub(crate) fn first<T>(
        listed: Vec<(String, u64, T)>,
        now: u64,
        backfill_hours: u32,
    ) -> (Cursor, Vec<(String, u64, T)>) {
        let window = u64::from(backfill_hours) * 3600;
        let mut cursor = Cursor { since: now.saturating_sub(LOOKBACK_SECS.max(window)), seen: Vec::new() };
        let listed = cursor.select(listed, now);
        // Saturating: a clock earlier than the window (a host's `now-unix-seconds` of 0) wrapped in
        // the release build to a bound past every item, so the backfill returned nothing.
        let from = if window == 0 { u64::MAX } else { now.saturating_sub(window) };
        (cursor, listed.into_iter().filter(|(_, at, _)| *at >= from).collect())
    }

    /// Reads a cursor from an earlier poll; anything else is `invalid-input` on `field`.
    pub(crate) fn decode(field: &str, text: &str) -> Result<Cursor, Error> {
        let bad = || Error::invalid(field, "is not a cursor from an earlier poll");
        let raw = URL_SAFE_NO_PAD.decode(text.trim().strip_prefix(PREFIX).ok_or_else(bad)?).map_err(|_| bad())?;
        let v: Value = serde_json::from_slice(&raw).map_err(|_| bad())?;
        let since = v.get("since").and_then(Value::as_u64).ok_or_else(bad)?;
        let seen = v
            .get("seen")
            .and_then(Value::as_array)
            .ok_or_else(bad)?
            .iter()
            .map(|e| Some((e.get(0)?.as_str()?.to_owned(), e.get(1)?.as_u64()?)))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(bad)?;
        Ok(Cursor { since, seen })
    }

    pub(crate) fn encode(&self) -> String {
        let seen: Vec<Value> = self.seen.iter().map(|(k, t)| json!([k, t])).collect();
        let body = json!({"since": self.since, "seen": seen});
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(body.to_string()))
    }

    /// Picks the items to return from everything the source listed, `(key, time, item)`, and
    /// advances the cursor past them. The result is oldest first, each key once.
    pub(crate) fn select<T>(&mut self, listed: Vec<(String, u64, T)>, now: u64) -> Vec<(String, u64, T)> {
        let mut fresh: Vec<(String, u64, T)> = Vec::new();
        for (key, at, item) in listed {
            let known = self.seen.iter().any(|(k, _)| *k == key) || fresh.iter().any(|(k, _, _)| *k == key);
            if at >= self.since && !known {
                fresh.push((key, at, item));
            }
        }
        // Keys are unique here, so an unstable sort orders as a stable one would (and is smaller).
        fresh.sort_unstable_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        self.seen.extend(fresh.iter().map(|(k, t, _)| (k.clone(), *t)));
        // Past the lookback window nothing new is expected; forgetting it keeps the cursor small.
        self.since = self.since.max(now.saturating_sub(LOOKBACK_SECS));
        let since = self.since;
        self.seen.retain(|(_, t)| *t >= since);
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    fn listed(keys: &[(&str, u64)]) -> Vec<(String, u64, ())> {
        keys.iter().map(|(k, t)| ((*k).to_owned(), *t, ())).collect()
    }

    fn keys(v: &[(String, u64, ())]) -> Vec<&str> {
        v.iter().map(|(k, _, _)| k.as_str()).collect()
    }

    /// Found by the fuzz properties: a clock earlier than the backfill window underflowed (a
    /// panic with overflow checks; in the release component a bound past every item).
    #[test]
    fn a_backfill_longer_than_the_clock_returns_everything_listed() {
        let (c, out) = Cursor::first(listed(&[("old", 0), ("new", 1_000)]), 1_000, 1);
        assert_eq!(keys(&out), ["old", "new"]);
        assert_eq!(c.since, 0);
    }

    #[test]
    fn a_first_poll_from_now_returns_nothing_but_remembers_what_it_saw() {
        let (mut c, out) = Cursor::first(listed(&[("a", NOW - 1), ("b", NOW)]), NOW, 0);
        assert!(out.is_empty());
        // Dated before the first poll, listed only after it (a recording finishing processing).
        let out = c.select(listed(&[("a", NOW - 1), ("b", NOW), ("late", NOW - 30), ("c", NOW + 5)]), NOW + 60);
        assert_eq!(keys(&out), ["late", "c"]);
    }

    #[test]
    fn backfill_reaches_back_and_orders_oldest_first() {
        let (mut c, out) =
            Cursor::first(listed(&[("new", NOW - 60), ("old", NOW - 7000), ("older", NOW - 7300)]), NOW, 2);
        assert_eq!(keys(&out), ["old", "new"]);
        assert!(c.select(listed(&[("older", NOW - 7300)]), NOW + 1).is_empty(), "outside the backfill, but seen");
    }

    #[test]
    fn an_item_is_returned_once_across_polls_and_pages() {
        // The same key twice in one listing (it shifted to the next page) comes back once.
        let (c, first) = Cursor::first(listed(&[("a", NOW - 10), ("a", NOW - 10), ("b", NOW - 5)]), NOW, 1);
        assert_eq!(keys(&first), ["a", "b"]);
        let round_trip = Cursor::decode("cursor", &c.encode()).unwrap();
        assert_eq!(round_trip, c);
        let mut c = round_trip;
        // An item a poll missed (it was on a page already read) is picked up by the next one.
        let second =
            c.select(listed(&[("a", NOW - 10), ("late", NOW - 20), ("b", NOW - 5), ("c", NOW + 30)]), NOW + 60);
        assert_eq!(keys(&second), ["late", "c"]);
        let third =
            c.select(listed(&[("a", NOW - 10), ("late", NOW - 20), ("b", NOW - 5), ("c", NOW + 30)]), NOW + 120);
        assert!(third.is_empty());
    }

    #[test]
    fn the_cursor_forgets_past_the_lookback_without_returning_old_items() {
        let (mut c, _) = Cursor::first(listed(&[("a", NOW - 10)]), NOW, 1);
        let later = NOW + LOOKBACK_SECS + 100;
        let out = c.select(listed(&[("a", NOW - 10), ("fresh", later - 1)]), later);
        assert_eq!(keys(&out), ["fresh"]);
        assert!(c.seen.iter().all(|(k, _)| k != "a"), "keys older than the lookback are dropped");
        assert!(c.since >= later - LOOKBACK_SECS);
    }

    #[test]
    fn foreign_cursors_are_invalid_input_naming_the_field() {
        for bad in ["", "zc1.", "zc1.!!!", "abc", "zc1.eyJ4IjoxfQ"] {
            let e = Cursor::decode("cursor", bad).unwrap_err();
            assert!(format!("{e:?}").contains("cursor"), "{bad}: {e:?}");
        }
    }
}
