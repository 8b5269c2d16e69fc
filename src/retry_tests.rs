use super::*;

const NOW: Now = Now { unix: 1_800_000_000, jitter: 0.5 };

fn answer<'a>(status: u16, headers: &'a [(String, String)], body: &'a [u8]) -> Outcome<'a> {
    Outcome::Answer { status, headers, body }
}

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn honours_retry_after_seconds_before_backoff() {
    let p = Policy::default();
    let hs = h(&[("Retry-After", "2")]);
    assert_eq!(decide(answer(429, &hs, b""), false, 0, &p, NOW), Decision::Retry(Duration::from_secs(2)));
}

#[test]
fn retry_after_as_iso_or_http_date_is_a_wait_until_then() {
    let p = Policy::default();
    let iso = h(&[("Retry-After", "2027-01-15T08:00:10Z")]);
    let now = Now { unix: parse_date("2027-01-15T08:00:00Z").unwrap(), jitter: 0.5 };
    assert_eq!(decide(answer(429, &iso, b""), true, 0, &p, now), Decision::Retry(Duration::from_secs(10)));
    let http = h(&[("Retry-After", "Fri, 15 Jan 2027 08:00:05 GMT")]);
    assert_eq!(decide(answer(429, &http, b""), true, 0, &p, now), Decision::Retry(Duration::from_secs(5)));
}

#[test]
fn rate_limit_reset_header_is_used_when_retry_after_is_absent() {
    let p = Policy::default();
    let hs = h(&[("X-RateLimit-Reset", "1800000003")]);
    assert_eq!(decide(answer(429, &hs, b""), true, 0, &p, NOW), Decision::Retry(Duration::from_secs(3)));
}

#[test]
fn daily_limits_are_never_slept() {
    let p = Policy::default();
    let typed = h(&[("X-RateLimit-Type", "Daily-limit"), ("Retry-After", "2026-11-28T00:00:00Z")]);
    assert_eq!(decide(answer(429, &typed, b""), true, 0, &p, NOW), Decision::Stop);
    let host_cap = br#"{"code":429,"message":"You have exceeded the daily rate limit (100) of Meeting Create/Update API requests"}"#;
    assert_eq!(decide(answer(429, &[], host_cap), true, 0, &p, NOW), Decision::Stop);
}

#[test]
fn waits_longer_than_budget_are_returned_not_slept() {
    let p = Policy { max_wait: Duration::from_secs(5), ..Policy::default() };
    let hs = h(&[("Retry-After", "60")]);
    assert_eq!(decide(answer(429, &hs, b""), true, 0, &p, NOW), Decision::Stop);
}

#[test]
fn backoff_doubles_is_capped_and_jittered() {
    let p = Policy::default();
    let at = |attempt, jitter| decide(answer(503, &[], b""), true, attempt, &p, Now { jitter, ..NOW });
    assert_eq!(at(0, 1.0), Decision::Retry(Duration::from_millis(250)));
    assert_eq!(at(0, 0.0), Decision::Retry(Duration::from_millis(125)));
    assert_eq!(at(2, 1.0), Decision::Retry(Duration::from_millis(1000)));
    let p = Policy { max_retries: 20, ..p };
    assert_eq!(
        decide(answer(503, &[], b""), true, 10, &p, Now { jitter: 1.0, ..NOW }),
        Decision::Retry(Duration::from_secs(8))
    );
}

#[test]
fn server_errors_retry_only_idempotent_requests() {
    let p = Policy::default();
    assert!(matches!(decide(answer(502, &[], b""), true, 0, &p, NOW), Decision::Retry(_)));
    assert_eq!(decide(answer(502, &[], b""), false, 0, &p, NOW), Decision::Stop);
}

#[test]
fn stops_after_max_retries_and_never_retries_other_client_errors() {
    let p = Policy::default();
    assert_eq!(decide(answer(429, &[], b""), true, 3, &p, NOW), Decision::Stop);
    for status in [400, 401, 403, 404, 409] {
        assert_eq!(decide(answer(status, &[], b""), true, 0, &p, NOW), Decision::Stop, "{status}");
    }
}

#[test]
fn unsent_requests_are_always_retried_sent_ones_only_when_idempotent() {
    let p = Policy::default();
    assert!(matches!(decide(Outcome::NoAnswer { sent: false }, false, 0, &p, NOW), Decision::Retry(_)));
    assert_eq!(decide(Outcome::NoAnswer { sent: true }, false, 0, &p, NOW), Decision::Stop);
    assert!(matches!(decide(Outcome::NoAnswer { sent: true }, true, 0, &p, NOW), Decision::Retry(_)));
    assert_eq!(decide(Outcome::Denied, true, 0, &p, NOW), Decision::Stop);
}

#[test]
fn retry_all_covers_client_errors_and_posts_with_fixed_delay() {
    let p = Policy { retry_all: true, exponential: false, ..Policy::default() };
    assert_eq!(
        decide(answer(404, &[], b""), false, 2, &p, Now { jitter: 1.0, ..NOW }),
        Decision::Retry(Duration::from_millis(250))
    );
    assert!(matches!(decide(Outcome::NoAnswer { sent: true }, false, 0, &p, NOW), Decision::Retry(_)));
}

#[test]
fn dates_parse_and_midnight_is_next_utc_day() {
    assert_eq!(parse_date("1970-01-02T00:00:00Z"), Some(86_400));
    assert_eq!(parse_date("Thu, 01 Jan 1970 00:01:00 GMT"), Some(60));
    assert_eq!(parse_date("soon"), None);
    assert_eq!(parse_date("Thu, 01 Foo 1970 00:01:00 GMT"), None);
    assert_eq!(next_midnight_utc(86_400 + 5), 2 * 86_400);
}
