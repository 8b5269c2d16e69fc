//! Approve, deny or cancel registrants of a meeting or webinar, up to 30 at once.
//! <https://developers.zoom.us/docs/api/meetings/#tag/meetings/PUT/meetings/{meetingId}/registrants/status>

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::http::{Call, Client, Method};
use crate::manifest::spec;
use crate::validate::{self, check_meeting_id};
use crate::wit::meeting_types::UpdateMeetingRegistrantStatusInput;
use crate::wit::types::{RegistrantAction, RegistrantRef, RegistrantStatusResult};
use crate::wit::webinar_types::UpdateWebinarRegistrantStatusInput;

/// `registrants` holds at most this many in Zoom's spec (both operations).
const MAX_REGISTRANTS: usize = 30;

/// `PUT /meetings/{meetingId}/registrants/status`.
pub(crate) fn update_meeting(
    client: &Client,
    input: &UpdateMeetingRegistrantStatusInput,
) -> Result<RegistrantStatusResult, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let path = format!("/meetings/{}/registrants/status", input.meeting_id);
    let change = Change { action: input.action, registrants: &input.registrants, occurrence_id: &input.occurrence_id };
    update(client, "meetingRegistrantStatus", input.meeting_id, path, change)
}

/// `PUT /webinars/{webinarId}/registrants/status`.
pub(crate) fn update_webinar(
    client: &Client,
    input: &UpdateWebinarRegistrantStatusInput,
) -> Result<RegistrantStatusResult, Error> {
    check_meeting_id("webinar_id", input.webinar_id)?;
    let path = format!("/webinars/{}/registrants/status", input.webinar_id);
    let change = Change { action: input.action, registrants: &input.registrants, occurrence_id: &input.occurrence_id };
    update(client, "webinarRegistrantStatus", input.webinar_id, path, change)
}

/// What both inputs ask for.
struct Change<'a> {
    action: RegistrantAction,
    registrants: &'a [RegistrantRef],
    occurrence_id: &'a Option<String>,
}

fn update(
    client: &Client,
    operation: &str,
    id: u64,
    path: String,
    change: Change,
) -> Result<RegistrantStatusResult, Error> {
    let (body, registrants) = body(operation, &change)?;
    let occurrence_id = change.occurrence_id.as_deref().map(str::trim).filter(|o| !o.is_empty()).map(String::from);
    validate::max_chars("occurrence_id", occurrence_id.as_deref(), 64)?;
    let call = Call::new(Method::Put, path).query("occurrence_id", occurrence_id.as_deref()).json(&body);
    client.send(&call)?;
    Ok(RegistrantStatusResult { id, action: change.action, registrants, occurrence_id })
}

fn action_name(action: RegistrantAction) -> &'static str {
    match action {
        RegistrantAction::Approve => "approve",
        RegistrantAction::Deny => "deny",
        RegistrantAction::Cancel => "cancel",
    }
}

/// Builds and checks the body: 1 to 30 registrants, each with a non-blank id or a valid email.
/// Returns the registrants as sent (trimmed, blanks dropped).
fn body(operation: &str, change: &Change) -> Result<(Value, Vec<RegistrantRef>), Error> {
    let action = action_name(change.action);
    spec::one_of("action", operation, "action", Some(action))?;
    if change.registrants.is_empty() || change.registrants.len() > MAX_REGISTRANTS {
        return Err(Error::invalid("registrants", format!("must list 1 to {MAX_REGISTRANTS} registrants")));
    }
    let mut sent = Vec::with_capacity(change.registrants.len());
    let mut list = Vec::with_capacity(change.registrants.len());
    for (i, r) in change.registrants.iter().enumerate() {
        let id = r.id.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let email = r.email.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if id.is_none() && email.is_none() {
            return Err(Error::invalid(format!("registrants[{i}]"), "needs an id or an email"));
        }
        validate::max_chars(&format!("registrants[{i}].id"), id, 64)?;
        if let Some(e) = email {
            validate::email(&format!("registrants[{i}].email"), e)?;
        }
        let mut m = Map::new();
        if let Some(id) = id {
            m.insert("id".into(), json!(id));
        }
        if let Some(e) = email {
            m.insert("email".into(), json!(e));
        }
        list.push(Value::Object(m));
        sent.push(RegistrantRef { id: id.map(String::from), email: email.map(String::from) });
    }
    Ok((json!({"action": action, "registrants": list}), sent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: Option<&str>, email: Option<&str>) -> RegistrantRef {
        RegistrantRef { id: id.map(String::from), email: email.map(String::from) }
    }

    fn field(e: Error) -> String {
        match e {
            Error::InvalidInput { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn body_wire_format_and_rules() {
        let list = [r(Some(" abc "), None), r(None, Some("a@example.com")), r(Some("x"), Some(""))];
        let none = None;
        let change = Change { action: RegistrantAction::Approve, registrants: &list, occurrence_id: &none };
        let (v, sent) = body("meetingRegistrantStatus", &change).unwrap();
        assert_eq!(
            v,
            json!({"action": "approve", "registrants": [{"id": "abc"}, {"email": "a@example.com"}, {"id": "x"}]})
        );
        assert_eq!(sent[2], r(Some("x"), None));
        let cases: [(&[RegistrantRef], &str); 4] = [
            (&[], "registrants"),
            (&[r(None, Some(" "))], "registrants[0]"),
            (&[r(Some("a"), None), r(None, Some("nope"))], "registrants[1].email"),
            (&[r(Some(&"9".repeat(65)), None)], "registrants[0].id"),
        ];
        for (list, want) in cases {
            let change = Change { action: RegistrantAction::Deny, registrants: list, occurrence_id: &none };
            assert_eq!(field(body("webinarRegistrantStatus", &change).unwrap_err()), want);
        }
        let many: Vec<RegistrantRef> = (0..31).map(|i| r(Some(&i.to_string()), None)).collect();
        let change = Change { action: RegistrantAction::Cancel, registrants: &many, occurrence_id: &none };
        assert_eq!(field(body("meetingRegistrantStatus", &change).unwrap_err()), "registrants");
    }
}
