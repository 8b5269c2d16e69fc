//! What a webhook delivery costs inside the guest, by body size: the fuel (about one unit per
//! wasm instruction) of a forged delivery, which is refused right after the HMAC over its body,
//! and of one refused before any hashing. The difference over body sizes is SHA-256's cost per
//! byte in the guest; the time of the cheap call bounds what the host adds around any call.
//!
//! `cargo run --release -p zoom-host --example webhook_fuel`

use std::time::Instant;

use zoom_host::trigger::webhook_args;
use zoom_runtime::{Limits, TRIGGERS};

const NOW: u64 = 1_800_000_000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let runtime = zoom_host::runtime(Limits::default())?;
    let mut connector = runtime.instantiate().await?;
    let unsigned = webhook_args(b"{}", &[], Some("probe-secret"), None, Some(NOW));
    let mut points = Vec::new();
    for padding in [0usize, 6_400, 64_000] {
        let body = format!(
            r#"{{"event":"meeting.created","event_ts":1,"payload":{{"object":{{"id":1,"topic":"{}"}}}}}}"#,
            "x".repeat(padding)
        );
        let headers =
            [("x-zm-request-timestamp".to_owned(), NOW.to_string()), ("x-zm-signature".to_owned(), "v0=00".to_owned())];
        let forged = webhook_args(body.as_bytes(), &headers, Some("probe-secret"), None, Some(NOW));
        connector.call(TRIGGERS, "webhook", &forged).await?;
        let hashed = connector.fuel_used();
        connector.call(TRIGGERS, "webhook", &unsigned).await?;
        println!(
            "body {:>6} bytes: forged delivery {hashed:>9} fuel; refused before hashing {:>6} fuel",
            body.len(),
            connector.fuel_used()
        );
        points.push((body.len(), hashed));
    }
    let ((small, a), (large, b)) = (points[0], points[points.len() - 1]);
    println!("SHA-256 in the guest: {:.1} fuel per body byte", (b - a) as f64 / (large - small) as f64);
    let calls = 20_000;
    let started = Instant::now();
    for _ in 0..calls {
        connector.call(TRIGGERS, "webhook", &unsigned).await?;
    }
    println!("a call refused before hashing: {:.2?} each, host and guest", started.elapsed() / calls);
    Ok(())
}
