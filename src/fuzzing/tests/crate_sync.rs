//! `fuzz/connector` builds these same sources as an rlib with its own manifest: if its
//! dependencies drift from the component's, the fuzzers search a build we do not ship.

/// The entries of one `[name]` table, without comments or blank lines.
fn table(manifest: &str, name: &str) -> Vec<String> {
    let header = format!("[{name}]");
    manifest
        .lines()
        .skip_while(|line| line.trim() != header)
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_fuzz_rlib_builds_with_the_components_own_dependencies() {
    let component = include_str!("../../../Cargo.toml");
    let fuzz = include_str!("../../../fuzz/connector/Cargo.toml");
    for name in ["dependencies", "build-dependencies"] {
        let ours = table(component, name);
        assert!(!ours.is_empty(), "the component's manifest has a [{name}] table");
        assert_eq!(table(fuzz, name), ours, "[{name}] of fuzz/connector/Cargo.toml against ../../Cargo.toml");
    }
}
