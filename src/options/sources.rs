//! Where each dropdown's values come from: one Zoom list call per page, read into option items.
//! Zoom's lists that page by token keep Zoom's token as the cursor; the short lists (occurrences,
//! panelists, webinars, timezones) are read whole and paged here by offset.

use serde_json::Value;

use super::{timezones, Ask, Source};
use crate::error::Error;
use crate::http::url::{segment, user_path};
use crate::http::{Call, Client, Method};
use crate::json::text;
use crate::triggers::polling::day_window;
use crate::wit::options::{OptionItem, OptionPage};

/// `page_size` of `GET /users/{userId}/webinars` at its maximum: the spec gives that list no
/// page token, so one call reads everything it will answer.
const WEBINARS_PAGE: u32 = 300;
/// The meeting report covers at most a month per call.
const ENDED_LOOKBACK_SECS: u64 = 30 * 86_400;

/// One page of `source`'s options for `field`.
pub(crate) fn fetch(client: &Client, source: Source, field: &str, ask: &Ask) -> Result<OptionPage, Error> {
    let user = || user_path(ask.optional("user_id").as_deref());
    match source {
        Source::Users { by_email } => {
            let call = Call::new(Method::Get, "/users");
            zoom_page(client, call, "users", ask, |u| {
                let email = text(u, "email");
                let value = if by_email { email.clone()? } else { text(u, "id")? };
                Some(item(value, person(u).or_else(|| email.clone()), email))
            })
        }
        Source::UpcomingMeetings => {
            let call = Call::new(Method::Get, format!("/users/{}/meetings", user()?)).query("type", Some("upcoming"));
            zoom_page(client, call, "meetings", ask, |m| {
                Some(item(id_text(m)?, text(m, "topic"), text(m, "start_time")))
            })
        }
        Source::EndedInstances | Source::EndedMeetings => {
            let (from, to) = day_window(ask.now.saturating_sub(ENDED_LOOKBACK_SECS), ask.now);
            let path = format!("/report/users/{}/meetings", user()?);
            let call = Call::new(Method::Get, path).query("from", Some(from)).query("to", Some(to));
            let by_uuid = source == Source::EndedInstances;
            let mut page = zoom_page(client, call, "meetings", ask, |m| {
                let value = if by_uuid { text(m, "uuid")? } else { id_text(m)? };
                Some(item(value, text(m, "topic"), text(m, "start_time")))
            })?;
            // A meeting held twice in the window is one choice when the meeting id is the value
            // (within a page: the report's pages are Zoom's, and the cursor carries no memory).
            let mut seen = Vec::new();
            page.items.retain(|i| {
                !seen.contains(&i.value) && {
                    seen.push(i.value.clone());
                    true
                }
            });
            Ok(page)
        }
        Source::MeetingOccurrences | Source::WebinarOccurrences => {
            let (kind, parent) = if source == Source::MeetingOccurrences {
                ("meetings", "meeting_id")
            } else {
                ("webinars", "webinar_id")
            };
            let id = segment(parent, &ask.required(parent, field)?)?;
            let body = client.send_json(&Call::new(Method::Get, format!("/{kind}/{id}")))?;
            let items = listed(&body, "occurrences", |o| {
                let status = text(o, "status").filter(|s| s != "available");
                Some(item(text(o, "occurrence_id")?, text(o, "start_time"), status))
            });
            local_page(items, ask)
        }
        Source::Webinars { upcoming } => {
            let kind = if upcoming { "upcoming" } else { "scheduled" };
            let call = Call::new(Method::Get, format!("/users/{}/webinars", user()?))
                .query("type", Some(kind))
                .query("page_size", Some(WEBINARS_PAGE));
            let body = client.send_json(&call)?;
            local_page(
                listed(&body, "webinars", |w| Some(item(id_text(w)?, text(w, "topic"), text(w, "start_time")))),
                ask,
            )
        }
        Source::MeetingRegistrants | Source::WebinarRegistrants => {
            let (kind, parent) = if source == Source::MeetingRegistrants {
                ("meetings", "meeting_id")
            } else {
                ("webinars", "webinar_id")
            };
            let id = segment(parent, &ask.required(parent, field)?)?;
            // Approving or denying acts on pending registrants; cancelling on approved ones,
            // which is also what Zoom lists when no status is sent.
            let status = match ask.optional("action").as_deref() {
                Some("approve" | "deny") => Some("pending"),
                _ => None,
            };
            let call = Call::new(Method::Get, format!("/{kind}/{id}/registrants"))
                .query("status", status)
                .query("occurrence_id", ask.optional("occurrence_id"));
            zoom_page(client, call, "registrants", ask, |r| Some(item(text(r, "id")?, person(r), text(r, "email"))))
        }
        Source::Panelists => {
            let id = segment("webinar_id", &ask.required("webinar_id", field)?)?;
            let body = client.send_json(&Call::new(Method::Get, format!("/webinars/{id}/panelists")))?;
            local_page(
                listed(&body, "panelists", |p| Some(item(text(p, "id")?, text(p, "name"), text(p, "email")))),
                ask,
            )
        }
        Source::Channels => {
            let call = Call::new(Method::Get, format!("/chat/users/{}/channels", user()?));
            zoom_page(client, call, "channels", ask, |c| Some(item(text(c, "id")?, text(c, "name"), None)))
        }
        Source::Groups => {
            let call = Call::new(Method::Get, "/groups");
            zoom_page(client, call, "groups", ask, |g| {
                let members = g.get("total_members").and_then(Value::as_u64).map(|n| format!("{n} members"));
                Some(item(text(g, "id")?, text(g, "name"), members))
            })
        }
        Source::Timezones => {
            let items = timezones::ZONES
                .iter()
                .map(|(id, name)| item((*id).to_owned(), Some((*name).to_owned()), Some((*id).to_owned())))
                .collect();
            local_page(items, ask)
        }
    }
}

/// One page of a list Zoom pages by token: the cursor is Zoom's `next_page_token`. A token equal
/// to the one sent would list the same page again, so it ends the listing like an empty one.
fn zoom_page(
    client: &Client,
    call: Call,
    array_key: &str,
    ask: &Ask,
    read: impl Fn(&Value) -> Option<OptionItem>,
) -> Result<OptionPage, Error> {
    let call = call.query("page_size", Some(ask.page_size)).query("next_page_token", ask.cursor);
    let body = client.send_json(&call)?;
    let mut items = listed(&body, array_key, read);
    // Zoom answers at most `page_size`; a longer answer is cut rather than passed on unbounded.
    items.truncate(ask.page_size as usize);
    items.retain(|i| ask.matches(i));
    let cursor = text(&body, "next_page_token").filter(|next| !next.is_empty() && Some(next.as_str()) != ask.cursor);
    Ok(OptionPage { items, cursor })
}

/// One page of a list read whole, searched before it is paged: the cursor is the offset of the
/// next matching item.
pub(crate) fn local_page(mut items: Vec<OptionItem>, ask: &Ask) -> Result<OptionPage, Error> {
    items.retain(|i| ask.matches(i));
    let offset = match ask.cursor {
        None => 0,
        Some(c) => c.trim().parse::<usize>().map_err(|_| Error::invalid("cursor", "is not a cursor this list gave"))?,
    };
    let total = items.len();
    let end = offset.saturating_add(ask.page_size as usize).min(total);
    let page = items.into_iter().skip(offset).take(ask.page_size as usize).collect();
    Ok(OptionPage { items: page, cursor: (end < total).then(|| end.to_string()) })
}

/// The items of `body[array_key]` that `read` can make an option of (an item without an id
/// offers nothing to choose).
fn listed(body: &Value, array_key: &str, read: impl Fn(&Value) -> Option<OptionItem>) -> Vec<OptionItem> {
    body.get(array_key).and_then(Value::as_array).map(|a| a.iter().filter_map(&read).collect()).unwrap_or_default()
}

fn item(value: String, label: Option<String>, detail: Option<String>) -> OptionItem {
    OptionItem { label: label.filter(|l| !l.trim().is_empty()).unwrap_or_else(|| value.clone()), value, detail }
}

/// A meeting's or webinar's numeric id as text.
fn id_text(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// A person's name from `first_name`/`last_name` (or `display_name`).
fn person(v: &Value) -> Option<String> {
    let parts = [text(v, "first_name"), text(v, "last_name")];
    let name = parts.iter().flatten().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    Some(name).filter(|n| !n.trim().is_empty()).or_else(|| text(v, "display_name"))
}
