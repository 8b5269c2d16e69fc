//! What every cell of the fault matrix must show: the connector's documented behaviour per fault.

use serde_json::Value;

use super::rows::{First, Row};
use super::{Col, Got, RESET_AT};
use crate::harness::kind;

/// Checks one cell; `Err` says what was expected.
pub(super) fn expect(row: &Row, col: Col, got: &Got, clean: usize, scope: &str) -> Result<(), String> {
    let retries = got.route as i64 - clean as i64;
    let writes = got.writes.unwrap_or(0);
    let post = row.writes();
    let err_kind = |want: &str| match &got.outcome {
        Err(e) if kind(e) == want => Ok(e.clone()),
        _ => Err(want.to_owned()),
    };
    let ok_after = |n: i64, what: &str| match &got.outcome {
        Ok(_) if retries == n => Ok(()),
        _ => Err(format!("ok after exactly {n} retr{} ({what})", if n == 1 { "y" } else { "ies" })),
    };
    let single =
        |e: Result<Value, String>| e.and_then(|v| if got.route == 1 { Ok(v) } else { Err("exactly 1 request".into()) });
    let one_write = |r: Result<(), String>| {
        r.and_then(|()| if !post || writes == 1 { Ok(()) } else { Err("exactly one write".into()) })
    };
    let no_write = |r: Result<(), String>| r.and_then(|()| if writes == 0 { Ok(()) } else { Err("no write".into()) });
    match col {
        Col::Clean => ok_after(0, "clean run"),
        Col::RateLimited => one_write(ok_after(1, "429 means Zoom did not act")),
        Col::Daily => no_write(single(err_kind("rate_limited")).and_then(|e| {
            if e["rate_limited"]["reset_at"] == RESET_AT {
                Ok(())
            } else {
                Err(format!("rate_limited with reset_at {RESET_AT}"))
            }
        })),
        Col::S500 | Col::S502 | Col::S503 => {
            let status = col.status().expect("a status column");
            if post {
                no_write(single(err_kind("api")).and_then(|e| {
                    if e["api"]["status"] == status {
                        Ok(())
                    } else {
                        Err(format!("api with status {status}"))
                    }
                }))
            } else {
                ok_after(1, "idempotent request retried")
            }
        }
        Col::ResetBefore => {
            if post {
                let shape = match &got.outcome {
                    Err(e) if kind(e) == "outcome_unknown" && got.route == 1 => Ok(()),
                    Ok(_) if retries == 1 => Ok(()),
                    _ => Err("outcome_unknown after 1 request, or ok after 1 retry".to_owned()),
                };
                shape.and_then(|()| if writes <= 1 { Ok(()) } else { Err("at most one write".into()) })
            } else {
                ok_after(1, "idempotent request retried")
            }
        }
        Col::ResetAfter => {
            if post {
                one_write(single(err_kind("outcome_unknown")).map(|_| ()))
            } else {
                ok_after(1, "idempotent request retried")
            }
        }
        Col::Slow => {
            if post {
                single(err_kind("outcome_unknown")).and_then(|_| {
                    if writes <= 1 {
                        Ok(())
                    } else {
                        Err("at most one write".into())
                    }
                })
            } else {
                ok_after(1, "timed out once, retried")
            }
        }
        // An unreadable answer to a write Zoom accepted is `outcome_unknown` (the write happened);
        // to a read it is `transport`.
        Col::Truncated => match row.first {
            First::NoContent => ok_after(0, "a 204 has nothing to truncate"),
            First::ReadsJson | First::PassesJson if post => one_write(single(err_kind("outcome_unknown")).map(|_| ())),
            First::ReadsJson | First::PassesJson => single(err_kind("transport")).map(|_| ()),
        },
        Col::Unexpected => match row.first {
            First::ReadsJson if post => no_write(single(err_kind("outcome_unknown")).map(|_| ())),
            First::ReadsJson => no_write(single(err_kind("transport")).map(|_| ())),
            First::NoContent | First::PassesJson => ok_after(0, "the body is not read"),
        },
        Col::Expired => one_write(ok_after(1, "renewed the token once").and_then(|()| {
            if got.tokens == 1 {
                Ok(())
            } else {
                Err(format!("exactly one token request, saw {}", got.tokens))
            }
        })),
        // The usage summary reports a part it may not read as unavailable, naming the scope,
        // and goes on with the other parts.
        Col::Scope if row.action == "usage-summary" => match &got.outcome {
            Ok(v) if v["daily"]["not_available"]["scope_missing"] == scope => Ok(()),
            _ => Err(format!("ok, with daily not_available scope_missing {scope}")),
        },
        Col::Scope => no_write(single(err_kind("missing_scope")).and_then(|e| {
            if e["missing_scope"]["scope"] == scope {
                Ok(())
            } else {
                Err(format!("missing_scope naming {scope}"))
            }
        })),
        Col::NotFound => {
            let codes = row.not_found.expect("only rows with ids");
            no_write(single(err_kind("not_found")).and_then(|e| {
                if codes.iter().any(|c| e["not_found"]["code"] == *c) {
                    Ok(())
                } else {
                    Err(format!("not_found with code {codes:?}"))
                }
            }))
        }
    }
}
