//! The end-to-end recipe `zoom-host demo` runs against the embedded simulator. Every step checks
//! what it printed against the simulator's state, so a broken step fails the demo.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, ensure, Context, Result};
use serde_json::{json, Value};

use crate::trigger::{outcome_kind, webhook_args};
use zoom_runtime::egress::origin_of;
use zoom_runtime::{s2s_connection, Limits, Outcome, TRIGGERS};
use zoom_sim::Simulator;

const REGISTRANTS: usize = 7;
const PAGE_SIZE: u32 = 3;

/// Runs the recipe, writing a readable account to `out`.
pub async fn run(out: &mut dyn Write) -> Result<()> {
    let sim = Simulator::start()?;
    let creds = sim.credentials();
    let limits = Limits {
        allowed_hosts: [sim.api_url(), sim.oauth_url()].iter().filter_map(|u| origin_of(u)).collect(),
        ..Limits::default()
    };
    let runtime = crate::runtime(limits)?;
    let mut connector = runtime.instantiate().await?;
    let conn =
        s2s_connection(&sim.api_url(), &sim.oauth_url(), &creds.account_id, &creds.client_id, &creds.client_secret);
    writeln!(out, "zoom-connector demo: simulator at {}, component loaded", sim.base_url())?;

    let me = ok(connector.action("test-connection", &conn, &json!({})).await?, "test-connection")?;
    ensure!(me["email"] == sim.admin_user()["email"], "test-connection returned another user");
    writeln!(
        out,
        "1. Server-to-Server token issued; test-connection: {} ({})",
        me["email"].as_str().unwrap_or(""),
        me["connection_kind"].as_str().unwrap_or("")
    )?;

    let input = json!({
        "topic": "Quarterly planning", "start_time": "2030-03-02T15:00:00Z", "duration": 60,
        "timezone": "UTC", "agenda": "Roadmap and staffing",
        "settings": {"approval_type": "automatic", "waiting_room": true}
    });
    let meeting = ok(connector.action("create-meeting", &conn, &input).await?, "create-meeting")?;
    let id = meeting["id"].as_u64().context("create-meeting returned no id")?;
    ensure!(sim.meeting(id).is_some(), "the simulator does not hold meeting {id}");
    writeln!(
        out,
        "2. create-meeting: {id} \"{}\" join {}",
        meeting["topic"].as_str().unwrap_or(""),
        meeting["join_url"].as_str().unwrap_or("")
    )?;

    for i in 1..=REGISTRANTS {
        let r = json!({"meeting_id": id, "email": format!("guest{i}@example.com"), "first_name": format!("Guest {i}"), "last_name": "Demo"});
        ok(connector.action("add-meeting-registrant", &conn, &r).await?, "add-meeting-registrant")?;
    }
    ensure!(sim.registrants(id).len() == REGISTRANTS, "the simulator holds {} registrants", sim.registrants(id).len());
    writeln!(out, "3. add-meeting-registrant x{REGISTRANTS}: all approved automatically")?;

    let served_before = sim.requests().len();
    let mut violations = zoom_sim::conformance::check_all(&sim.requests());
    sim.clear_requests();
    let list = json!({"meeting_id": id, "paging": {"all": {"page_size": PAGE_SIZE}}});
    let page = ok(connector.action("list-meeting-registrants", &conn, &list).await?, "list-meeting-registrants")?;
    let listed = page["items"].as_array().map(Vec::len).unwrap_or(0);
    let pages = sim.requests().iter().filter(|r| r.path.ends_with("/registrants")).count();
    ensure!(
        listed == REGISTRANTS && pages == REGISTRANTS.div_ceil(PAGE_SIZE as usize),
        "listed {listed} in {pages} pages"
    );
    writeln!(out, "4. list-meeting-registrants: {listed} registrants across {pages} pages of {PAGE_SIZE}")?;

    let missing = connector.action("get-meeting", &conn, &json!({"meeting_id": 1})).await?;
    let Outcome::Err(err) = missing else { bail!("get-meeting of an unknown meeting succeeded") };
    ensure!(err.get("not_found").is_some(), "unexpected error {err}");
    writeln!(out, "5. get-meeting 1: typed error {err}")?;

    let events = sim.take_events();
    let created = events.iter().find(|e| e.contains("\"meeting.created\"")).context("no meeting.created event")?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();
    let headers = sim.sign_webhook(created, now as i64);
    let secret = Some(creds.webhook_secret.as_str());
    let verified = trigger(&mut connector, created.as_bytes(), &headers, secret).await?;
    ensure!(outcome_kind(&verified) == "event", "signed delivery was not verified: {verified}");
    let event = &verified["event"]["event"];
    writeln!(
        out,
        "6. webhook: signed {} for meeting {} verified",
        event["name"].as_str().unwrap_or(""),
        event["object_id"].as_str().unwrap_or("")
    )?;

    let forged = created.replace("Quarterly planning", "Forged topic");
    let rejected = trigger(&mut connector, forged.as_bytes(), &headers, secret).await?;
    ensure!(outcome_kind(&rejected) == "rejected", "forged delivery was accepted");
    writeln!(
        out,
        "7. webhook: forged body rejected with {} ({})",
        rejected["rejected"]["reply"]["status"], rejected["rejected"]["reason"]
    )?;

    let challenge = zoom_sim::url_validation_body("demo-plain-token", now as i64 * 1000);
    let headers = sim.sign_webhook(&challenge, now as i64);
    let answered = trigger(&mut connector, challenge.as_bytes(), &headers, secret).await?;
    let reply: Value = serde_json::from_str(answered["url_validation"]["body"].as_str().unwrap_or("{}"))?;
    ensure!(
        reply["plainToken"] == "demo-plain-token" && reply["encryptedToken"].is_string(),
        "bad validation reply {reply}"
    );
    writeln!(
        out,
        "8. webhook: endpoint.url_validation answered with encryptedToken {}",
        reply["encryptedToken"].as_str().unwrap_or("")
    )?;

    let poll = json!({"source": {"new_meeting_registrants": id}, "backfill_hours": 1});
    let first = ok(connector.call(TRIGGERS, "poll", &[conn.clone(), poll]).await?, "poll")?;
    let found = first["items"].as_array().map(Vec::len).unwrap_or(0);
    let again = json!({"source": {"new_meeting_registrants": id}, "cursor": first["cursor"]});
    let second = ok(connector.call(TRIGGERS, "poll", &[conn.clone(), again]).await?, "poll")?;
    let repeated = second["items"].as_array().map(Vec::len).unwrap_or(usize::MAX);
    ensure!(found == REGISTRANTS && repeated == 0, "polls returned {found} then {repeated}");
    writeln!(out, "9. poll new-meeting-registrants: {found} new, then 0 with the returned cursor")?;

    // Only meeting.created reached the webhook (step 6); the registrations were never delivered.
    let window = json!({
        "from": zoom_sim::format_utc(now as i64 - 3600), "to": zoom_sim::format_utc(now as i64 + 60),
        "seen_keys": [event["key"]], "event_names": ["meeting.created", "meeting.registration_created"],
    });
    let missed = ok(connector.call(TRIGGERS, "reconcile", &[conn.clone(), window]).await?, "reconcile")?;
    let missed = missed.as_array().cloned().unwrap_or_default();
    let registrations = missed.iter().filter(|e| e["name"] == "meeting.registration_created").count();
    ensure!(missed.len() == REGISTRANTS && registrations == REGISTRANTS, "reconcile found {missed:?}");
    writeln!(
        out,
        "10. reconcile: the {registrations} registrations the webhook never delivered, typed; meeting.created was seen"
    )?;

    violations.extend(zoom_sim::conformance::check_all(&sim.requests()));
    ensure!(violations.is_empty(), "requests that break Zoom's spec: {violations:?}");
    let served = served_before + sim.requests().len();
    let tokens = sim.token_requests();
    writeln!(
        out,
        "demo ok: {served} requests served by the simulator, all matching Zoom's spec; {tokens} token request(s)"
    )?;
    Ok(())
}

async fn trigger(
    connector: &mut zoom_runtime::Connector,
    body: &[u8],
    headers: &[(String, String)],
    secret: Option<&str>,
) -> Result<Value> {
    match connector.call(TRIGGERS, "webhook", &webhook_args(body, headers, secret, None, None)).await? {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("webhook call failed: {e}"),
    }
}

fn ok(outcome: Outcome, step: &str) -> Result<Value> {
    match outcome {
        Outcome::Ok(v) => Ok(v),
        Outcome::Err(e) => bail!("{step} failed: {e}"),
    }
}
