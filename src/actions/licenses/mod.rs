//! Licence inventory and reclaiming unused licences. Snow's rule: the inventory holds every user
//! except those manually deactivated (status `inactive`).

use serde_json::{json, Value};

use crate::error::Error;
use crate::http::paging;
use crate::http::url::segment;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, number, text};
use crate::time::{epoch_seconds, format_utc};
use crate::wit::report_types::{
    LicenseInventoryInput, LicenseInventoryReport, LicensedUser, ReclaimCandidate, ReclaimFailure, ReclaimInput,
    ReclaimResult, TypeCount,
};

/// `GET /users` allows up to 2000 users a page.
const USERS_MAX_PAGE_SIZE: u32 = 2000;
/// The longest inactivity window `reclaim-inactive-licenses` takes (ten years).
const MAX_DAYS: u32 = 3650;

/// Every user with `status`, over every page of `GET /users`, read with `parse`.
fn users_with_status<T>(
    client: &Client,
    status: &str,
    parse: impl FnMut(&Value) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let fetch = |_, token: Option<&str>| {
        let call = Call::new(Method::Get, "/users")
            .query("status", Some(status))
            .query("page_size", Some(USERS_MAX_PAGE_SIZE))
            .query("next_page_token", token);
        client.send_json(&call)
    };
    Ok(paging::gather(None, "users", USERS_MAX_PAGE_SIZE, fetch, parse)?.items)
}

/// Zoom's user type names.
pub(crate) fn type_name(t: u32) -> String {
    match t {
        1 => "Basic".to_owned(),
        2 => "Licensed".to_owned(),
        4 => "Unassigned".to_owned(),
        99 => "None".to_owned(),
        n => format!("Type {n}"),
    }
}

pub(crate) fn parse_licensed(v: &Value, status: &str) -> Result<LicensedUser, Error> {
    let missing = |k: &str| Error::Unreadable(format!("Zoom's user object has no `{k}`"));
    let user_type = capped_u32(v, "type").ok_or_else(|| missing("type"))?;
    Ok(LicensedUser {
        id: text(v, "id").ok_or_else(|| missing("id"))?,
        email: text(v, "email").ok_or_else(|| missing("email"))?,
        first_name: text(v, "first_name"),
        last_name: text(v, "last_name"),
        display_name: text(v, "display_name"),
        role_id: text(v, "role_id"),
        user_type,
        user_type_name: type_name(user_type),
        plan_united_type: text(v, "plan_united_type"),
        status: text(v, "status").unwrap_or_else(|| status.to_owned()),
        last_login_time: text(v, "last_login_time"),
        last_client_version: text(v, "last_client_version"),
        created_at: text(v, "user_created_at").or_else(|| text(v, "created_at")),
    })
}

/// Users per type, by type number.
pub(crate) fn by_type(users: &[LicensedUser]) -> Vec<TypeCount> {
    let mut types: Vec<u32> = users.iter().map(|u| u.user_type).collect();
    types.sort_unstable();
    types.dedup();
    types
        .into_iter()
        .map(|t| TypeCount {
            user_type: t,
            user_type_name: type_name(t),
            users: users.iter().filter(|u| u.user_type == t).count() as u32,
        })
        .collect()
}

/// `license-inventory`: active and pending users, and inactive ones if asked.
pub(crate) fn inventory(client: &Client, input: &LicenseInventoryInput) -> Result<LicenseInventoryReport, Error> {
    let mut statuses = vec!["active", "pending"];
    if input.include_inactive == Some(true) {
        statuses.push("inactive");
    }
    let mut users = Vec::new();
    let mut per_status = [0u32; 3];
    for (i, status) in statuses.iter().enumerate() {
        let listed = users_with_status(client, status, |v| parse_licensed(v, status))?;
        per_status[i] = listed.len() as u32;
        users.extend(listed);
    }
    Ok(LicenseInventoryReport {
        by_type: by_type(&users),
        users,
        active: per_status[0],
        pending: per_status[1],
        inactive: per_status[2],
    })
}

/// Whether a licensed active user is a candidate: their last sign-in (or, never signed in, their
/// creation) is before `cutoff`. `Err` says which date is missing or unreadable; such a user is
/// not a candidate, because de-licensing on a date nobody could read would fail open.
pub(crate) fn is_candidate(v: &Value, cutoff: i64) -> Result<bool, String> {
    if number(v, "type") != Some(2) {
        return Ok(false);
    }
    // An empty `last_login_time` is Zoom's "never signed in", like an absent one.
    let date = |k: &'static str| text(v, k).filter(|s| !s.trim().is_empty()).map(|s| (k, s));
    let Some((key, seen)) = date("last_login_time").or_else(|| date("user_created_at")).or_else(|| date("created_at"))
    else {
        return Err("neither `last_login_time` nor a creation date is given".to_owned());
    };
    match epoch_seconds(&seen) {
        Some(t) => Ok(t < cutoff),
        None => Err(format!("`{key}` {seen:?} is not a date-time")),
    }
}

/// `reclaim-inactive-licenses`.
pub(crate) fn reclaim(client: &Client, input: &ReclaimInput) -> Result<ReclaimResult, Error> {
    if !(1..=MAX_DAYS).contains(&input.days) {
        return Err(Error::invalid("days", format!("must be between 1 and {MAX_DAYS}")));
    }
    let dry_run = input.dry_run.unwrap_or(true);
    let now = client.transport.now_unix() as i64;
    let cutoff = now - i64::from(input.days) * 86_400;
    let active = users_with_status(client, "active", paging::as_is)?;
    let (mut candidates, mut skipped) = (Vec::new(), Vec::new());
    for v in &active {
        let missing = |k: &str| Error::Unreadable(format!("Zoom's user object has no `{k}`"));
        match is_candidate(v, cutoff) {
            Ok(false) => {}
            Ok(true) => candidates.push(ReclaimCandidate {
                id: text(v, "id").ok_or_else(|| missing("id"))?,
                email: text(v, "email").ok_or_else(|| missing("email"))?,
                last_login_time: text(v, "last_login_time").filter(|s| !s.trim().is_empty()),
            }),
            Err(message) => skipped.push(ReclaimFailure { id: text(v, "id").unwrap_or_default(), message }),
        }
    }
    let (mut reclaimed, mut failed) = (Vec::new(), Vec::new());
    let mut error = None;
    if !dry_run {
        for c in &candidates {
            match de_license(client, &c.id) {
                Ok(()) => reclaimed.push(c.id.clone()),
                // Nothing further can work without credentials or the scope: stop, and keep what
                // was already changed so the caller learns exactly who lost a licence.
                Err(e @ (Error::Unauthorized(_) | Error::MissingScope { .. })) if reclaimed.is_empty() => {
                    return Err(e)
                }
                Err(e @ (Error::Unauthorized(_) | Error::MissingScope { .. })) => {
                    error = Some(e.into());
                    break;
                }
                Err(e) => failed.push(ReclaimFailure { id: c.id.clone(), message: e.to_string() }),
            }
        }
    }
    let cutoff = format_utc(cutoff.max(0) as u64);
    Ok(ReclaimResult { dry_run, cutoff, candidates, reclaimed, failed, skipped, error })
}

/// `PATCH /users/{id}` to type 1 (Basic).
fn de_license(client: &Client, id: &str) -> Result<(), Error> {
    let path = format!("/users/{}", segment("user_id", id)?);
    client.send(&Call::new(Method::Patch, path).json(&json!({"type": 1}))).map(drop)
}

#[cfg(test)]
mod tests;
