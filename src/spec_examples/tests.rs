//! What the runs must show: every documented answer is read, and nothing documented that an
//! action or trigger calls goes unread. The coverage is checked against the manifest's own
//! tables, so an action or operation added later without a run fails here.
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};

use super::actions::{self, client, Run, NOT_RUN};
use super::{examples, samples, triggers, Documented};
use crate::actions::reports;
use crate::manifest::{action_operations, triggers::trigger_operations};
use crate::wit::report_types::{StoragePart, StorageSize, UsageSummaryInput};

fn runs(t: &Documented) -> Vec<Run> {
    let mut all = actions::run_all(t);
    all.extend(triggers::run_all(t));
    all.extend(samples::run_all(t));
    all
}

/// Operations whose documented answer has a body to read.
fn documented() -> BTreeSet<String> {
    examples().into_iter().filter(|e| !e.answers.is_empty()).map(|e| e.operation_id).collect()
}

#[test]
fn every_action_and_trigger_reads_zooms_documented_answers() {
    let failures: Vec<String> = runs(&Documented::new(0))
        .into_iter()
        .filter_map(|r| r.result.err().map(|e| format!("{}: {e:?}", r.action)))
        .collect();
    assert!(failures.is_empty(), "cannot read Zoom's documented answers:\n{}", failures.join("\n"));
}

#[test]
fn every_action_and_trigger_reads_ids_codes_and_sizes_given_as_text() {
    let failures: Vec<String> = runs(&Documented::numbers_as_text(0))
        .into_iter()
        .filter_map(|r| r.result.err().map(|e| format!("{}: {e:?}", r.action)))
        .collect();
    assert!(failures.is_empty(), "cannot read numbers given as text:\n{}", failures.join("\n"));
}

#[test]
fn each_action_and_trigger_reads_every_documented_operation_it_calls() {
    let mut hit: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in runs(&Documented::new(0)) {
        hit.entry(r.action.to_owned()).or_default().extend(r.operations);
    }
    let documented = documented();
    let declared = action_operations()
        .into_iter()
        .map(|(id, ops)| (id.to_owned(), ops.to_vec()))
        .chain(trigger_operations())
        .filter(|(id, _)| !NOT_RUN.iter().any(|(n, _)| n == id));
    for (id, ops) in declared {
        let read = hit.get(&id).unwrap_or_else(|| panic!("{id} is neither run on the examples nor in NOT_RUN"));
        for op in ops.into_iter().filter(|op| documented.contains(*op)) {
            assert!(read.contains(op), "{id} calls {op}, which Zoom documents, but its run read {read:?}");
        }
    }
    let every: BTreeSet<String> = hit.into_values().flatten().collect();
    let unread: Vec<&String> = documented.difference(&every).collect();
    assert!(unread.is_empty(), "documented operations no run reads: {unread:?}");
}

#[test]
fn the_runs_left_out_are_the_ones_without_a_documented_example() {
    for (id, _) in NOT_RUN {
        let (_, ops) = action_operations().into_iter().find(|(a, _)| a == id).unwrap();
        assert!(ops.iter().all(|op| !documented().contains(*op)), "{id} calls a documented operation");
    }
}

#[test]
fn the_documented_unlimited_free_storage_is_typed() {
    let t = Documented::new(0);
    let input = UsageSummaryInput { from: "2027-01-01".into(), to: "2027-01-10".into() };
    let StoragePart::Available(s) = reports::usage_summary(&client(&t), &input).unwrap().storage else {
        panic!("storage")
    };
    assert_eq!(s.free_usage_gb, Some(StorageSize::Unlimited));
    assert_eq!(s.plan_usage_gb, Some(StorageSize::Gb(3072.0)));
    assert!(matches!(s.used_gb, Some(StorageSize::Gb(g)) if (g - 3.0 / 1024.0).abs() < 1e-9));
}
