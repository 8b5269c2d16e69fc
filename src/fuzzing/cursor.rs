//! The polling cursor ([`crate::triggers::cursor::Cursor`]): platforms hand it back untouched, or
//! not, so any text must decode to a cursor or a typed error; and the first poll and later ones
//! on any listing, at any clock.

use crate::error::Error;
use crate::triggers::cursor::Cursor;

/// A cursor's contents: the lower time bound and the keys seen with their times.
pub type Contents = (u64, Vec<(String, u64)>);

/// Decodes a cursor a platform handed back: its contents, or the error's field and message.
pub fn decode(text: &str) -> Result<Contents, (String, String)> {
    match Cursor::decode("cursor", text) {
        Ok(c) => Ok((c.since, c.seen)),
        Err(Error::InvalidInput { field, message }) => Err((field, message)),
        Err(other) => Err(("(not invalid-input)".into(), format!("{other:?}"))),
    }
}

/// Encodes contents as the opaque text a poll returns.
pub fn encode(contents: &Contents) -> String {
    Cursor { since: contents.0, seen: contents.1.clone() }.encode()
}

/// A first poll of `listed` (key, time) at `now` with `backfill_hours`: the cursor and the keys
/// returned, in order.
pub fn first(listed: Vec<(String, u64)>, now: u64, backfill_hours: u32) -> (Contents, Vec<String>) {
    let listed = listed.into_iter().map(|(k, t)| (k, t, ())).collect();
    let (c, out) = Cursor::first(listed, now, backfill_hours);
    ((c.since, c.seen), out.into_iter().map(|(k, _, _)| k).collect())
}

/// A later poll from `contents`: the advanced cursor and the keys returned, in order.
pub fn select(contents: Contents, listed: Vec<(String, u64)>, now: u64) -> (Contents, Vec<String>) {
    let mut c = Cursor { since: contents.0, seen: contents.1 };
    let out = c.select(listed.into_iter().map(|(k, t)| (k, t, ())).collect(), now);
    ((c.since, c.seen), out.into_iter().map(|(k, _, _)| k).collect())
}
