//! Deliveries a stranger posts: a forged signature never verifies, a signed one never fails on its
//! signature, whatever its timestamp text, and a URL validation answers HMAC(secret, plainToken).

use proptest::prelude::*;
use serde_json::{json, Value};

use super::{config, json};
use crate::fuzzing::webhook::{encrypt_token, handle, sign, Delivery, Verdict};

const SECRET: &str = "proptest-webhook-secret";
const NOW: u64 = 1_800_000_000;

fn delivery(timestamp: &str, signature: &str, body: Vec<u8>) -> Delivery {
    Delivery {
        method: "POST".into(),
        headers: vec![("x-zm-request-timestamp".into(), timestamp.into()), ("x-zm-signature".into(), signature.into())],
        body,
        secret: Some(SECRET.into()),
        now: NOW,
        ..Delivery::default()
    }
}

/// A timestamp Zoom could send, or text that is not one.
fn timestamp() -> impl Strategy<Value = String> {
    prop_oneof![
        (-100_000i64..100_000).prop_map(|d| (NOW as i64 + d).to_string()),
        (-100_000i64..100_000).prop_map(|d| ((NOW as i64 + d) * 1000).to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        Just(i64::MIN.to_string()),
        Just((NOW as i64).wrapping_sub(i64::MIN).to_string()),
        ".{1,20}",
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        json().prop_map(|v| v.to_string().into_bytes()),
        (".{1,12}", json()).prop_map(|(event, payload)| json!({"event": event, "payload": {"object": payload}})
            .to_string()
            .into_bytes()),
        prop::collection::vec(any::<u8>(), 0..128),
    ]
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn a_forged_signature_never_verifies(
        ts in timestamp(),
        body in body(),
        guess in prop_oneof![prop::collection::vec(any::<u8>(), 32).prop_map(|b| format!("v0={}", b.iter().map(|b| format!("{b:02x}")).collect::<String>())), ".{0,70}"],
        other_secret in "[a-z]{1,20}",
    ) {
        for signature in [guess, sign(&other_secret, &ts, &body)] {
            let verdict = handle(&delivery(&ts, &signature, body.clone()));
            // Rejected: as a bad signature, or a missing header when the guess or the stamp is blank.
            let blank = signature.trim().is_empty() || ts.trim().is_empty();
            prop_assert!(matches!(verdict, Verdict::Rejected { bad_signature, status: 401, .. } if bad_signature != blank), "{verdict:?}");
        }
    }

    #[test]
    fn a_signed_delivery_never_fails_its_signature(ts in timestamp(), body in body()) {
        let verdict = handle(&delivery(&ts, &sign(SECRET, &ts, &body), body.clone()));
        match verdict {
            Verdict::Rejected { bad_signature, status, reason } => {
                prop_assert!(!bad_signature && status == 401, "{reason}");
            }
            Verdict::Event { payload, status, .. } => {
                prop_assert_eq!(status, 200);
                prop_assert!(serde_json::from_str::<Value>(&payload).is_ok());
                // Only a timestamp inside the window verifies.
                let sent: i128 = ts.trim().parse().unwrap();
                let sent = if sent > 100_000_000_000 { sent / 1000 } else { sent };
                prop_assert!((i128::from(NOW) - sent).abs() <= 5400, "{ts} accepted");
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn url_validation_answers_the_tokens_hmac(plain in ".{1,40}", skew in -5400i64..5400) {
        let ts = (NOW as i64 + skew).to_string();
        let body = json!({"event": "endpoint.url_validation", "payload": {"plainToken": plain}}).to_string();
        let verdict = handle(&delivery(&ts, &sign(SECRET, &ts, body.as_bytes()), body.into_bytes()));
        let Verdict::UrlValidation { status: 200, body } = verdict else { panic!("{verdict:?}") };
        let reply: Value = serde_json::from_str(&body).unwrap();
        prop_assert_eq!(reply["plainToken"].as_str(), Some(plain.as_str()));
        let encrypted = encrypt_token(SECRET, &plain);
        prop_assert_eq!(reply["encryptedToken"].as_str(), Some(encrypted.as_str()));
    }
}
