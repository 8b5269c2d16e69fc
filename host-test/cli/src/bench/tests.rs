//! The pure helpers: statistics, `/proc` parsing, percent-encoding and the flag.

use std::time::Duration;

use zoom_sim::percent::encode;

use super::direct::request_target;
use super::*;

#[test]
fn pure_helpers() {
    let ms = |n: u64| Duration::from_millis(n);
    let samples: Vec<Duration> = (1..=20).rev().map(ms).collect();
    let s = Stats::of(&samples);
    assert_eq!((s.n, s.min, s.median, s.p95, s.total), (20, ms(1), ms(10), ms(19), ms(210)));
    assert_eq!(percentile(&[ms(7)], 95.0), ms(7));
    assert_eq!(percentile(&[], 50.0), Duration::ZERO);
    assert_eq!(percentile(&[ms(1), ms(2), ms(3)], 50.0), ms(2));
    assert_eq!(percentile(&[ms(1), ms(2), ms(3)], 100.0), ms(3));

    let status = ProcStatus::parse("Name:\tzoom-host\nVmHWM:\t  20480 kB\nVmRSS:\t   10240 kB\n");
    assert_eq!(status, ProcStatus { rss_kb: Some(10240), hwm_kb: Some(20480) });
    assert_eq!(ProcStatus::parse(""), ProcStatus::default());

    assert_eq!(encode("a b/é~"), "a%20b%2F%C3%A9~");
    assert_eq!(request_target("/v2/x", &[("page_size".into(), "30".into())]), "/v2/x?page_size=30");
    assert_eq!(iterations(None).unwrap(), DEFAULT_ITERATIONS);
    assert_eq!(iterations(Some(&"5".to_string())).unwrap(), 5);
    assert!(iterations(Some(&"0".to_string())).is_err());
}
