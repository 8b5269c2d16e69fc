//! Recipe: for a platform without a public endpoint, poll for finished cloud recordings and fetch
//! each one with a download token, so a digest can link the files without OAuth.
//!
//! Trigger: the polling trigger `new-recordings` (cursor kept between runs).
//! Actions: `get-meeting-recordings` (with a download access token), `get-meeting`.
//! Run: `cargo run -p zoom-host --example recording_digest`.
//! The recipe checks its own result against the simulator and exits non-zero when a step fails.

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};
use zoom_host::recipe::Recipe;
use zoom_runtime::{Outcome, TRIGGERS};

#[tokio::main]
async fn main() -> Result<()> {
    let mut recipe = Recipe::start().await?;

    // The recipe is switched on: its first poll starts from now and remembers the cursor.
    let first = poll(&mut recipe, None).await?;
    ensure!(first.0.is_empty(), "a poll from now returned old recordings: {:?}", first.0);

    // Meetings happen and Zoom finishes processing their recordings.
    let mut meetings = Vec::new();
    for topic in ["Design review", "Customer call"] {
        let m = recipe.action("create-meeting", &json!({"topic": topic, "start_time": "2030-04-01T09:00:00Z"})).await?;
        let id = m["id"].as_u64().context("meeting id")?;
        let uuid = recipe.sim.complete_recording(id).context("recording")?;
        meetings.push((id, uuid));
    }

    // The next scheduled poll: each finished recording once.
    let (items, cursor) = poll(&mut recipe, Some(&first.1)).await?;
    ensure!(items.len() == 2, "expected 2 new recordings, got {}", items.len());
    for item in &items {
        let rec = &item["item"]["recording"];
        let uuid = rec["uuid"].as_str().context("uuid")?;
        let files = recipe
            .action("get-meeting-recordings", &json!({"meeting_id": uuid, "include_download_token": true, "ttl": 3600}))
            .await?;
        let meeting = recipe.action("get-meeting", &json!({"meeting_id": rec["meeting_id"]})).await?;
        ensure!(files["download_access_token"].is_string(), "no download token for {uuid}");
        let count = files["recording_files"].as_array().map(Vec::len).unwrap_or(0);
        println!(
            "digest: \"{}\" finished {} — {count} files, downloadable with the access token",
            meeting["topic"].as_str().unwrap_or(""),
            item["occurred_at"].as_str().unwrap_or("")
        );
    }
    let got: Vec<&str> = items.iter().filter_map(|i| i["item"]["recording"]["uuid"].as_str()).collect();
    for (_, uuid) in &meetings {
        ensure!(got.contains(&uuid.as_str()), "recording {uuid} was not polled");
    }

    // Polling again finds nothing new: the cursor remembers what was returned.
    let (again, _) = poll(&mut recipe, Some(&cursor)).await?;
    ensure!(again.is_empty(), "recordings returned twice: {again:?}");
    println!("recording_digest ok");
    Ok(())
}

async fn poll(recipe: &mut Recipe, cursor: Option<&str>) -> Result<(Vec<Value>, String)> {
    let request = json!({"source": {"new_recordings": "me"}, "cursor": cursor});
    match recipe.zoom.call(TRIGGERS, "poll", &[recipe.conn.clone(), request]).await? {
        Outcome::Ok(v) => {
            Ok((v["items"].as_array().cloned().unwrap_or_default(), v["cursor"].as_str().context("cursor")?.to_owned()))
        }
        Outcome::Err(e) => bail!("poll failed: {e}"),
    }
}
