//! The same generated-input run for the trigger functions that take a connection and a request
//! (`poll`, `reconcile`, `sample`): no trap, panic or hang; typed errors; an `invalid_input` names a field
//! of the request; no secret in any answer. And generated deliveries to `webhook`, which must
//! always produce a reply to send (200, 401 or 405).

use std::collections::BTreeSet;
use std::time::Instant;

use zoom_runtime::bridge::json_name;
use zoom_runtime::{Outcome, TRIGGERS};

use super::call::CASE_BUDGET;
use super::checks::Checked;
use super::gen::{self, case_seed};
use super::pools::pools;
use super::report::clip;
use super::{env_number, input_type, DEFAULT_SEED};
use crate::harness::{allowed, kind, runtime, Env};

const CASES_PER_FUNCTION: usize = 150;

#[tokio::test(flavor = "multi_thread")]
async fn generated_trigger_requests_never_trap_and_name_the_field() {
    let seed = env_number("BAD_INPUT_SEED").unwrap_or(DEFAULT_SEED);
    let per_function = env_number("BAD_INPUT_CASES").map_or(CASES_PER_FUNCTION, |n| n as usize);
    let mut env = Env::new().await;
    let secret = env.sim.credentials().client_secret;
    let pools = pools(&mut env).await;
    let functions = runtime().functions(TRIGGERS).expect("the triggers interface");
    let mut failures = Vec::new();
    let mut counts = Vec::new();
    for f in functions.iter().filter(|f| f.params.first().is_some_and(|(n, _)| n == "conn")) {
        let (ty, fields) = input_type(&f.params);
        let fields: BTreeSet<String> = fields.into_iter().map(|n| json_name(&n)).collect();
        let (mut ok, mut invalid, mut other) = (0, 0, 0);
        for index in 0..per_function {
            let case = gen::case(case_seed(seed, &f.name, index), &f.name, ty.as_ref(), &pools);
            env.sim.clear_requests();
            let args = [env.conn.clone(), case.input.clone()];
            let started = Instant::now();
            let call = env.connector.call(TRIGGERS, &f.name, &args);
            let outcome = match tokio::time::timeout(CASE_BUDGET, call).await {
                Ok(Ok(o)) => o,
                Ok(Err(e)) => {
                    failures.push(format!("[{}] host error {e:#} ← {}", f.name, clip(&case.input.to_string(), 200)));
                    env.connector = runtime().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
                    continue;
                }
                Err(_) => {
                    failures.push(format!("[{}] HANG ← {}", f.name, clip(&case.input.to_string(), 200)));
                    env.connector = runtime().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
                    continue;
                }
            };
            if let Outcome::Err(e) = &outcome {
                if kind(e) == "trap" || kind(e) == "limit_exceeded" {
                    failures.push(format!("[{}] TRAP {e} ← {}", f.name, clip(&case.input.to_string(), 200)));
                    env.connector = runtime().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
                    continue;
                }
            }
            assert!(started.elapsed() < CASE_BUDGET);
            match &outcome {
                Outcome::Ok(_) => ok += 1,
                Outcome::Err(e) if kind(e) == "invalid_input" => invalid += 1,
                Outcome::Err(_) => other += 1,
            }
            let checked = Checked { action: &f.name, fields: &fields, secret: &secret };
            let requests = env.sim.requests();
            for (group, detail) in checked.problems(&case.input, &outcome, &requests) {
                failures.push(format!("{group}: {detail} ← {}", clip(&case.input.to_string(), 200)));
            }
        }
        counts.push(format!("{}: {ok} ok, {invalid} invalid_input, {other} other errors", f.name));
    }
    // The webhook trigger never fails: every generated request gets a reply to send.
    let webhook = functions.iter().find(|f| f.name == "webhook").expect("the webhook trigger");
    let request_type = webhook.params.first().map(|(_, t)| t.clone());
    let (mut replies, mut refused) = (0, 0);
    for index in 0..per_function {
        let case = gen::case(case_seed(seed, "webhook", index), "webhook", request_type.as_ref(), &pools);
        let args = [case.input.clone(), serde_json::json!({"secret_token": "fuzz-secret-value"})];
        match env.connector.call(TRIGGERS, "webhook", &args).await {
            Ok(Outcome::Ok(v)) => {
                let status = v
                    .as_object()
                    .and_then(|o| o.values().next())
                    .map(|d| d.get("reply").unwrap_or(d).get("status").and_then(|s| s.as_u64()).unwrap_or(0));
                if !matches!(status, Some(200 | 401 | 405)) {
                    failures.push(format!("[webhook] odd reply {v} ← {}", clip(&case.input.to_string(), 200)));
                }
                replies += 1;
            }
            Ok(Outcome::Err(e)) if kind(&e) == "invalid_input" => refused += 1,
            Ok(Outcome::Err(e)) => failures.push(format!("[webhook] {e} ← {}", clip(&case.input.to_string(), 200))),
            Err(e) => failures.push(format!("[webhook] host error {e:#}")),
        }
        if env.connector.poisoned() {
            env.connector = runtime().instantiate_allowing(&allowed(&env.sim)).await.unwrap();
        }
    }
    counts.push(format!("webhook: {replies} replies, {refused} refused by the bridge"));
    println!("bad-input triggers: {}", counts.join("; "));
    assert_eq!(counts.len(), 4, "poll, reconcile, sample and webhook: {counts:?}");
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
