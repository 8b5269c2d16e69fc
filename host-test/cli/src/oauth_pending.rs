//! The authorization a `zoom-host oauth` run started and the user has yet to finish: its `state`,
//! to compare with the redirect's, and its PKCE verifier, so neither has to travel on the command
//! line. Kept beside the tokens file, readable by its owner only, and removed once used.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use zoom_runtime::atomic_file;

#[derive(Serialize, Deserialize)]
struct Pending {
    state: String,
    code_verifier: String,
}

fn path_for(store: &Path) -> PathBuf {
    let mut name = store.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".pending");
    store.with_file_name(name)
}

/// Remembers the authorization the user is about to approve.
pub fn save(store: &Path, state: &str, code_verifier: &str) -> Result<()> {
    let pending = Pending { state: state.to_owned(), code_verifier: code_verifier.to_owned() };
    atomic_file::write_private(&path_for(store), &serde_json::to_vec(&pending)?)
}

/// The verifier to exchange the code with, once the redirect's `state` matches the pending one.
/// Without a pending authorization only an explicit verifier will do, and the state cannot be
/// checked, which is said on stderr.
pub fn checked_verifier(store: &Path, state: Option<&str>, verifier: Option<String>) -> Result<String> {
    let path = path_for(store);
    let pending: Option<Pending> = match std::fs::read(&path) {
        Ok(bytes) => Some(serde_json::from_slice(&bytes).with_context(|| format!("{} is unreadable", path.display()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    match (pending, state) {
        (Some(p), Some(state)) if p.state == state => Ok(verifier.unwrap_or(p.code_verifier)),
        (Some(_), Some(_)) => {
            bail!("the redirect's state does not match the one this authorization started with: possible forgery, nothing was stored")
        }
        (Some(_), None) => bail!("--state is required: pass the `state` from the redirect, to be checked"),
        (None, _) => match verifier {
            Some(v) => {
                eprintln!("warning: no authorization was started for {}; the state was not checked", store.display());
                Ok(v)
            }
            None => bail!(
                "no authorization was started for {}: run `zoom-host oauth --store {}` first",
                store.display(),
                store.display()
            ),
        },
    }
}

/// Forgets the pending authorization once its code was used (a code works once).
pub fn clear(store: &Path) {
    let _ = std::fs::remove_file(path_for(store));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_must_match_and_the_verifier_stays_off_the_command_line() {
        let dir = std::env::temp_dir().join(format!("zoom-host-pending-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = dir.join("tokens.json");
        save(&store, "state-1", "verifier-1").unwrap();
        let forged = checked_verifier(&store, Some("state-2"), None).unwrap_err();
        assert!(forged.to_string().contains("possible forgery"), "{forged}");
        assert!(checked_verifier(&store, None, None).unwrap_err().to_string().contains("--state"));
        assert_eq!(checked_verifier(&store, Some("state-1"), None).unwrap(), "verifier-1");
        clear(&store);
        let none = checked_verifier(&store, Some("state-1"), None).unwrap_err();
        assert!(none.to_string().contains("run `zoom-host oauth"), "{none}");
        assert_eq!(checked_verifier(&store, None, Some("v".into())).unwrap(), "v");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
