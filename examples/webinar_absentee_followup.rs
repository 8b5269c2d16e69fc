//! Recipe: when a webinar ends, give everyone who registered but did not attend a second chance:
//! register each absentee for a follow-up session, so Zoom emails them its join link.
//!
//! Trigger: the Zoom webhook `webinar.ended` (the simulator's delivery when the webinar ends,
//! signed with the app's secret token and verified by the component).
//! Actions: `list-webinar-absentees` for the ended webinar, `create-webinar` for the follow-up,
//! `add-webinar-registrant` for each absentee, then `list-webinar-registrants` to read back.
//! Run: `cargo run -p zoom-host --example webinar_absentee_followup`.
//! The recipe checks its own result against the simulator and exits non-zero when a step fails.

use std::collections::BTreeSet;

use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};
use zoom_host::recipe::Recipe;

#[tokio::main]
async fn main() -> Result<()> {
    let mut recipe = Recipe::start().await?;

    // The simulator holds a webinar that ended with registrants who never joined; Zoom
    // announces the end with `webinar.ended`.
    let past = recipe.sim.past_webinar_id();
    ensure!(recipe.sim.end_webinar(past), "webinar {past} has not ended");
    let delivery = recipe.sent_delivery("webinar.ended")?;
    let event = recipe.deliver(&delivery).await?;
    ensure!(event["name"] == "webinar.ended", "delivered {}", event["name"]);
    let payload: Value = serde_json::from_str(event["payload"].as_str().unwrap_or("{}"))?;
    let uuid = payload["object"]["uuid"].as_str().context("the ended instance's UUID")?.to_owned();
    let topic = payload["object"]["topic"].as_str().unwrap_or("Webinar").to_owned();
    let minutes = payload["object"]["duration"].as_i64().unwrap_or(60);
    println!("trigger: webinar.ended for \"{topic}\"");

    // Step 1: who registered but never joined that instance.
    let absentees = recipe.action("list-webinar-absentees", &json!({"webinar_id": uuid})).await?;
    let absentees = absentees["items"].as_array().context("absentees")?.clone();

    // Step 2: a follow-up session that registers people without an approval step.
    let input = json!({
        "topic": format!("{topic} (encore)"),
        "start_time": "2030-05-06T16:00:00Z",
        "duration": minutes,
        "agenda": format!("A second chance for those who missed \"{topic}\"."),
        "settings": {"approval_type": "automatic"}
    });
    let followup = recipe.action("create-webinar", &input).await?;
    let followup_id = followup["id"].as_u64().context("the follow-up's id")?;
    println!("create-webinar: \"{}\" ({followup_id})", followup["topic"].as_str().unwrap_or(""));

    // Step 3: register each absentee.
    for a in &absentees {
        let email = a["email"].as_str().context("an absentee's email")?;
        let reg = json!({"webinar_id": followup_id, "email": email, "first_name": a["first_name"],
                         "last_name": a["last_name"]});
        recipe.action("add-webinar-registrant", &reg).await?;
        println!("add-webinar-registrant: {email}");
    }

    // The follow-up's registrants are exactly the absentees, as the API lists them and as the
    // simulator holds them; each was an approved registrant of the ended webinar.
    let listed = recipe.action("list-webinar-registrants", &json!({"webinar_id": followup_id})).await?;
    let emails = |l: &[Value]| -> BTreeSet<String> {
        l.iter().filter_map(|r| r["email"].as_str().map(str::to_lowercase)).collect()
    };
    let missed = emails(&absentees);
    ensure!(!missed.is_empty(), "the ended webinar has no absentees");
    ensure!(missed.len() == absentees.len(), "an absentee is listed twice");
    let registered = emails(listed["items"].as_array().context("registrants")?);
    ensure!(registered == missed, "the follow-up lists {registered:?}, the absentees are {missed:?}");
    ensure!(emails(&recipe.sim.webinar_registrants(followup_id)) == missed, "the simulator holds others");
    let held = recipe.sim.webinar_registrants(past);
    let approved: Vec<Value> = held.into_iter().filter(|r| r["status"] == "approved").collect();
    ensure!(missed.is_subset(&emails(&approved)), "an absentee was not registered for \"{topic}\"");
    ensure!(missed.len() < approved.len(), "every registrant is listed as absent");
    println!("webinar_absentee_followup ok");
    Ok(())
}
