//! Polls and Q&A of ended meetings and webinars.
//! <https://developers.zoom.us/docs/api/meetings/#tag/meetings>

use serde_json::Value;

use crate::error::Error;
use crate::http::url::instance_path;
use crate::http::{Call, Client, Method};
use crate::json::{required_number, text};
use crate::wit::past_meeting_types::{
    ListPastMeetingPollsInput, PastPollResults, PastQa, PastWebinarInput, PollAnswer, PollParticipant, QaParticipant,
    QaQuestion,
};

/// `GET /past_meetings/{meetingId}/polls`.
pub(crate) fn meeting_polls(client: &Client, input: &ListPastMeetingPollsInput) -> Result<PastPollResults, Error> {
    let id = instance_path("meeting_id", &input.meeting_id)?;
    parse_polls(&client.send_json(&Call::new(Method::Get, format!("/past_meetings/{id}/polls")))?)
}

/// `GET /past_webinars/{webinarId}/polls`.
pub(crate) fn webinar_polls(client: &Client, input: &PastWebinarInput) -> Result<PastPollResults, Error> {
    let id = instance_path("webinar_id", &input.webinar_id)?;
    parse_polls(&client.send_json(&Call::new(Method::Get, format!("/past_webinars/{id}/polls")))?)
}

/// `GET /past_webinars/{webinarId}/qa`.
pub(crate) fn webinar_qa(client: &Client, input: &PastWebinarInput) -> Result<PastQa, Error> {
    let id = instance_path("webinar_id", &input.webinar_id)?;
    parse_qa(&client.send_json(&Call::new(Method::Get, format!("/past_webinars/{id}/qa")))?)
}

/// The `questions[]` of a polls or Q&A answer: one entry per participant. A body without the
/// list is unreadable rather than an empty result.
fn participants<'a>(v: &'a Value, what: &str) -> Result<&'a Vec<Value>, Error> {
    v.get("questions")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::Unreadable(format!("Zoom's {what} answer has no `questions` list")))
}

/// The `question_details[]` of one participant; absent means none.
fn details(p: &Value) -> &[Value] {
    p.get("question_details").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

fn parse_polls(v: &Value) -> Result<PastPollResults, Error> {
    let id = required_number(v, "id", "past poll results")?;
    let participants = participants(v, "past poll results")?
        .iter()
        .map(|p| PollParticipant {
            name: text(p, "name"),
            email: text(p, "email"),
            answers: details(p)
                .iter()
                .map(|d| PollAnswer {
                    polling_id: text(d, "polling_id"),
                    question: text(d, "question").unwrap_or_default(),
                    answer: text(d, "answer").unwrap_or_default(),
                    date_time: text(d, "date_time"),
                })
                .collect(),
        })
        .collect();
    Ok(PastPollResults {
        id,
        uuid: text(v, "uuid"),
        start_time: text(v, "start_time"),
        participants,
        raw: v.to_string(),
    })
}

fn parse_qa(v: &Value) -> Result<PastQa, Error> {
    let id = required_number(v, "id", "past webinar Q&A")?;
    let participants = participants(v, "past webinar Q&A")?
        .iter()
        .map(|p| QaParticipant {
            name: text(p, "name"),
            email: text(p, "email"),
            questions: details(p)
                .iter()
                .map(|d| QaQuestion {
                    question: text(d, "question").unwrap_or_default(),
                    answer: text(d, "answer").filter(|a| !a.is_empty()),
                })
                .collect(),
        })
        .collect();
    Ok(PastQa { id, uuid: text(v, "uuid"), start_time: text(v, "start_time"), participants, raw: v.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_poll_answers_per_participant() {
        let v = json!({"id": "93", "uuid": "u==", "questions": [
            {"name": "Jill", "email": "j@example.com", "question_details": [
                {"answer": "Good;Fine", "question": "How?", "polling_id": "p1", "date_time": "2022-03-26T05:37:59Z"}]},
            {"name": "Guest"}]});
        let r = parse_polls(&v).unwrap();
        assert_eq!((r.id, r.participants.len()), (93, 2));
        assert_eq!(r.participants[0].answers[0].answer, "Good;Fine");
        assert_eq!(r.participants[0].answers[0].polling_id.as_deref(), Some("p1"));
        assert!(r.participants[1].answers.is_empty());
        assert!(parse_polls(&json!({"id": 1})).is_err());
        assert!(parse_polls(&json!({"questions": []})).is_err());
    }

    #[test]
    fn reads_questions_and_unanswered_ones() {
        let v = json!({"id": 95, "questions": [{"name": "A", "question_details": [
            {"question": "Q1", "answer": "A1"}, {"question": "Q2", "answer": ""}, {"question": "Q3"}]}]});
        let qs = parse_qa(&v).unwrap().participants.remove(0).questions;
        let answers: Vec<Option<&str>> = qs.iter().map(|q| q.answer.as_deref()).collect();
        assert_eq!(answers, [Some("A1"), None, None]);
        assert!(parse_qa(&json!({"id": 95})).is_err());
    }
}
