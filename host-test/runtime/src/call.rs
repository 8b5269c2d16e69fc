//! The limits every call runs under, whichever way it is made (the JSON bridge or the typed
//! bindings): fuel refilled per call, a deadline, and an instance that is never called again after
//! a trap or an abandoned call, since its state is then undefined.

use std::fmt;

use anyhow::{bail, Result};
use serde_json::{json, Value};
use tokio::time::error::Elapsed;

use crate::engine::Connector;

/// Why a call ended without the function's own answer. The instance is poisoned either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// The guest ran past its fuel, memory or time budget.
    LimitExceeded(String),
    /// The guest trapped for another reason (a bug in the component).
    Trap(String),
}

impl CallError {
    /// The same JSON shape as the component's own errors: `{"limit_exceeded": "..."}` or
    /// `{"trap": "..."}`.
    pub fn to_json(&self) -> Value {
        match self {
            CallError::LimitExceeded(m) => json!({ "limit_exceeded": m }),
            CallError::Trap(m) => json!({ "trap": m }),
        }
    }

    /// A trap as a typed error: `LimitExceeded` when the guest ran past its fuel or memory budget.
    fn from_trap(function: &str, error: &anyhow::Error) -> CallError {
        let text = format!("{error:#}");
        let out_of_fuel = error.chain().any(|e| e.downcast_ref::<wasmtime::Trap>() == Some(&wasmtime::Trap::OutOfFuel));
        if out_of_fuel {
            CallError::LimitExceeded(format!("{function} used more than its CPU budget (fuel)"))
        } else if text.contains("forcing trap when growing memory") || text.contains("memory allocation") {
            CallError::LimitExceeded(format!("{function} needed more memory than its limit"))
        } else {
            CallError::Trap(format!("{function} trapped: {}", text.lines().next().unwrap_or("")))
        }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::LimitExceeded(m) | CallError::Trap(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CallError {}

impl Connector {
    /// What every call starts with: a poisoned instance is refused, and the fuel refilled.
    pub(crate) fn begin_call(&mut self) -> Result<()> {
        if self.poisoned {
            bail!("this instance trapped earlier; instantiate a new one");
        }
        self.store.set_fuel(self.fuel)?;
        Ok(())
    }

    /// What every call ends with, given the call raced against `self.deadline`: the fuel it
    /// burned, and the instance poisoned when the call was abandoned or trapped.
    pub(crate) fn end_call<T>(
        &mut self,
        function: &str,
        called: Result<wasmtime::Result<T>, Elapsed>,
    ) -> Result<T, CallError> {
        let Ok(called) = called else {
            // The call was abandoned mid-flight: like a trap, the instance is never called again.
            self.poisoned = true;
            let secs = self.deadline.as_secs_f64();
            return Err(CallError::LimitExceeded(format!("{function} ran longer than its time limit ({secs} s)")));
        };
        // Fuel counts the guest's wasm instructions: a figure that machine noise does not move.
        self.fuel_used = self.fuel.saturating_sub(self.store.get_fuel().unwrap_or(0));
        called.map_err(|trap| {
            self.poisoned = true;
            CallError::from_trap(function, &anyhow::Error::from(trap))
        })
    }
}
