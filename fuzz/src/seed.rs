//! Writes the seed corpus: `corpus/actions` from every run on Zoom's documented answers
//! (`spec/examples`, as the runs were answered), `corpus/webhook` from Zoom's documented webhook
//! examples (`spec/webhooks`, behind an all-zero configuration: signed with the secret, stamped
//! now), `corpus/bridge` from the example input of every action in `docs/actions.md`. Existing
//! files are kept: only seeds are (re)written. Run by `scripts/fuzz.sh seed`.

// Linked for the coverage callbacks `cargo fuzz build` instruments every binary with.
extern crate libfuzzer_sys;

use std::fs;
use std::path::{Path, PathBuf};

use zoom_connector::fuzzing::answers;

const CONFIG_BYTES: usize = 64;

fn main() {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = fuzz.parent().expect("fuzz/ lives in the repository").to_path_buf();
    let corpus = fuzz.join("corpus");

    let seeds = answers::seeds();
    write_all(&corpus.join("actions"), seeds.iter().map(|(n, b)| (n.clone(), b.clone())));

    let mut deliveries = Vec::new();
    for entry in fs::read_dir(root.join("spec/webhooks")).expect("spec/webhooks") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        if name == "index" {
            continue;
        }
        deliveries.push((name, fs::read(&path).expect("a documented webhook")));
    }
    let validation = br#"{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680}"#;
    deliveries.push(("endpoint.url_validation".into(), validation.to_vec()));
    write_all(
        &corpus.join("webhook"),
        deliveries.into_iter().map(|(n, body)| (n, [vec![0; CONFIG_BYTES], body].concat())),
    );

    let docs = fs::read_to_string(root.join("docs/actions.md")).expect("docs/actions.md");
    write_all(&corpus.join("bridge"), example_inputs(&docs).into_iter());
    for dir in ["actions", "webhook", "bridge"] {
        let n = fs::read_dir(corpus.join(dir)).map(|d| d.count()).unwrap_or(0);
        println!("corpus/{dir}: {n} files");
    }
}

/// `## action-id` headings each followed by a fenced JSON example input: `action-id\n{json}`.
fn example_inputs(docs: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut action = None;
    let mut lines = docs.lines();
    while let Some(line) = lines.next() {
        if let Some(id) = line.strip_prefix("## ") {
            action = Some(id.trim().to_owned());
        } else if line.trim() == "```json" {
            let json: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            if let Some(id) = action.take() {
                out.push((id.clone(), format!("{id}\n{}", json.join("\n")).into_bytes()));
            }
        }
    }
    out
}

fn write_all(dir: &Path, files: impl Iterator<Item = (String, Vec<u8>)>) {
    fs::create_dir_all(dir).expect("creating the corpus directory");
    for (name, bytes) in files {
        fs::write(dir.join(format!("seed-{name}")), bytes).expect("writing a seed");
    }
}
