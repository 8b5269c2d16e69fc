//! The ways a recipe starts: verified webhook deliveries ([`webhook`], typed by [`events`], and
//! served over HTTP by [`endpoint`]), polling ([`polling`] with its [`cursor`]), and recovery of
//! missed events ([`reconcile`]); and samples of what each emits ([`sample`]).

pub(crate) mod cursor;
pub(crate) mod endpoint;
pub(crate) mod events;
pub(crate) mod polling;
pub(crate) mod reconcile;
pub(crate) mod sample;
pub(crate) mod webhook;
