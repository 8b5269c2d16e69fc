//! Polls and Q&A of ended meetings and webinars over TCP.

use super::*;

#[test]
fn polls_of_an_ended_meeting_by_id_or_double_encoded_uuid() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let (id, slashed) = sim.recorded_meeting();
    let by_id = get(&sim, &bearer, &format!("/v2/past_meetings/{id}/polls")).json();
    assert_eq!((by_id["id"].as_u64(), by_id["uuid"].as_str()), (Some(id), Some(slashed.as_str())));
    let people = by_id["questions"].as_array().unwrap();
    assert!(people.len() >= 2 && people[0]["question_details"].as_array().unwrap().len() == 2, "{by_id}");
    let by_uuid = get(&sim, &bearer, &format!("/v2/past_meetings/{}/polls", enc_uuid(&slashed))).json();
    assert_eq!(by_uuid, by_id);
    assert_eq!(get(&sim, &bearer, &format!("/v2/past_meetings/{}/polls", enc(&slashed))).err(), (404, 3001));
    assert_eq!(get(&sim, &bearer, "/v2/past_meetings/99999999999/polls").err(), (404, 3001));
}

#[test]
fn polls_and_qa_of_the_ended_webinar_only() {
    let sim = Simulator::start().unwrap();
    let bearer = format!("Bearer {}", sim.mint_token());
    let past = sim.past_webinar_id();
    let polls = get(&sim, &bearer, &format!("/v2/past_webinars/{past}/polls")).json();
    assert_eq!(polls["id"].as_u64(), Some(past));
    assert!(!polls["questions"].as_array().unwrap().is_empty());
    let qa = get(&sim, &bearer, &format!("/v2/past_webinars/{past}/qa")).json();
    let asked = qa["questions"].as_array().unwrap();
    assert!(asked.iter().any(|q| q["question_details"][0]["answer"] == ""), "{qa}");
    assert!(asked.iter().any(|q| q["email"] == "" && q["name"] == ""));
    let upcoming = sim.seeded_webinar_ids()[0];
    for route in ["polls", "qa"] {
        assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/{upcoming}/{route}")).err(), (404, 3001));
        assert_eq!(get(&sim, &bearer, &format!("/v2/past_webinars/99999999999/{route}")).err(), (404, 3001));
    }
}
