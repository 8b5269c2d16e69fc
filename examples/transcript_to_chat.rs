//! Recipe: when a meeting's transcript is ready, post a short summary of it to the team's Team
//! Chat channel, so people who missed the meeting see what was decided and who said what.
//!
//! Trigger: the Zoom webhook `recording.transcript_completed` (verified by the component).
//! Actions: `get-meeting-transcript` (the transcript as text) and `get-meeting-summary` for the
//! ended instance (by its UUID), `list-user-channels` to find the channel, `send-chat-message`,
//! and `list-user-chat-messages` to read the message back.
//! Run: `cargo run -p zoom-host --example transcript_to_chat`.
//! The recipe checks its own result against the simulator and exits non-zero when a step fails.

use std::collections::BTreeMap;

use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use zoom_host::recipe::Recipe;

/// The channel the summary goes to, by name; the first channel when the user has none by it.
const CHANNEL: &str = "Engineering";

#[tokio::main]
async fn main() -> Result<()> {
    let mut recipe = Recipe::start().await?;

    // A meeting is held and recorded; once its transcript is processed, Zoom sends the webhook.
    let meeting = recipe
        .action(
            "create-meeting",
            &json!({"topic": "Release review", "start_time": "2030-04-02T09:00:00Z", "duration": 30}),
        )
        .await?;
    let id = meeting["id"].as_u64().context("meeting id")?;
    let ended = recipe.sim.complete_recording(id).context("the meeting's recording")?;
    let delivery = recipe.sent_delivery("recording.transcript_completed")?;
    let event = recipe.deliver(&delivery).await?;
    let payload: Value = serde_json::from_str(event["payload"].as_str().unwrap_or("{}"))?;
    let uuid = payload["object"]["uuid"].as_str().context("the ended instance's UUID")?.to_owned();
    let topic = payload["object"]["topic"].as_str().unwrap_or("").to_owned();

    // Recipe steps: what was said, and Zoom's own summary of it.
    let transcript = recipe.action("get-meeting-transcript", &json!({"meeting_id": uuid})).await?;
    let summary = recipe.action("get-meeting-summary", &json!({"meeting_id": uuid})).await?;
    let cues = transcript["cues"].as_array().context("cues")?;
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for cue in cues {
        first.entry(cue["speaker"].as_str().unwrap_or("Someone")).or_insert(cue["words"].as_str().unwrap_or(""));
    }
    let mut text = format!("Summary of \"{topic}\"\n");
    if let Some(overview) = summary["overview"].as_str() {
        text.push_str(&format!("{overview}\n"));
    }
    for step in summary["next_steps"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        text.push_str(&format!("- {step}\n"));
    }
    text.push_str("Who said what first:\n");
    for (speaker, words) in &first {
        text.push_str(&format!("{speaker}: {words}\n"));
    }
    let text = text.trim_end().to_owned();

    // Post it where the team reads: a channel the user is in.
    let channels = recipe.action("list-user-channels", &json!({})).await?;
    let channels = channels["items"].as_array().context("channels")?;
    let channel =
        channels.iter().find(|c| c["name"] == CHANNEL).or(channels.first()).context("the user is in no channel")?;
    let channel_id = channel["id"].as_str().context("channel id")?.to_owned();
    let sent = recipe.action("send-chat-message", &json!({"to_channel": channel_id, "message": text})).await?;
    println!("posted to {}:\n{text}", channel["name"].as_str().unwrap_or(&channel_id));

    // The channel now holds the message, with that text, from this user.
    let listed = recipe.action("list-user-chat-messages", &json!({"to_channel": channel_id})).await?;
    let mine = listed["items"]
        .as_array()
        .context("messages")?
        .iter()
        .find(|m| m["id"] == sent["id"])
        .context("the sent message is not listed")?;
    ensure!(mine["message"] == text.as_str(), "the channel shows {}", mine["message"]);
    let stored = recipe.sim.channel_messages(&channel_id);
    ensure!(stored.iter().any(|m| m["id"] == sent["id"] && m["message"] == text.as_str()), "not stored");
    ensure!(mine["sender"] == recipe.sim.admin_user()["email"], "sent by {}", mine["sender"]);

    // The summary is drawn from what Zoom (here, the simulator) holds for that instance.
    ensure!(uuid == ended, "the event names instance {uuid}, not {ended}");
    ensure!(topic == "Release review", "the event names topic {topic:?}");
    let vtt = recipe.sim.transcript_text(&ended).context("the instance's transcript")?;
    ensure!(!cues.is_empty() && cues.len() == vtt.matches("-->").count(), "{} cues read from {vtt:?}", cues.len());
    for (speaker, words) in &first {
        ensure!(vtt.contains(&format!("{speaker}: {words}")), "{speaker} did not say {words:?}");
    }
    let held = recipe.sim.meeting_summary(&ended).context("the instance's summary")?;
    let overview = held["summary_overview"].as_str().context("the held overview")?;
    ensure!(text.contains(overview), "the message lacks the overview {overview:?}");
    println!("transcript_to_chat ok");
    Ok(())
}
