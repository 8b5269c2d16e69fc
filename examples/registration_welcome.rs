//! Recipe: when someone registers for a meeting, send them a welcome note with their join link.
//!
//! Trigger: the Zoom webhook `meeting.registration_created` (verified by the component).
//! Actions: `get-meeting` for the topic and time, then the platform's "send email" step
//! (printed here). Run: `cargo run -p zoom-host --example registration_welcome`.
//! The recipe checks its own result and exits non-zero when a step does not hold.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};
use zoom_host::recipe::Recipe;
use zoom_host::trigger::webhook_args;
use zoom_runtime::{Outcome, TRIGGERS};

#[tokio::main]
async fn main() -> Result<()> {
    let Recipe { sim, conn, mut zoom } = Recipe::start().await?;
    let c = sim.credentials();

    // Set-up a platform user would have done in Zoom: a meeting with registration.
    let meeting = ok(zoom
        .action(
            "create-meeting",
            &conn,
            &json!({
                "topic": "Onboarding webinar", "start_time": "2030-04-01T16:00:00Z", "duration": 45,
                "settings": {"approval_type": "automatic"}
            }),
        )
        .await?)?;
    let id = meeting["id"].as_u64().context("meeting id")?;
    ok(zoom
        .action(
            "add-meeting-registrant",
            &conn,
            &json!({"meeting_id": id, "email": "lin@example.com", "first_name": "Lin"}),
        )
        .await?)?;

    // Zoom delivers the webhook; the platform hands the raw request to the trigger.
    let delivery = sim
        .take_events()
        .into_iter()
        .find(|e| e.contains("meeting.registration_created"))
        .context("no registration event")?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let headers = sim.sign_webhook(&delivery, now);
    let args = webhook_args(delivery.as_bytes(), &headers, Some(&c.webhook_secret), None, None);
    let outcome = ok(zoom.call(TRIGGERS, "webhook", &args).await?)?;
    let Some(event) = outcome.get("event").map(|e| &e["event"]) else { bail!("delivery not verified: {outcome}") };
    let payload: Value = serde_json::from_str(event["payload"].as_str().unwrap_or("{}"))?;
    let registrant = &payload["object"]["registrant"];

    // Recipe step: look the meeting up, then "send" the welcome note.
    let meeting_id = event["object_id"].as_str().context("object id")?.parse::<u64>()?;
    let details = ok(zoom.action("get-meeting", &conn, &json!({"meeting_id": meeting_id})).await?)?;
    let note = format!(
        "To: {}\nHello {}, you are registered for \"{}\" on {}. Join: {}",
        registrant["email"].as_str().unwrap_or(""),
        registrant["first_name"].as_str().unwrap_or(""),
        details["topic"].as_str().unwrap_or(""),
        details["start_time"].as_str().unwrap_or(""),
        registrant["join_url"].as_str().unwrap_or(""),
    );
    println!("{note}");

    ensure!(meeting_id == id, "the event names meeting {meeting_id}, not {id}");
    ensure!(registrant["email"] == "lin@example.com", "the event names {}", registrant["email"]);
    ensure!(details["topic"] == "Onboarding webinar", "get-meeting returned {}", details["topic"]);
    println!("registration_welcome ok");
    Ok(())
}

fn ok(outcome: Outcome) -> Result<Value> {
    match outcome {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("step failed: {e}"),
    }
}
