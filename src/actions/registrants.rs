//! Meeting registrants. <https://developers.zoom.us/docs/api/meetings/#tag/meetings/POST/meetings/{meetingId}/registrants>

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::http::paging;
use crate::http::{Call, Client, Method};
use crate::json::{number, occurrences, text};
use crate::json_fields::{record, Text};
use crate::manifest::spec;
use crate::validate;
use crate::validate::check_meeting_id;
use crate::wit::meeting_types::{AddMeetingRegistrantInput, CustomQuestion, ListMeetingRegistrantsInput, Registration};
use crate::wit::types::Paging;
use crate::wit::types::{Registrant, RegistrantPage, RegistrantStatus};
use crate::wit::webinar_types::AddWebinarRegistrantInput;

const LIST_MAX_PAGE_SIZE: u32 = 300;

/// The registrant fields meeting and webinar registration share.
pub(crate) struct Fields<'a> {
    /// The Zoom operation the body is for, whose spec lists the allowed values.
    pub(crate) operation: &'static str,
    pub(crate) email: &'a str,
    pub(crate) first_name: &'a str,
    pub(crate) optional: [(&'static str, Option<&'a str>); 16],
    pub(crate) custom_questions: Option<&'a [CustomQuestion]>,
    pub(crate) auto_approve: Option<bool>,
}

// Meeting and webinar inputs carry the same profile fields under the same names.
macro_rules! profile_fields {
    ($i:ident, $operation:expr, $source_id:expr, $auto_approve:expr) => {
        Fields {
            operation: $operation,
            email: &$i.email,
            first_name: &$i.first_name,
            optional: [
                ("last_name", $i.last_name.as_deref()),
                ("address", $i.address.as_deref()),
                ("city", $i.city.as_deref()),
                ("state", $i.state.as_deref()),
                ("zip", $i.zip.as_deref()),
                ("country", $i.country.as_deref()),
                ("phone", $i.phone.as_deref()),
                ("industry", $i.industry.as_deref()),
                ("org", $i.org.as_deref()),
                ("job_title", $i.job_title.as_deref()),
                ("purchasing_time_frame", $i.purchasing_time_frame.as_deref()),
                ("role_in_purchase_process", $i.role_in_purchase_process.as_deref()),
                ("no_of_employees", $i.no_of_employees.as_deref()),
                ("comments", $i.comments.as_deref()),
                ("language", $i.language.as_deref()),
                ("source_id", $source_id),
            ],
            custom_questions: $i.custom_questions.as_deref(),
            auto_approve: $auto_approve,
        }
    };
}

impl<'a> From<&'a AddMeetingRegistrantInput> for Fields<'a> {
    fn from(i: &'a AddMeetingRegistrantInput) -> Self {
        profile_fields!(i, "meetingRegistrantCreate", None, i.auto_approve)
    }
}

impl<'a> From<&'a AddWebinarRegistrantInput> for Fields<'a> {
    fn from(i: &'a AddWebinarRegistrantInput) -> Self {
        profile_fields!(i, "webinarRegistrantCreate", i.source_id.as_deref(), None)
    }
}

/// What Zoom answered to a registration, read from either kind.
pub(crate) struct Answer {
    pub(crate) id: Option<u64>,
    pub(crate) registrant_id: String,
    pub(crate) join_url: Option<String>,
    pub(crate) topic: Option<String>,
    pub(crate) start_time: Option<String>,
    pub(crate) occurrences: Vec<crate::wit::types::Occurrence>,
}

/// `POST {path}` with the registrant body; `path` is `/meetings/{id}/registrants` or the webinar one.
pub(crate) fn register(
    client: &Client,
    path: String,
    occurrence_ids: Option<&Vec<String>>,
    fields: &Fields,
) -> Result<Answer, Error> {
    let body = add_body(fields)?;
    let occurrence_ids = occurrence_ids.filter(|o| !o.is_empty()).map(|o| o.join(","));
    let call = Call::new(Method::Post, path).query("occurrence_ids", occurrence_ids).json(&body);
    client.send_write(&call, |v| {
        let registrant_id = text(v, "registrant_id")
            .ok_or_else(|| Error::Unreadable("Zoom's registration answer has no `registrant_id`".to_owned()))?;
        Ok(Answer {
            id: number(v, "id"),
            registrant_id,
            join_url: text(v, "join_url"),
            topic: text(v, "topic"),
            start_time: text(v, "start_time"),
            occurrences: occurrences(v),
        })
    })
}

/// `POST /meetings/{meetingId}/registrants`.
pub(crate) fn add(client: &Client, input: &AddMeetingRegistrantInput) -> Result<Registration, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let path = format!("/meetings/{}/registrants", input.meeting_id);
    let a = register(client, path, input.occurrence_ids.as_ref(), &input.into())?;
    Ok(Registration {
        meeting_id: a.id.unwrap_or(input.meeting_id),
        registrant_id: a.registrant_id,
        join_url: a.join_url,
        topic: a.topic,
        start_time: a.start_time,
        occurrences: a.occurrences,
    })
}

/// Builds and checks the JSON body of a registration.
pub(crate) fn add_body(f: &Fields) -> Result<Value, Error> {
    validate::email("email", f.email)?;
    validate::required("first_name", f.first_name, 64)?;
    validate::max_chars("last_name", f.optional[0].1, 64)?;
    let mut m = Map::new();
    m.insert("email".into(), json!(f.email.trim()));
    m.insert("first_name".into(), json!(f.first_name));
    for (key, value) in f.optional {
        validate::max_chars(key, value, 2000)?;
        spec::one_of(key, f.operation, key, value)?;
        if let Some(v) = value {
            m.insert(key.into(), json!(v));
        }
    }
    if let Some(questions) = f.custom_questions {
        for (i, q) in questions.iter().enumerate() {
            validate::required(&format!("custom_questions[{i}].title"), &q.title, 256)?;
            validate::max_chars(&format!("custom_questions[{i}].value"), Some(&q.value), 128)?;
        }
        let list: Vec<Value> = questions.iter().map(|q| json!({"title": q.title, "value": q.value})).collect();
        m.insert("custom_questions".into(), Value::Array(list));
    }
    if let Some(a) = f.auto_approve {
        m.insert("auto_approve".into(), json!(a));
    }
    Ok(Value::Object(m))
}

/// `GET /meetings/{meetingId}/registrants`, every page or one.
pub(crate) fn list(client: &Client, input: &ListMeetingRegistrantsInput) -> Result<RegistrantPage, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let path = format!("/meetings/{}/registrants", input.meeting_id);
    let status = Some(input.status.unwrap_or(RegistrantStatus::Approved));
    list_at(client, &path, status, input.occurrence_id.as_deref(), None, input.paging.as_ref())
}

/// Lists registrants at a meeting's or webinar's registrants path (Zoom's default status is
/// `approved`), or at a route without a status filter (absentees) when `status` is `None`.
pub(crate) fn list_at(
    client: &Client,
    path: &str,
    status: Option<RegistrantStatus>,
    occurrence_id: Option<&str>,
    tracking_source_id: Option<&str>,
    paging: Option<&Paging>,
) -> Result<RegistrantPage, Error> {
    let status = status.map(|s| match s {
        RegistrantStatus::Approved => "approved",
        RegistrantStatus::Pending => "pending",
        RegistrantStatus::Denied => "denied",
    });
    let gathered = paging::gather_raw(
        paging,
        "registrants",
        LIST_MAX_PAGE_SIZE,
        |size, token| {
            let call = Call::new(Method::Get, path)
                .query("status", status)
                .query("occurrence_id", occurrence_id.filter(|o| !o.is_empty()))
                .query("tracking_source_id", tracking_source_id.filter(|o| !o.is_empty()))
                .query("page_size", size)
                .query("next_page_token", token);
            client.send(&call).map(|r| (r.status, r.body))
        },
        parse_raw_registrant,
    )?;
    Ok(RegistrantPage {
        items: gathered.items,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// The fields of Zoom's registrant object that [`Registrant`] keeps.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RegistrantFields {
    id: Text,
    email: Text,
    first_name: Text,
    last_name: Text,
    status: Text,
    create_time: Text,
    join_url: Text,
}

/// Reads one registrant of a page, kept as Zoom's text in `raw`; `email` is required by Zoom's
/// schema.
fn parse_raw_registrant(raw: &RawValue) -> Result<Registrant, Error> {
    registrant_from(record(raw.get()), raw.get().to_owned())
}

fn registrant_from(f: RegistrantFields, raw: String) -> Result<Registrant, Error> {
    Ok(Registrant {
        id: f.id.0,
        email: f.email.0.ok_or_else(|| Error::Unreadable("Zoom's registrant has no `email`".to_owned()))?,
        first_name: f.first_name.0.unwrap_or_default(),
        last_name: f.last_name.0,
        status: f.status.0,
        create_time: f.create_time.0,
        join_url: f.join_url.0,
        raw,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(email: &str) -> AddMeetingRegistrantInput {
        AddMeetingRegistrantInput {
            meeting_id: 1,
            occurrence_ids: None,
            email: email.into(),
            first_name: "Ada".into(),
            last_name: Some("Lovelace".into()),
            address: None,
            city: Some("London".into()),
            state: None,
            zip: None,
            country: None,
            phone: None,
            industry: None,
            org: None,
            job_title: None,
            purchasing_time_frame: None,
            role_in_purchase_process: None,
            no_of_employees: None,
            comments: None,
            custom_questions: Some(vec![CustomQuestion { title: "Why".into(), value: "Curious".into() }]),
            language: None,
            auto_approve: Some(true),
        }
    }

    #[test]
    fn add_body_wire_format() {
        assert_eq!(
            add_body(&(&input("ada@example.com")).into()).unwrap(),
            json!({"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "city": "London",
                   "custom_questions": [{"title": "Why", "value": "Curious"}], "auto_approve": true})
        );
    }

    #[test]
    fn bad_email_and_blank_first_name_are_named() {
        assert!(
            matches!(add_body(&(&input("nope")).into()), Err(Error::InvalidInput { field, .. }) if field == "email")
        );
        let mut i = input("ada@example.com");
        i.first_name = "  ".into();
        assert!(matches!(add_body(&(&i).into()), Err(Error::InvalidInput { field, .. }) if field == "first_name"));
    }
}
