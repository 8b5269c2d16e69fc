//! The file where the CLI keeps an OAuth grant between runs, as a platform would keep it in its
//! credential store. Rotated tokens are written back after every call.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One stored grant. The client secret is not stored: it comes from `ZOOM_CLIENT_SECRET`.
#[derive(Serialize, Deserialize)]
pub struct Stored {
    pub client_id: String,
    pub oauth_url: String,
    pub api_url: String,
    /// The WIT `token-set` as JSON: access_token, refresh_token, expires_at, scopes.
    pub tokens: Value,
}

// Tokens are secrets: Debug shows where they lead, not what they are.
impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Stored({} at {})", self.client_id, self.oauth_url)
    }
}

pub fn read(path: &Path) -> Result<Stored> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading the OAuth tokens file {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not an OAuth tokens file", path.display()))
}

/// Writes the file readable by its owner only, replacing it atomically: two calls that rotate
/// tokens at once each leave a whole file, never a mix or a world-readable window.
pub fn write(path: &Path, stored: &Stored) -> Result<()> {
    crate::atomic_file::write_private(path, &serde_json::to_vec_pretty(stored)?)
}

/// A token shown without giving it away: its first four characters and its length.
pub fn mask(token: &str) -> String {
    let head: String = token.chars().take(4).collect();
    format!("{head}… ({} chars)", token.chars().count())
}
