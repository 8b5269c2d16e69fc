//! A delivery a stranger posts to the webhook endpoint: the first [`CONFIG_BYTES`] choose how it
//! is signed, stamped and checked (all zeros: signed with the secret, stamped now, POST), the
//! rest is the raw body. A delivery not signed with the secret never verifies; a signed one
//! never fails on its signature; a URL validation answers HMAC(secret, plainToken); an event's
//! reply is 200 and its payload JSON.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use zoom_connector::fuzzing::webhook::{encrypt_token, handle, sign, Delivery, Verdict};

const CONFIG_BYTES: usize = 64;
const SECRET: &str = "fuzz-webhook-secret";
const NOW: u64 = 1_800_000_000;

#[derive(Arbitrary, Debug)]
enum Signing {
    WithSecret,
    /// Signed with another secret (a stranger's guess).
    WithOther(String),
    Raw(String),
    Bytes([u8; 32]),
    Missing,
}

#[derive(Arbitrary, Debug)]
enum Stamp {
    Now,
    Skewed(i64),
    Millis(i64),
    Text(String),
    Missing,
}

#[derive(Arbitrary, Debug)]
struct Config {
    signing: Signing,
    stamp: Stamp,
    not_post: Option<String>,
    no_secret: bool,
    tolerance: Option<u32>,
    replayed: bool,
    seen: Option<Vec<String>>,
    filter: Option<(Option<Vec<String>>, Option<String>, Option<String>)>,
    extra_headers: Vec<(String, String)>,
    upper_case_names: bool,
}

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(CONFIG_BYTES));
    let Ok(config) = Config::arbitrary(&mut Unstructured::new(head)) else { return };
    let timestamp = match &config.stamp {
        Stamp::Now => Some(NOW.to_string()),
        Stamp::Skewed(s) => Some((NOW as i64).wrapping_add(*s).to_string()),
        Stamp::Millis(s) => Some(((NOW as i64).wrapping_add(*s)).wrapping_mul(1000).to_string()),
        Stamp::Text(t) => Some(t.clone()),
        Stamp::Missing => None,
    };
    let signed_with_secret = matches!(config.signing, Signing::WithSecret);
    let signature = match &config.signing {
        Signing::WithSecret => timestamp.as_deref().map(|t| sign(SECRET, t, body)),
        Signing::WithOther(other) if other != SECRET => timestamp.as_deref().map(|t| sign(other, t, body)),
        Signing::WithOther(_) => None,
        Signing::Raw(text) => Some(text.clone()),
        Signing::Bytes(b) => Some(format!("v0={}", b.iter().map(|b| format!("{b:02x}")).collect::<String>())),
        Signing::Missing => None,
    };
    let name = |n: &str| if config.upper_case_names { n.to_ascii_uppercase() } else { n.to_owned() };
    let mut headers = config.extra_headers.clone();
    if let Some(t) = &timestamp {
        headers.push((name("x-zm-request-timestamp"), t.clone()));
    }
    if let Some(s) = &signature {
        headers.push((name("x-zm-signature"), s.clone()));
    }
    let mut seen = config.seen.clone();
    if config.replayed {
        seen.get_or_insert_with(Vec::new).extend(signature.clone());
    }
    let delivery = Delivery {
        method: config.not_post.clone().unwrap_or_else(|| "POST".into()),
        headers,
        body: body.to_vec(),
        secret: if config.no_secret { None } else { Some(SECRET.into()) },
        tolerance: config.tolerance,
        seen,
        filter: config.filter.clone(),
        now: NOW,
    };
    let verdict = handle(&delivery);
    // A forged signature could verify only if it were the real MAC: a Raw or Bytes guess of 256
    // bits (never), or a header the fuzzer copied from an extra header (the real one is not
    // computed for those cases).
    let verified = !matches!(verdict, Verdict::Rejected { .. });
    if verified {
        assert!(signed_with_secret && !config.no_secret, "verified without the secret: {config:?} {verdict:?}");
    }
    match &verdict {
        Verdict::Rejected { status, bad_signature, .. } => {
            assert!(*status == 401 || *status == 405, "{verdict:?}");
            // Signed with the secret over what was sent: never a bad signature.
            let ours = signed_with_secret && !config.no_secret && delivery.method.eq_ignore_ascii_case("POST");
            let own_headers_only = config.extra_headers.iter().all(|(k, _)| {
                !k.eq_ignore_ascii_case("x-zm-signature") && !k.eq_ignore_ascii_case("x-zm-request-timestamp")
            });
            if ours && own_headers_only && timestamp.as_deref().is_some_and(|t| !t.trim().is_empty()) {
                assert!(!bad_signature, "a delivery signed with the secret failed its signature: {verdict:?}");
            }
        }
        Verdict::UrlValidation { status, body: reply } => {
            assert_eq!(*status, 200);
            let reply: Value = serde_json::from_str(reply).expect("the reply is JSON");
            let plain = reply["plainToken"].as_str().expect("plainToken");
            assert_eq!(reply["encryptedToken"].as_str(), Some(encrypt_token(SECRET, plain).as_str()));
        }
        Verdict::Event { payload, status, name, .. } => {
            assert_eq!(*status, 200);
            assert!(!name.is_empty());
            let _: Value = serde_json::from_str(payload).expect("the payload is JSON");
        }
        Verdict::Ignored { name } => assert!(!name.is_empty()),
    }
});
