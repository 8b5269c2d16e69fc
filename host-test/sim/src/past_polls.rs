//! Polls and Q&A of ended meetings and webinars (spec `listPastMeetingPolls`,
//! `listPastWebinarPollResults`, `listPastWebinarQA`). The answers are
//! derived from who attended (`Store::past_meetings`, the past webinar's
//! participants), so every seeded ended instance has them and every call
//! agrees: each attendee answers the first poll question, every other one
//! the second (a multiple-choice answer joined with `;`); in a webinar's
//! Q&A every other attendee asks, one question stays unanswered, and one
//! anonymous question has no name or email.

use super::server::Response;
use super::store::Store;
use super::{clock, errors, past_meetings, webinars};
use serde_json::{json, Value};

/// The polling id of the seeded poll, and its questions with their choices.
pub(crate) const POLLING_ID: &str = "QalIoKWLTJehBJ8e1xRrbQ";
const QUESTIONS: [(&str, &[&str]); 2] = [
    ("How useful was this session?", &["Very useful", "Somewhat useful", "Not useful"]),
    ("Which topics should come next?", &["Roadmap;Q&A", "Pricing", "Roadmap"]),
];
/// Q&A questions asked in turn by every other attendee.
pub(crate) const QA: [(&str, &str); 3] = [
    ("Will the slides be shared?", "Yes, by email after the webinar."),
    ("Is there a recording?", "It will be on the webinar page."),
    ("When is the next session?", ""),
];

/// `(name, email, joined)` of an attendee.
type Attendee = (String, String, i64);

/// Every attendee once, in join order.
fn attendees(rows: &[Value], store: &Store) -> Vec<Attendee> {
    let mut out: Vec<Attendee> = Vec::new();
    for r in rows {
        let email = r["user_email"].as_str().unwrap_or_default().to_string();
        if out.iter().any(|(_, e, _)| *e == email) {
            continue;
        }
        let name = r["name"].as_str().map(str::to_string).unwrap_or_else(|| {
            store.find_user(&email).map_or_else(
                || email.split('@').next().unwrap_or("Guest").to_string(),
                |u| {
                    format!("{} {}", u["first_name"].as_str().unwrap_or(""), u["last_name"].as_str().unwrap_or(""))
                        .trim()
                        .to_string()
                },
            )
        });
        let joined = r["join_time"].as_str().and_then(clock::parse_datetime).unwrap_or_default();
        out.push((name, email, joined));
    }
    out
}

fn polls(people: &[Attendee]) -> Vec<Value> {
    people
        .iter()
        .enumerate()
        .map(|(i, (name, email, joined))| {
            let mut details = Vec::new();
            for (q, (question, choices)) in QUESTIONS.iter().enumerate() {
                if q == 1 && i % 2 == 1 {
                    continue;
                }
                details.push(json!({
                    "answer": choices[i % choices.len()],
                    "date_time": clock::format_utc(joined + 600 + 60 * q as i64),
                    "polling_id": POLLING_ID,
                    "question": question,
                }));
            }
            json!({"email": email, "name": name, "question_details": details})
        })
        .collect()
}

fn answer(instance: (&Value, &Value, &Value), questions: Vec<Value>) -> Response {
    let (id, uuid, start) = instance;
    Response::json(200, &json!({"id": id, "uuid": uuid, "start_time": start, "questions": questions}))
}

/// `GET /past_meetings/{meetingId}/polls`: by id (the latest instance) or
/// UUID, double-encoded when it starts with `/` or contains `//`.
pub(crate) fn meeting_polls(store: &mut Store, raw: &str) -> Response {
    let Some(m) = past_meetings::find(store, raw) else {
        return errors::meeting_not_found(raw);
    };
    let rows = m["participants"].as_array().cloned().unwrap_or_default();
    let people = attendees(&rows, store);
    answer((&m["id"], &m["uuid"], &m["start_time"]), polls(&people))
}

/// The ended webinar a path segment names and its attendees; a webinar that
/// has not happened yet is as unknown as a wrong id.
fn past_webinar(store: &Store, raw: &str) -> Result<(Value, Vec<Attendee>), Response> {
    let w = match webinars::find(store, raw) {
        Ok(Some(w)) if webinars::ended(w, clock::now_secs()) => w,
        Ok(_) => return Err(errors::zoom(404, 3001, "Webinar ID is invalid or not end.")),
        Err(r) => return Err(r),
    };
    let id = w["id"].as_u64().unwrap_or_default();
    let rows = store.webinar_participants.get(&id).cloned().unwrap_or_default();
    Ok((w.clone(), attendees(&rows, store)))
}

/// `GET /past_webinars/{webinarId}/polls`.
pub(crate) fn webinar_polls(store: &mut Store, raw: &str) -> Response {
    match past_webinar(store, raw) {
        Ok((w, people)) => answer((&w["id"], &w["uuid"], &w["start_time"]), polls(&people)),
        Err(r) => r,
    }
}

/// `GET /past_webinars/{webinarId}/qa`.
pub(crate) fn webinar_qa(store: &mut Store, raw: &str) -> Response {
    let (w, people) = match past_webinar(store, raw) {
        Ok(found) => found,
        Err(r) => return r,
    };
    let mut questions: Vec<Value> = people
        .iter()
        .step_by(2)
        .zip(QA.iter().cycle())
        .map(|((name, email, _), (question, reply))| {
            json!({"email": email, "name": name, "question_details": [{"question": question, "answer": reply}]})
        })
        .collect();
    questions.push(json!({"email": "", "name": "", "question_details": [
        {"question": "Can attendees get a certificate?", "answer": "Not for this one."}]}));
    answer((&w["id"], &w["uuid"], &w["start_time"]), questions)
}
