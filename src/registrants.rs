//! Meeting registrants. <https://developers.zoom.us/docs/api/meetings/#tag/meetings/POST/meetings/{meetingId}/registrants>

use serde_json::{json, Map, Value};

use crate::actions::{AddMeetingRegistrantInput, ListMeetingRegistrantsInput, Registration};
use crate::error::Error;
use crate::http::{Call, Client, Method};
use crate::meetings::{check_meeting_id, occurrences, text};
use crate::paging;
use crate::types::{Registrant, RegistrantPage, RegistrantStatus};
use crate::validate;

const LIST_MAX_PAGE_SIZE: u32 = 300;

/// `POST /meetings/{meetingId}/registrants`.
pub fn add(client: &Client, input: &AddMeetingRegistrantInput) -> Result<Registration, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let body = add_body(input)?;
    let occurrence_ids = input.occurrence_ids.as_ref().filter(|o| !o.is_empty()).map(|o| o.join(","));
    let call = Call::new(Method::Post, format!("/meetings/{}/registrants", input.meeting_id))
        .query("occurrence_ids", occurrence_ids)
        .json(&body);
    let v = client.send_json(&call)?;
    let registrant_id = text(&v, "registrant_id")
        .ok_or_else(|| Error::Transport("Zoom's registration answer has no `registrant_id`".to_owned()))?;
    Ok(Registration {
        meeting_id: v.get("id").and_then(Value::as_u64).unwrap_or(input.meeting_id),
        registrant_id,
        join_url: text(&v, "join_url"),
        topic: text(&v, "topic"),
        start_time: text(&v, "start_time"),
        occurrences: occurrences(&v),
    })
}

/// Builds and checks the JSON body of an add.
pub fn add_body(input: &AddMeetingRegistrantInput) -> Result<Value, Error> {
    validate::email("email", &input.email)?;
    validate::required("first_name", &input.first_name, 64)?;
    validate::max_chars("last_name", input.last_name.as_deref(), 64)?;
    let mut m = Map::new();
    m.insert("email".into(), json!(input.email.trim()));
    m.insert("first_name".into(), json!(input.first_name));
    let optional = [
        ("last_name", &input.last_name),
        ("address", &input.address),
        ("city", &input.city),
        ("state", &input.state),
        ("zip", &input.zip),
        ("country", &input.country),
        ("phone", &input.phone),
        ("industry", &input.industry),
        ("org", &input.org),
        ("job_title", &input.job_title),
        ("purchasing_time_frame", &input.purchasing_time_frame),
        ("role_in_purchase_process", &input.role_in_purchase_process),
        ("no_of_employees", &input.no_of_employees),
        ("comments", &input.comments),
        ("language", &input.language),
    ];
    for (key, value) in optional {
        validate::max_chars(key, value.as_deref(), 2000)?;
        if let Some(v) = value {
            m.insert(key.into(), json!(v));
        }
    }
    if let Some(questions) = &input.custom_questions {
        for (i, q) in questions.iter().enumerate() {
            validate::required(&format!("custom_questions[{i}].title"), &q.title, 256)?;
        }
        let list: Vec<Value> = questions.iter().map(|q| json!({"title": q.title, "value": q.value})).collect();
        m.insert("custom_questions".into(), Value::Array(list));
    }
    if let Some(a) = input.auto_approve {
        m.insert("auto_approve".into(), json!(a));
    }
    Ok(Value::Object(m))
}

/// `GET /meetings/{meetingId}/registrants`, every page or one.
pub fn list(client: &Client, input: &ListMeetingRegistrantsInput) -> Result<RegistrantPage, Error> {
    check_meeting_id("meeting_id", input.meeting_id)?;
    let status = match input.status.unwrap_or(RegistrantStatus::Approved) {
        RegistrantStatus::Approved => "approved",
        RegistrantStatus::Pending => "pending",
        RegistrantStatus::Denied => "denied",
    };
    let gathered = paging::gather(input.paging.as_ref(), "registrants", LIST_MAX_PAGE_SIZE, |size, token| {
        let call = Call::new(Method::Get, format!("/meetings/{}/registrants", input.meeting_id))
            .query("status", Some(status))
            .query("occurrence_id", input.occurrence_id.as_deref().filter(|o| !o.is_empty()))
            .query("page_size", size)
            .query("next_page_token", token);
        client.send_json(&call)
    })?;
    Ok(RegistrantPage {
        items: gathered.items.iter().map(parse_registrant).collect::<Result<_, _>>()?,
        next_page_token: gathered.next_page_token,
        total_records: gathered.total_records,
    })
}

/// Reads one registrant; `email` is required by Zoom's schema.
pub fn parse_registrant(v: &Value) -> Result<Registrant, Error> {
    Ok(Registrant {
        id: text(v, "id"),
        email: text(v, "email").ok_or_else(|| Error::Transport("Zoom's registrant has no `email`".to_owned()))?,
        first_name: text(v, "first_name").unwrap_or_default(),
        last_name: text(v, "last_name"),
        status: text(v, "status"),
        create_time: text(v, "create_time"),
        join_url: text(v, "join_url"),
        raw: v.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::CustomQuestion;

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
            add_body(&input("ada@example.com")).unwrap(),
            json!({"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "city": "London",
                   "custom_questions": [{"title": "Why", "value": "Curious"}], "auto_approve": true})
        );
    }

    #[test]
    fn bad_email_and_blank_first_name_are_named() {
        assert!(matches!(add_body(&input("nope")), Err(Error::InvalidInput { field, .. }) if field == "email"));
        let mut i = input("ada@example.com");
        i.first_name = "  ".into();
        assert!(matches!(add_body(&i), Err(Error::InvalidInput { field, .. }) if field == "first_name"));
    }
}
