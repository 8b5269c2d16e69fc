//! Recipe: when a recorded meeting ends, write a short follow-up: who attended and for how long,
//! and the first things each speaker said, from the transcript as text.
//!
//! Trigger: the Zoom webhook `recording.completed` (verified by the component).
//! Actions: `list-meeting-participants` and `get-meeting-transcript` for the ended instance (by
//! its UUID), then the platform's "post a message" step (printed here).
//! Run: `cargo run -p zoom-host --example meeting_followup`.
//! The recipe checks its own result against the simulator and exits non-zero when a step fails.

use std::collections::BTreeMap;

use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use zoom_host::recipe::Recipe;

/// Lines of the transcript quoted per speaker.
const QUOTES: usize = 2;

#[tokio::main]
async fn main() -> Result<()> {
    let mut recipe = Recipe::start().await?;

    // A meeting is held and recorded; when Zoom has processed the recording it sends the webhook.
    let meeting = recipe
        .action(
            "create-meeting",
            &json!({"topic": "Release planning", "start_time": "2030-04-01T09:00:00Z", "duration": 30}),
        )
        .await?;
    let id = meeting["id"].as_u64().context("meeting id")?;
    let ended = recipe.sim.complete_recording(id).context("the meeting's recording")?;
    let delivery = recipe.sent_delivery("recording.completed")?;
    let event = recipe.deliver(&delivery).await?;
    let payload: Value = serde_json::from_str(event["payload"].as_str().unwrap_or("{}"))?;
    let uuid = payload["object"]["uuid"].as_str().context("the ended instance's UUID")?.to_owned();
    let topic = payload["object"]["topic"].as_str().unwrap_or("").to_owned();

    // Recipe steps: who attended, and what was said.
    let people = recipe.action("list-meeting-participants", &json!({"meeting_id": uuid})).await?;
    let transcript = recipe.action("get-meeting-transcript", &json!({"meeting_id": uuid})).await?;
    let attendees = people["items"].as_array().context("participants")?;
    let cues = transcript["cues"].as_array().context("cues")?;

    let mut note = format!("Follow-up: \"{topic}\"\nAttended:\n");
    for p in attendees {
        let minutes = p["duration"].as_u64().unwrap_or(0) / 60;
        note.push_str(&format!("  - {} ({minutes} min)\n", p["name"].as_str().unwrap_or("a guest")));
    }
    let mut said: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for cue in cues {
        let speaker = cue["speaker"].as_str().unwrap_or("Someone");
        let lines = said.entry(speaker).or_default();
        if lines.len() < QUOTES {
            lines.push(cue["words"].as_str().unwrap_or(""));
        }
    }
    note.push_str("Said first:\n");
    for (speaker, lines) in &said {
        note.push_str(&format!("  {speaker}: {}\n", lines.join(" / ")));
    }
    print!("{note}");

    // The follow-up holds what Zoom (here, the simulator) has: every attendee, every speaker.
    ensure!(uuid == ended, "the event names instance {uuid}, not {ended}");
    ensure!(topic == "Release planning", "the event names topic {topic:?}");
    let held = recipe.sim.past_meetings().into_iter().find(|m| m["uuid"] == ended.as_str()).context("past meeting")?;
    let expected = held["participants"].as_array().map(Vec::len).unwrap_or(0);
    ensure!(expected >= 2 && attendees.len() == expected, "{} attendees listed, {expected} held", attendees.len());
    let text = recipe.sim.transcript_text(&ended).context("the instance's transcript")?;
    ensure!(!cues.is_empty() && cues.len() == text.matches("-->").count(), "{} cues read from {text:?}", cues.len());
    let names: Vec<&str> = attendees.iter().filter_map(|p| p["name"].as_str()).collect();
    for speaker in said.keys() {
        ensure!(names.contains(speaker), "speaker {speaker} is not among the attendees {names:?}");
        ensure!(note.contains(&format!("  {speaker}: ")), "no quote of {speaker}");
    }
    ensure!(said.len() == expected.min(cues.len()), "{} speakers quoted", said.len());
    println!("meeting_followup ok");
    Ok(())
}
