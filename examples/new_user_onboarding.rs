//! Recipe: when a user joins the account, tighten their meeting settings and register them for
//! the next onboarding webinar.
//!
//! Trigger: the Zoom webhook `user.created` (verified by the component).
//! Actions: `update-user-settings` (join before host off), `list-webinars`, `get-webinar`,
//! `add-webinar-registrant`. Run: `cargo run -p zoom-host --example new_user_onboarding`.
//! The recipe checks its own result against the simulator and exits non-zero when a step fails.

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

    // What an admin does in Zoom: add a user. Zoom then delivers `user.created`.
    let input = json!({"action": "cust_create", "email": "river.new@example.com", "user_type": "licensed", "first_name": "River"});
    ok(zoom.action("create-user", &conn, &input).await?)?;
    let delivery =
        sim.take_events().into_iter().find(|e| e.contains("\"user.created\"")).context("no user.created event")?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs() as i64;
    let args =
        webhook_args(delivery.as_bytes(), &sim.sign_webhook(&delivery, now), Some(&c.webhook_secret), None, None);
    let outcome = ok(zoom.call(TRIGGERS, "webhook", &args).await?)?;
    let Some(event) = outcome.get("event").map(|e| &e["event"]) else { bail!("delivery not verified: {outcome}") };
    let payload: Value = serde_json::from_str(event["payload"].as_str().unwrap_or("{}"))?;
    let email = payload["object"]["email"].as_str().context("user.created without an email")?.to_owned();
    let first_name = payload["object"]["first_name"].as_str().unwrap_or("there").to_owned();
    println!("trigger: user.created for {email}");

    // Step 1: safer defaults for the new user's meetings.
    let settings = json!({"schedule_meeting": {"join_before_host": false}});
    let updated = ok(zoom
        .action("update-user-settings", &conn, &json!({"user_id": email, "settings": settings.to_string()}))
        .await?)?;
    println!("update-user-settings: join_before_host off for {}", updated["user_id"].as_str().unwrap_or(""));

    // Step 2: the next upcoming webinar that takes registrations automatically.
    let webinars = ok(zoom.action("list-webinars", &conn, &json!({"list_type": "upcoming"})).await?)?;
    // A list item carries no settings, so each candidate is looked up until one auto-approves.
    let mut target = None;
    for w in webinars["items"].as_array().into_iter().flatten() {
        let details = ok(zoom.action("get-webinar", &conn, &json!({"webinar_id": w["id"].to_string()})).await?)?;
        let raw: Value = serde_json::from_str(details["raw"].as_str().unwrap_or("{}"))?;
        if raw["settings"]["approval_type"] == 0 {
            target = Some(details);
            break;
        }
    }
    let target = target.context("no upcoming webinar with automatic approval")?;
    let webinar_id = target["id"].as_u64().context("webinar id")?;
    let reg = json!({"webinar_id": webinar_id, "email": email, "first_name": first_name});
    let registration = ok(zoom.action("add-webinar-registrant", &conn, &reg).await?)?;
    println!("add-webinar-registrant: {} registered for \"{}\"", email, target["topic"].as_str().unwrap_or(""));

    let stored = sim.user_settings(&email).context("settings of the new user")?;
    ensure!(
        stored["schedule_meeting"]["join_before_host"] == false,
        "join_before_host is still on: {}",
        stored["schedule_meeting"]
    );
    let registrants = sim.webinar_registrants(webinar_id);
    ensure!(registrants.iter().any(|r| r["email"] == email.as_str()), "{email} is not registered");
    ensure!(registration["registrant_id"].is_string(), "no registrant id");
    println!("new_user_onboarding ok");
    Ok(())
}

fn ok(outcome: Outcome) -> Result<Value> {
    match outcome {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("step failed: {e}"),
    }
}
