//! Action inputs generated from the component's own WIT types: a mostly valid value (with
//! field-aware hints so many calls reach the simulator), then targeted mutations. Everything comes
//! from a seeded splitmix64, so one case is replayed from its seed alone.

mod exclusive;
mod fields;
mod fix;
mod hints;
mod locate;
mod mutate;
mod odd_values;
mod rng;
mod valid;

use serde_json::{json, Value};
use wasmtime::component::Type;

use crate::bad_input::pools::Pools;
use locate::{walk, Slot};
use mutate::mutate;
use rng::Rng;
use valid::Gen;

pub use rng::case_seed;

/// One generated case.
pub struct Case {
    pub input: Value,
    /// What was done to the valid value, in words.
    pub mutations: Vec<String>,
    /// When exactly one mutation broke a rule whose field is known: the fields the error may name.
    pub expect: Option<Expect>,
    /// The input chose what goes on the wire (raw requests, JSON text merged into bodies), so a
    /// spec violation in what was sent is the caller's doing rather than the component's.
    pub directed: bool,
}

pub struct Expect {
    /// `type` (the bridge's WIT type check) or `rule` (a rule the WIT documents).
    pub kind: &'static str,
    pub fields: Vec<String>,
}

/// Junk in place of the whole input of an action that takes none.
fn no_input_junk(rng: &mut Rng) -> Value {
    rng.pick(&[json!({"x": 1}), json!({"": null}), json!([]), json!("input"), json!(0), json!(true), json!([{}])])
        .clone()
}

/// Generates case `seed` for `action`, whose input record type is `ty` (`None`: no input).
pub fn case(seed: u64, action: &str, ty: Option<&Type>, pools: &Pools) -> Case {
    let mut rng = Rng::new(seed);
    let Some(ty) = ty else {
        return if rng.percent(50) {
            Case { input: json!({}), mutations: Vec::new(), expect: None, directed: false }
        } else {
            let input = no_input_junk(&mut rng);
            let expect = Some(Expect { kind: "type", fields: vec!["input".into()] });
            Case { input, mutations: vec!["junk for an action without input".into()], expect, directed: false }
        };
    };
    let day = match action {
        "get-phone-recordings" | "list-phone-call-logs" => pools.today - rng.between(0, 150) as i64,
        _ => pools.today + rng.between(0, 400) as i64 - 200,
    };
    let mut g = Gen { rng: &mut rng, action, pools, seed, day };
    let mut input = g.valid(ty, "");
    if let Value::Object(m) = &mut input {
        g.fix(m);
    }
    let n = match g.rng.below(100) {
        0..=19 => 0,
        20..=79 => 1,
        80..=93 => 2,
        _ => 3,
    };
    // Whole-input junk now and then.
    if n > 0 && g.rng.percent(3) {
        let junk = g.rng.pick(&[json!(null), json!("x"), json!([]), json!(42), json!([{}])]).clone();
        let what = format!("input: {junk}");
        let expect = Some(Expect { kind: "type", fields: vec!["input".into()] });
        return Case { input: junk, mutations: vec![what], expect, directed: action == "raw-request" };
    }
    let mut mutations = Vec::new();
    let mut expect = None;
    let mut directed = action == "raw-request";
    for _ in 0..n {
        let mut locs = Vec::new();
        walk(Some(&input), ty, Vec::new(), Slot::Root, "", &mut locs);
        let m = mutate(&mut g, &mut input, &locs);
        mutations.push(m.what);
        expect = m.expect;
        directed |= m.directed;
    }
    Case { input, expect: if n == 1 { expect } else { None }, mutations, directed }
}
