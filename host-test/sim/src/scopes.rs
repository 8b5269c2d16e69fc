//! Scopes of the operations the simulator serves (the table, keyed by method
//! and path template as in `spec/operations.json`, is `scope_table`). A token
//! minted with an explicit scope list must hold one of an operation's scopes
//! (granular or classic, any one suffices) or Zoom answers 400/4711 naming the
//! first granular scope. Tokens from `/oauth/token` carry their app's scopes:
//! every scope unless `Simulator::set_app_scopes` narrowed the app. Legacy
//! JWTs carry every scope.

use super::errors;
use super::oauth;
use super::server::{Request, Response};
use super::store::Store;

pub(crate) use super::scope_table::OPERATIONS;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rate {
    Light,
    Medium,
    Heavy,
}

impl Rate {
    /// The `X-RateLimit-Category` header value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Rate::Light => "Light",
            Rate::Medium => "Medium",
            Rate::Heavy => "Heavy",
        }
    }
}

pub(crate) struct Operation {
    pub method: &'static str,
    pub template: &'static str,
    pub rate: Rate,
    /// In the spec's order: the first one is what a 4711 message names.
    pub granular: &'static [&'static str],
    pub classic: &'static [&'static str],
}

pub(crate) fn find(method: &str, template: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.method == method && o.template == template)
}

/// What the token endpoint reports in `scope`: the account-level (`:admin`)
/// granular scope of every operation, as an S2S app configured for all of
/// them would get.
pub(crate) fn granted() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    // An operation with no granular scope (two reports) is reached through its classic one.
    let scopes = OPERATIONS.iter().flat_map(|o| if o.granular.is_empty() { o.classic } else { o.granular });
    for s in scopes.filter(|s| s.ends_with(":admin")) {
        if !out.contains(s) {
            out.push(s);
        }
    }
    out
}

/// Runs after the bearer check, so the token is known to be valid.
pub(crate) fn check(store: &Store, req: &Request, op: &Operation) -> Result<(), Response> {
    let Some(held) = oauth::bearer(req).and_then(|t| store.tokens.scopes(t)) else {
        return Ok(());
    };
    let covered = op.granular.iter().chain(op.classic).any(|s| held.iter().any(|h| h == s));
    if covered {
        return Ok(());
    }
    let named = op.granular.first().or(op.classic.first()).copied().unwrap_or_default();
    Err(errors::missing_scope(named))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_unique_and_every_operation_has_a_granular_scope() {
        for (i, a) in OPERATIONS.iter().enumerate() {
            let no_granular_in_spec = ["/report/daily", "/report/cloud_recording"].contains(&a.template);
            assert!(!a.granular.is_empty() || no_granular_in_spec, "{} {}", a.method, a.template);
            assert!(!a.classic.is_empty(), "{} {}", a.method, a.template);
            assert!(OPERATIONS[i + 1..].iter().all(|b| (b.method, b.template) != (a.method, a.template)));
        }
    }

    #[test]
    fn granted_lists_admin_scopes_once() {
        let g = granted();
        assert!(g.contains(&"meeting:write:registrant:admin"));
        assert!(g.contains(&"phone:read:list_recordings:admin"));
        assert!(g.iter().all(|s| s.ends_with(":admin")));
        let mut dedup = g.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), g.len());
    }
}
