//! Webinar panelists: list, add (up to 30 at once), remove one.
//! <https://developers.zoom.us/docs/api/meetings/#tag/webinars/GET/webinars/{webinarId}/panelists>

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::http::url::segment;
use crate::http::{Call, Client, Method};
use crate::json::{capped_u32, required_number, text};
use crate::validate::{self, check_meeting_id};
use crate::wit::webinar_types::{
    AddWebinarPanelistsInput, AddedPanelists, ListWebinarPanelistsInput, NewPanelist, Panelist, PanelistList,
    RemoveWebinarPanelistInput, RemovedPanelist,
};

/// `panelists` holds at most this many per request in Zoom's spec (`webinarPanelistCreate`).
const MAX_PANELISTS: usize = 30;

/// `GET /webinars/{webinarId}/panelists`: every panelist at once (the route has no paging).
pub(crate) fn list(client: &Client, input: &ListWebinarPanelistsInput) -> Result<PanelistList, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let call = Call::new(Method::Get, format!("/webinars/{}/panelists", input.webinar_id));
    parse_list(&client.send_json(&call)?)
}

/// `POST /webinars/{webinarId}/panelists` → 201 `{id, updated_at}`.
pub(crate) fn add(client: &Client, input: &AddWebinarPanelistsInput) -> Result<AddedPanelists, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let body = body(&input.panelists)?;
    let call = Call::new(Method::Post, format!("/webinars/{}/panelists", input.webinar_id)).json(&body);
    client.send_write(&call, |v| {
        // The answer names the webinar; one that does not is unreadable (the write still happened).
        let webinar_id = required_number(v, "id", "answer to adding panelists")?;
        Ok(AddedPanelists { webinar_id, updated_at: text(v, "updated_at"), count: input.panelists.len() as u32 })
    })
}

/// `DELETE /webinars/{webinarId}/panelists/{panelistId}` → 204.
pub(crate) fn remove(client: &Client, input: &RemoveWebinarPanelistInput) -> Result<RemovedPanelist, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let panelist = input.panelist_id.trim();
    validate::max_chars("panelist_id", Some(panelist), 64)?;
    let path = format!("/webinars/{}/panelists/{}", input.webinar_id, segment("panelist_id", panelist)?);
    client.send(&Call::new(Method::Delete, path))?;
    Ok(RemovedPanelist { webinar_id: input.webinar_id, panelist_id: panelist.to_string() })
}

/// 1 to 30 panelists, each with a non-blank name (≤ 64 characters) and a valid email.
fn body(panelists: &[NewPanelist]) -> Result<Value, Error> {
    if panelists.is_empty() || panelists.len() > MAX_PANELISTS {
        return Err(Error::invalid("panelists", format!("must list 1 to {MAX_PANELISTS} panelists")));
    }
    let mut list = Vec::with_capacity(panelists.len());
    for (i, p) in panelists.iter().enumerate() {
        let name = p.name.trim();
        validate::required(&format!("panelists[{i}].name"), name, 64)?;
        let email = p.email.trim();
        validate::email(&format!("panelists[{i}].email"), email)?;
        let mut m = Map::new();
        m.insert("name".into(), json!(name));
        m.insert("email".into(), json!(email));
        if let Some(tag) = p.name_tag_name.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            validate::max_chars(&format!("panelists[{i}].name_tag_name"), Some(tag), 256)?;
            m.insert("name_tag_name".into(), json!(tag));
        }
        list.push(Value::Object(m));
    }
    Ok(json!({"panelists": list}))
}

fn parse_list(v: &Value) -> Result<PanelistList, Error> {
    let list = v
        .get("panelists")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::Unreadable("Zoom's panelist list has no `panelists`".into()))?;
    let items = list
        .iter()
        .filter_map(|p| {
            Some(Panelist {
                id: text(p, "id")?,
                name: text(p, "name"),
                email: text(p, "email"),
                join_url: text(p, "join_url"),
                name_tag_name: text(p, "name_tag_name").filter(|t| !t.is_empty()),
            })
        })
        .collect();
    Ok(PanelistList { items, total_records: capped_u32(v, "total_records") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str, email: &str) -> NewPanelist {
        NewPanelist { name: name.into(), email: email.into(), name_tag_name: None }
    }

    fn field(e: Error) -> String {
        match e {
            Error::InvalidInput { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn body_checks_count_name_and_email() {
        let b = body(&[p(" Ann ", "ann@example.com")]).unwrap();
        assert_eq!(b, json!({"panelists": [{"name": "Ann", "email": "ann@example.com"}]}));
        assert_eq!(field(body(&[]).unwrap_err()), "panelists");
        assert_eq!(field(body(&vec![p("A", "a@example.com"); 31]).unwrap_err()), "panelists");
        assert_eq!(field(body(&[p(" ", "a@example.com")]).unwrap_err()), "panelists[0].name");
        assert_eq!(field(body(&[p("A", "a@example.com"), p("B", "nope")]).unwrap_err()), "panelists[1].email");
    }

    #[test]
    fn reads_the_list() {
        let v = json!({"total_records": 2, "panelists": [
            {"id": "p1", "name": "Ann", "email": "a@example.com", "join_url": "https://j", "name_tag_name": ""},
            {"name": "no id"}]});
        let l = parse_list(&v).unwrap();
        assert_eq!((l.items.len(), l.total_records), (1, Some(2)));
        assert_eq!(l.items[0].name_tag_name, None);
        assert!(parse_list(&json!({})).is_err());
    }
}
