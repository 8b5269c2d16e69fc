//! Entry points for the coverage-guided fuzz targets in `fuzz/`, compiled only with the `fuzzing`
//! feature (off by default): the component, its WIT and this crate's surface without the feature
//! do not change. Each module drives one real code path natively and says what it saw in plain
//! types, so a target can assert more than "no panic" without reaching into the crate.
//!
//! The stable test suite checks the same properties with proptest (`tests`), so they hold
//! without nightly.

pub mod answers;
pub mod cursor;
pub mod retry;
pub mod webhook;

#[cfg(test)]
mod tests;
