//! The release component transpiled by jco and run from Node.js (`host-test/jco/actions.mjs`)
//! against `zoom-host simulate` in a separate process: preview2-shim's outgoing HTTP is synchronous,
//! blocking Node's thread on a worker, so the simulator cannot live in the same process. Checks
//! what Node printed: a connection test, a meeting created and read back by its BigInt id,
//! registrants added and listed (one per page), a typed `not-found`, a raw request, and a signed
//! webhook verified while a forged one is rejected.

use std::collections::HashMap;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};
use zoom_sim::sign_delivery;

use crate::jco::{node, package_dir, run_bounded, simulator, transpiled};

#[test]
fn node_runs_the_actions_and_the_webhook_trigger_through_jco() {
    let module = transpiled();
    let (sim, info) = simulator();
    let s = |k: &str| info[k].as_str().unwrap().to_owned();
    let secret = s("webhook_secret");
    let now = crate::harness::now_i64();
    let body = r#"{"event":"meeting.started","event_ts":1700000000000,"payload":{"account_id":"A","object":{"id":"8571","uuid":"u==","host_id":"h","topic":"Started in Node","type":2}}}"#;
    let deliveries = json!([
        {"label": "signed", "headers": sign_delivery(&secret, body, now), "body": body},
        {"label": "forged", "headers": sign_delivery("not-the-secret", body, now), "body": body},
    ]);

    let mut run = Command::new(node());
    run.arg(package_dir().join("actions.mjs"))
        .env("JCO_COMPONENT", module)
        .env("ZOOM_API_URL", s("api_url"))
        .env("ZOOM_OAUTH_URL", s("oauth_url"))
        .env("ZOOM_ACCOUNT_ID", s("account_id"))
        .env("ZOOM_CLIENT_ID", s("client_id"))
        .env("ZOOM_CLIENT_SECRET", s("client_secret"))
        .env("ZOOM_WEBHOOK_SECRET_TOKEN", &secret)
        .env("JCO_DELIVERIES", deliveries.to_string());
    let out = run_bounded(run, Duration::from_secs(120));
    drop(sim);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "node failed: {}\nstdout:\n{stdout}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect();
    let mut steps: HashMap<&str, Vec<&Value>> = HashMap::new();
    for line in &lines {
        steps.entry(line["step"].as_str().expect("every line names its step")).or_default().push(line);
    }
    let one = |step: &str| -> &Value {
        let found = steps.get(step).unwrap_or_else(|| panic!("no {step} line in:\n{stdout}"));
        assert_eq!(found.len(), 1, "{step}: {found:?}");
        found[0]
    };
    assert!(steps.contains_key("done"), "the script ran to its end:\n{stdout}");

    let connection = one("test-connection");
    assert_eq!(connection["accountId"], info["account_id"], "{connection}");
    assert_eq!(connection["kind"], "server-to-server");
    assert!(connection["email"].as_str().is_some_and(|e| e.contains('@')), "{connection}");

    // The WIT u64 is a JS BigInt; the created id reads the same meeting back.
    let created = one("create-meeting");
    assert_eq!(created["idType"], "bigint");
    assert_eq!(created["topic"], "From Node via jco");
    let id = created["id"].as_str().expect("id printed as digits");
    assert!(id.parse::<u64>().is_ok_and(|n| n > 0), "{created}");
    let read = one("get-meeting");
    assert_eq!(read["id"], id);
    assert_eq!((read["topic"].as_str(), read["duration"].as_u64()), (Some("From Node via jco"), Some(45)));

    let added = &steps["add-meeting-registrant"];
    assert_eq!(added.len(), 2, "{added:?}");
    for a in added {
        assert_eq!(a["meetingId"], id, "{a}");
        assert!(a["registrantId"].as_str().is_some_and(|r| !r.is_empty()), "{a}");
    }
    // Asked for one per page (actions.mjs), so the two come from following Zoom's page token.
    let listed = one("list-meeting-registrants");
    let items = listed["items"].as_array().unwrap_or_else(|| panic!("{listed}"));
    let mut emails: Vec<&str> = items.iter().map(|r| r["email"].as_str().unwrap()).collect();
    emails.sort();
    assert_eq!(emails, ["ada@example.com", "grace@example.com"]);
    for a in added {
        let item = items.iter().find(|r| r["email"] == a["email"]).unwrap();
        assert_eq!(item["id"], a["registrantId"], "the listed registrant is the one added");
        assert_eq!(item["status"], "approved");
    }

    // A WIT error is a thrown ComponentError whose payload is the variant.
    let missing = one("not-found");
    assert_eq!(missing["tag"], "not-found", "{missing}");
    // `code` is an option<s64>: a BigInt, printed as digits.
    assert_eq!(missing["val"]["code"], "3001", "{missing}");
    assert_eq!(missing["val"]["status"], 404, "{missing}");

    let raw = one("raw-request");
    assert_eq!(raw["status"], 200, "{raw}");
    let raw_body: Value = serde_json::from_str(raw["body"].as_str().unwrap()).unwrap();
    let mut raw_emails: Vec<&str> =
        raw_body["registrants"].as_array().unwrap().iter().map(|r| r["email"].as_str().unwrap()).collect();
    raw_emails.sort();
    assert_eq!(raw_emails, emails, "the raw request sees the same registrants");

    let webhook = &steps["webhook"];
    let signed = webhook.iter().find(|w| w["label"] == "signed").unwrap();
    assert_eq!((signed["outcome"].as_str(), signed["status"].as_u64()), (Some("event"), Some(200)), "{signed}");
    assert_eq!(signed["event"], "meeting.started");
    assert_eq!(signed["typed"], "meeting-started");
    let forged = webhook.iter().find(|w| w["label"] == "forged").unwrap();
    assert_eq!((forged["outcome"].as_str(), forged["status"].as_u64()), (Some("rejected"), Some(401)), "{forged}");
    assert_eq!(forged["reason"], "bad-signature");

    assert!(!stdout.contains(&s("client_secret")) && !stdout.contains(&secret), "a secret was printed");
}
