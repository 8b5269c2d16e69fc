use super::*;
use crate::actions::licenses::{by_type, is_candidate, parse_licensed, type_name};
use crate::actions::plans;
use crate::time::epoch_seconds;
use serde_json::json;

fn field(r: Result<(i64, i64), Error>) -> Option<String> {
    match r {
        Err(Error::InvalidInput { field, .. }) => Some(field),
        _ => None,
    }
}

#[test]
fn sizes_read_as_gigabytes() {
    assert_eq!(gigabytes("1 GB"), Some(1.0));
    assert_eq!(gigabytes("1.5GB"), Some(1.5));
    assert_eq!(gigabytes("512 MB"), Some(0.5));
    assert_eq!(gigabytes("2 TB"), Some(2048.0));
    assert_eq!(gigabytes("0"), Some(0.0));
    assert_eq!(gigabytes("lots"), None);
    assert_eq!(gigabytes("3 PB"), None);
}

#[test]
fn storage_figures_are_sizes_unlimited_or_absent_never_zero() {
    let day = json!({"usage": "1.5 GB", "free_usage": "Unlimited", "plan_usage": ""});
    assert_eq!(storage_size(&day, "usage"), Ok(Some(StorageSize::Gb(1.5))));
    assert_eq!(storage_size(&day, "free_usage"), Ok(Some(StorageSize::Unlimited)));
    assert_eq!(storage_size(&day, "plan_usage"), Ok(None), "empty is no figure");
    assert_eq!(storage_size(&day, "missing"), Ok(None));
    assert!(
        matches!(storage_size(&json!({"usage": "lots"}), "usage"), Err(Error::Unreadable(m)) if m.contains("`usage`"))
    );
}

#[test]
fn webinar_durations_in_minutes() {
    assert_eq!(duration_minutes("55:01"), Some(55));
    assert_eq!(duration_minutes("1:02:03"), Some(62));
    assert_eq!(duration_minutes("x:01"), None);
}

#[test]
fn months_touched_by_a_range() {
    let (a, b) = (epoch_days("2026-01-20").unwrap(), epoch_days("2026-02-10").unwrap());
    assert_eq!(months(a, b), vec![(2026, 1), (2026, 2)]);
    assert_eq!(months(a, a), vec![(2026, 1)]);
    assert_eq!(date_of(a), "2026-01-20");
}

#[test]
fn summary_window_rules() {
    let today = epoch_days("2026-11-27").unwrap();
    assert!(summary_window("2026-11-01", "2026-11-26", today).is_ok());
    assert_eq!(field(summary_window("2026-11-01", "2026-11-27", today)).as_deref(), Some("to"));
    assert_eq!(field(summary_window("2026-10-01", "2026-11-01", today)).as_deref(), Some("to"));
    assert_eq!(field(summary_window("2026-11-10", "2026-11-01", today)).as_deref(), Some("to"));
    assert_eq!(field(summary_window("2026-02-01", "2026-02-10", today)).as_deref(), Some("from"));
    assert_eq!(field(summary_window("2026-11-1", "2026-11-10", today)).as_deref(), Some("from"));
}

#[test]
fn unavailable_parts_name_the_scope_or_the_plan() {
    let scope = Error::MissingScope { scope: Some("report:read:admin".into()), message: "m".into() };
    assert_eq!(part::<()>(Err(scope)).unwrap(), Err(Unavailable::ScopeMissing("report:read:admin".into())));
    let api = crate::error::Api { status: 400, code: Some(200), message: "No permission.".into() };
    assert_eq!(part::<()>(Err(Error::Forbidden(api))).unwrap(), Err(Unavailable::NotOnPlan("No permission.".into())));
    assert!(part::<()>(Err(Error::Transport("x".into()))).is_err());
    assert_eq!(part(Ok(3)).unwrap(), Ok(3));
}

#[test]
fn activity_records_parse_strictly() {
    let v = json!({"email":"a@b.c","time":"2026-01-01T00:00:00Z","type":"Sign out","ip_address":"203.0.113.9"});
    let e = parse_event(&v).unwrap();
    assert_eq!((e.kind, e.ip_address.as_deref(), e.version), (ActivityKind::SignOut, Some("203.0.113.9"), None));
    assert!(parse_event(&json!({"email":"a@b.c","time":"t","type":"Login"})).is_err());
    assert!(parse_event(&json!({"time":"t","type":"Sign in"})).is_err());
}

#[test]
fn reclaim_candidates_are_licensed_and_unseen_since_the_cutoff() {
    let cutoff = epoch_seconds("2026-06-01T00:00:00Z").unwrap();
    assert_eq!(epoch_seconds("2026-06-01T00:00:01Z"), Some(cutoff + 1));
    assert_eq!(epoch_seconds("nope"), None);
    let u = |t: u64, login: Option<&str>, created: &str| {
        let mut v = json!({"id":"x","email":"x@y.z","type":t,"user_created_at":created});
        if let Some(l) = login {
            v["last_login_time"] = json!(l);
        }
        v
    };
    assert_eq!(is_candidate(&u(2, Some("2026-05-01T00:00:00Z"), "2025-01-01T00:00:00Z"), cutoff), Ok(true));
    assert_eq!(is_candidate(&u(2, Some("2026-06-02T00:00:00Z"), "2025-01-01T00:00:00Z"), cutoff), Ok(false));
    assert_eq!(is_candidate(&u(1, Some("2026-05-01T00:00:00Z"), "2025-01-01T00:00:00Z"), cutoff), Ok(false));
    // Never signed in: their creation date decides, so a new hire is not reclaimed.
    assert_eq!(is_candidate(&u(2, None, "2025-01-01T00:00:00Z"), cutoff), Ok(true));
    assert_eq!(is_candidate(&u(2, None, "2026-06-10T00:00:00Z"), cutoff), Ok(false));
}

#[test]
fn inventory_counts_per_type() {
    let users: Vec<_> = [1, 2, 2, 4, 2]
        .iter()
        .enumerate()
        .map(|(i, t)| parse_licensed(&json!({"id": i.to_string(), "email": "e", "type": t}), "active").unwrap())
        .collect();
    let counts: Vec<_> = by_type(&users).into_iter().map(|c| (c.user_type, c.user_type_name, c.users)).collect();
    assert_eq!(
        counts,
        vec![(1, "Basic".to_owned(), 1), (2, "Licensed".to_owned(), 3), (4, "Unassigned".to_owned(), 1)]
    );
    assert_eq!(users[0].status, "active");
    assert_eq!(type_name(7), "Type 7");
    assert!(parse_licensed(&json!({"id":"1","email":"e"}), "active").is_err());
}

#[test]
fn plan_usage_reads_every_list() {
    let body = json!({
        "plan_base": [{"type": "monthly", "hosts": 10, "usage": 12, "pending": 1}],
        "plan_webinar": [{"type": "webinar500", "hosts": 2, "usage": 1}],
        "plan_recording": {"plan_storage": "100 GB", "plan_storage_usage": "3 GB"},
        "plan_united": {"name": "Zoom One", "type": "Business", "hosts": 5, "usage": 5},
    });
    let p = plans::parse(&body).unwrap();
    assert!(plans::parse(&json!({"plans": []})).is_err());
    let rows: Vec<_> = p.plans.iter().map(|s| (s.plan.as_str(), s.hosts, s.usage, s.pending, s.free)).collect();
    assert_eq!(rows, vec![("base", 10, 12, Some(1), 0), ("webinar", 2, 1, None, 1), ("united", 5, 5, None, 0)]);
    assert_eq!(p.plan_storage.as_deref(), Some("100 GB"));
}
