//! Licence inventory, usage reports and seat management (issue 6), against a seeded account of
//! hundreds of users. Every figure is recomputed here from the simulator's own state.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};
use zoom_runtime::token_connection;
use zoom_sim::{format_date, parse_date, parse_datetime, AccountSeed};

use crate::harness::{kind, now_i64, Env};

/// Days since 1970 of the date a `yyyy-mm-dd...` text starts with.
fn days(s: &str) -> i64 {
    parse_date(&s[..10]).expect("a date")
}

fn today() -> i64 {
    now_i64().div_euclid(86_400)
}

async fn seeded() -> Env {
    let env = Env::new().await;
    env.sim.seed_account(&AccountSeed::default());
    env
}

fn ids(list: &Value, key: &str) -> BTreeSet<String> {
    list.as_array().expect("a list").iter().map(|u| u[key].as_str().expect("a string").to_owned()).collect()
}

#[tokio::test]
async fn inventory_lists_everyone_but_deactivated_users_with_counts_per_type() {
    let mut env = seeded().await;
    let users = env.sim.users();
    assert!(users.len() > 300, "hundreds of users");
    let kept: Vec<&Value> = users.iter().filter(|u| u["status"] != "inactive").collect();
    let inactive = users.len() - kept.len();
    assert!(inactive > 10 && kept.iter().any(|u| u["status"] == "pending"), "a realistic mix");

    let inv = env.ok("license-inventory", json!({})).await;
    assert_eq!(ids(&inv["users"], "id"), kept.iter().map(|u| u["id"].as_str().unwrap().to_owned()).collect());
    assert_eq!(inv["active"], users.iter().filter(|u| u["status"] == "active").count());
    assert_eq!(inv["pending"], users.iter().filter(|u| u["status"] == "pending").count());
    assert_eq!(inv["inactive"], 0);
    let mut per_type: BTreeMap<u64, u64> = BTreeMap::new();
    for u in &kept {
        *per_type.entry(u["type"].as_u64().unwrap()).or_default() += 1;
    }
    assert!(per_type.len() >= 3, "Basic, Licensed and Unassigned users: {per_type:?}");
    let counted: BTreeMap<u64, u64> = inv["by_type"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["user_type"].as_u64().unwrap(), c["users"].as_u64().unwrap()))
        .collect();
    assert_eq!(counted, per_type);
    // Every field the inventory promises is Zoom's value.
    for listed in inv["users"].as_array().unwrap() {
        let held = users.iter().find(|u| u["id"] == listed["id"]).unwrap();
        for (mine, zoom) in [
            ("email", "email"),
            ("role_id", "role_id"),
            ("user_type", "type"),
            ("status", "status"),
            ("last_login_time", "last_login_time"),
            ("last_client_version", "last_client_version"),
            ("created_at", "user_created_at"),
            ("plan_united_type", "plan_united_type"),
        ] {
            assert_eq!(listed[mine], held.get(zoom).cloned().unwrap_or(Value::Null), "{mine} of {}", held["email"]);
        }
    }
    assert!(inv["users"].as_array().unwrap().iter().any(|u| u["plan_united_type"] == "1"));
    // Up to 2000 users a page, every page.
    let pages: Vec<_> = env.sim.requests().into_iter().filter(|r| r.path == "/v2/users").collect();
    assert!(pages.iter().all(|r| r.query.contains(&("page_size".into(), "2000".into()))));

    let all = env.ok("license-inventory", json!({"include_inactive": true})).await;
    assert_eq!(all["users"].as_array().unwrap().len(), users.len());
    assert_eq!(all["inactive"], inactive);
}

#[tokio::test]
async fn deactivating_a_user_removes_them_from_the_inventory_and_activating_restores_them() {
    let mut env = seeded().await;
    let target = env.sim.users().into_iter().find(|u| u["status"] == "active" && u["role_id"] == "2").unwrap();
    let email = target["email"].as_str().unwrap().to_owned();
    let before = env.ok("license-inventory", json!({})).await;
    assert!(ids(&before["users"], "email").contains(&email));

    let user = env.ok("deactivate-user", json!({"user_id": email})).await;
    assert_eq!(user["status"], "inactive");
    assert_eq!(env.sim.user(&email).unwrap()["status"], "inactive");
    let after = env.ok("license-inventory", json!({})).await;
    assert!(!ids(&after["users"], "email").contains(&email));
    assert_eq!(after["users"].as_array().unwrap().len() + 1, before["users"].as_array().unwrap().len());

    let user = env.ok("activate-user", json!({"user_id": email})).await;
    assert_eq!(user["status"], "active");
    let again = env.ok("license-inventory", json!({})).await;
    assert_eq!(ids(&again["users"], "id"), ids(&before["users"], "id"));

    // The owner cannot be deactivated; an unknown user is not found.
    let e = env.err("deactivate-user", json!({"user_id": "me"})).await;
    assert_eq!(kind(&e), "forbidden", "{e}");
    let e = env.err("activate-user", json!({"user_id": "nobody@example.com"})).await;
    assert_eq!(kind(&e), "not_found", "{e}");
}

#[tokio::test]
async fn login_activity_returns_every_event_of_the_range() {
    let mut env = seeded().await;
    let (from, to) = (today() - 30, today());
    let expected: Vec<Value> = env
        .sim
        .activity_logs()
        .into_iter()
        .filter(|a| (from..=to).contains(&days(a["time"].as_str().unwrap())))
        .collect();
    println!("login-activity: {} events in range", expected.len());
    assert!(expected.len() > 300, "more than one page: {}", expected.len());
    let out = env.ok("login-activity", json!({"from": format_date(from), "to": format_date(to)})).await;
    let events = out["events"].as_array().unwrap();
    let key = |email: &Value, time: &Value, kind: &str| format!("{email} {time} {kind}");
    let got: BTreeSet<String> = events
        .iter()
        .map(|e| key(&e["email"], &e["time"], if e["kind"] == "sign_in" { "Sign in" } else { "Sign out" }))
        .collect();
    let want: BTreeSet<String> =
        expected.iter().map(|a| key(&a["email"], &a["time"], a["type"].as_str().unwrap())).collect();
    assert_eq!(events.len(), expected.len());
    assert_eq!(got, want);
    assert_eq!(out["sign_ins"], expected.iter().filter(|a| a["type"] == "Sign in").count());
    assert_eq!(out["sign_outs"], expected.iter().filter(|a| a["type"] == "Sign out").count());
    let first = &events[0];
    assert!(first["ip_address"].is_string() && first["client_type"].is_string() && first["version"].is_string());
    assert!(env.hits("/report/activities") >= 2, "walked every page");
}

#[tokio::test]
async fn usage_summary_figures_equal_the_simulator_state() {
    let mut env = seeded().await;
    let (from, to) = (today() - 30, today() - 1);
    let out = env.ok("usage-summary", json!({"from": format_date(from), "to": format_date(to)})).await;
    let in_range = |t: &Value| (from..=to).contains(&days(t.as_str().unwrap()));

    // Meetings, participants and minutes per day.
    let meetings: Vec<Value> = env.sim.past_meetings().into_iter().filter(|m| in_range(&m["start_time"])).collect();
    let daily = &out["daily"]["available"];
    assert_eq!(daily["meetings"], meetings.len());
    assert_eq!(
        daily["participants"],
        meetings.iter().map(|m| m["participants"].as_array().unwrap().len()).sum::<usize>()
    );
    assert_eq!(daily["meeting_minutes"], meetings.iter().map(|m| m["duration"].as_u64().unwrap()).sum::<u64>());
    assert!(daily["days"].as_array().unwrap().len() >= 29);
    assert!(meetings.len() > 20);

    // Cloud recording storage on the last day, in GB.
    let bytes: u64 = env
        .sim
        .recordings()
        .iter()
        .filter(|r| days(r["start_time"].as_str().unwrap()) <= to)
        .map(|r| r["total_size"].as_u64().unwrap())
        .sum();
    let gb = bytes as f64 / (1u64 << 30) as f64;
    let used = out["storage"]["available"]["used_gb"]["gb"].as_f64().unwrap();
    assert_eq!(out["storage"]["available"]["free_usage_gb"], json!("unlimited"), "Zoom's documented `Unlimited`");
    assert!((used - gb).abs() < 0.006, "{used} GB reported, {gb} GB held");
    assert!(gb > 1.0, "recordings with real sizes");

    // Active vs inactive hosts for the window.
    let users = env.sim.users();
    let active_users: Vec<&Value> = users.iter().filter(|u| u["status"] == "active").collect();
    let hosts: BTreeSet<&str> = meetings.iter().map(|m| m["host_id"].as_str().unwrap()).collect();
    let inactive: BTreeSet<String> = active_users
        .iter()
        .filter(|u| !hosts.contains(u["id"].as_str().unwrap()))
        .map(|u| u["email"].as_str().unwrap().to_owned())
        .collect();
    let h = &out["hosts"]["available"];
    assert_eq!(h["active_hosts"], active_users.len() - inactive.len());
    assert_eq!(h["inactive_hosts"], inactive.len());
    let reported: BTreeSet<String> =
        h["inactive_emails"].as_array().unwrap().iter().map(|e| e.as_str().unwrap().to_owned()).collect();
    assert_eq!(reported, inactive);
    assert_eq!(h["meetings"], meetings.len());
    assert!(inactive.len() > 30, "more than one page of inactive hosts is not needed, but many exist");

    // Webinars, Zoom Rooms and Zoom Phone.
    let webinars: Vec<Value> = env.sim.webinar_metrics().into_iter().filter(|w| in_range(&w["start_time"])).collect();
    let w = &out["webinars"]["available"];
    assert_eq!(w["webinars"], webinars.len());
    assert_eq!(w["hosts"], webinars.iter().map(|w| w["email"].as_str().unwrap()).collect::<BTreeSet<_>>().len());
    assert_eq!(w["participants"], webinars.iter().map(|w| w["participants"].as_u64().unwrap()).sum::<u64>());
    let rooms = env.sim.zoom_rooms();
    let r = &out["rooms"]["available"];
    assert_eq!(r["rooms"], rooms.len());
    assert_eq!(r["offline"], rooms.iter().filter(|r| r["status"] == "Offline").count());
    assert_eq!(r["in_meeting"], rooms.iter().filter(|r| r["status"] == "InMeeting").count());
    let calls: Vec<Value> = env.sim.phone_recordings().into_iter().filter(|c| in_range(&c["date_time"])).collect();
    let p = &out["phone"]["available"];
    assert_eq!(p["recorded_calls"], calls.len());
    assert_eq!(p["recorded_seconds"], calls.iter().map(|c| c["duration"].as_u64().unwrap()).sum::<u64>());
}

#[tokio::test]
async fn parts_the_plan_lacks_are_reported_as_not_available() {
    // The default account has no webinar or Zoom Rooms plan.
    let mut env = Env::new().await;
    let out = env.ok("usage-summary", json!({"from": format_date(today() - 10), "to": format_date(today() - 1)})).await;
    assert!(out["webinars"]["not_available"]["not_on_plan"].as_str().unwrap().contains("webinars"));
    assert!(out["rooms"]["not_available"]["not_on_plan"].as_str().unwrap().contains("Zoom Rooms"));
    assert!(out["daily"]["available"].is_object() && out["phone"]["available"].is_object());

    let mut env = Env::new().await;
    env.sim.seed_account(&AccountSeed { phone: false, ..AccountSeed::default() });
    let out = env.ok("usage-summary", json!({"from": format_date(today() - 10), "to": format_date(today() - 1)})).await;
    assert!(out["phone"]["not_available"]["not_on_plan"].as_str().unwrap().contains("Zoom Phone"));
    assert!(out["rooms"]["available"].is_object());
}

#[tokio::test]
async fn a_missing_report_scope_is_a_typed_error_naming_it() {
    let mut env = seeded().await;
    let token = env.sim.mint_token_with_scopes(&[
        "user:read:list_users:admin",
        "dashboard:read:list_webinars:admin",
        "dashboard:read:list_zoomrooms:admin",
        "phone:read:list_call_recordings:admin",
    ]);
    env.conn = token_connection(&env.sim.api_url(), &token);
    let e = env.err("login-activity", json!({"from": format_date(today() - 5)})).await;
    assert_eq!(kind(&e), "missing_scope", "{e}");
    assert_eq!(e["missing_scope"]["scope"], "report:read:user_activities:admin");

    let out = env.ok("usage-summary", json!({"from": format_date(today() - 10), "to": format_date(today() - 1)})).await;
    assert_eq!(out["daily"]["not_available"]["scope_missing"], "report:read:admin");
    assert_eq!(out["storage"]["not_available"]["scope_missing"], "report:read:admin");
    assert_eq!(out["hosts"]["not_available"]["scope_missing"], "report:read:list_users:admin");
    assert!(out["webinars"]["available"].is_object() && out["phone"]["available"].is_object());

    let e = env.err("plan-usage", json!({})).await;
    assert_eq!(e["missing_scope"]["scope"], "billing:read:plan_usage:admin");
}

#[tokio::test]
async fn plan_usage_counts_seats_from_the_users() {
    let mut env = seeded().await;
    let users = env.sim.users();
    let licensed = |status: &str| users.iter().filter(|u| u["type"] == 2 && u["status"] == status).count();
    let out = env.ok("plan-usage", json!({})).await;
    let base = out["plans"].as_array().unwrap().iter().find(|p| p["plan"] == "base").unwrap().clone();
    let (seats, _) = env.sim.plan_seats();
    assert_eq!(base["hosts"], seats);
    assert_eq!(base["usage"], licensed("active"));
    assert_eq!(base["pending"], licensed("pending"));
    assert_eq!(base["free"], seats - licensed("active") as u64);
    let rooms =
        out["plans"].as_array().unwrap().iter().find(|p| p["plan"] == "zoom_rooms" || p["plan"] == "zoom-rooms");
    assert_eq!(rooms.unwrap()["usage"], env.sim.zoom_rooms().len());
    assert_eq!(out["plan_storage"], "1000 GB");

    let e = env.err("plan-usage", json!({"account_id": "someone-else"})).await;
    assert_eq!(kind(&e), "not_found", "{e}");
}

#[tokio::test]
async fn set_user_type_licenses_and_de_licenses() {
    let mut env = seeded().await;
    let basic = env.sim.users().into_iter().find(|u| u["type"] == 1 && u["status"] == "active").unwrap();
    let id = basic["id"].as_str().unwrap();
    let user = env.ok("set-user-type", json!({"user_id": id, "user_type": "licensed"})).await;
    assert_eq!(user["user_type"], 2);
    assert_eq!(env.sim.user(id).unwrap()["type"], 2);
    let user = env.ok("set-user-type", json!({"user_id": id, "user_type": "basic"})).await;
    assert_eq!(user["user_type"], 1);
    assert_eq!(env.sim.user(id).unwrap()["type"], 1);
    let e = env.err("set-user-type", json!({"user_id": "nobody@example.com", "user_type": "basic"})).await;
    assert_eq!(kind(&e), "not_found", "{e}");
}

#[tokio::test]
async fn reclaim_lists_on_a_dry_run_and_de_licenses_exactly_the_inactive_otherwise() {
    let mut env = seeded().await;
    let days_back = 90;
    let cutoff = now_i64() - days_back * 86_400;
    let before = env.sim.users();
    let expected: BTreeSet<String> = before
        .iter()
        .filter(|u| u["status"] == "active" && u["type"] == 2)
        .filter(|u| {
            let seen = u["last_login_time"].as_str().or(u["user_created_at"].as_str()).unwrap();
            parse_datetime(seen).expect("a date-time") < cutoff
        })
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(expected.len() > 20, "{} candidates", expected.len());
    assert!(
        before.iter().any(|u| u["status"] == "active" && u["type"] == 2 && u["last_login_time"].is_null()),
        "some licensed users never signed in"
    );

    // A dry run (the default) lists them and changes nothing.
    let dry = env.ok("reclaim-inactive-licenses", json!({"days": days_back})).await;
    assert_eq!(dry["dry_run"], true);
    assert_eq!(ids(&dry["candidates"], "id"), expected);
    assert_eq!(dry["reclaimed"], json!([]));
    assert_eq!(env.sim.users(), before);
    assert!(env.sim.requests().iter().all(|r| r.method == "GET" || r.path == "/oauth/token"));

    // For real: exactly those users become Basic, nobody else changes.
    let done = env.ok("reclaim-inactive-licenses", json!({"days": days_back, "dry_run": false})).await;
    assert_eq!(done["dry_run"], false);
    let reclaimed: BTreeSet<String> =
        done["reclaimed"].as_array().unwrap().iter().map(|i| i.as_str().unwrap().to_owned()).collect();
    assert_eq!(reclaimed, expected);
    assert_eq!(done["failed"], json!([]));
    assert_eq!((&done["skipped"], &done["error"]), (&json!([]), &Value::Null));
    let after = env.sim.users();
    assert_eq!(after.len(), before.len());
    for (b, a) in before.iter().zip(&after) {
        if expected.contains(b["id"].as_str().unwrap()) {
            assert_eq!(a["type"], 1, "{} de-licensed", b["email"]);
            let mut unchanged = b.clone();
            unchanged["type"] = json!(1);
            assert_eq!(a, &unchanged);
        } else {
            assert_eq!(a, b, "{} untouched", b["email"]);
        }
    }
    let patched = env.sim.requests().iter().filter(|r| r.method == "PATCH").count();
    assert_eq!(patched, expected.len());
    // Nothing left to reclaim.
    let again = env.ok("reclaim-inactive-licenses", json!({"days": days_back})).await;
    assert_eq!(again["candidates"], json!([]));
}
