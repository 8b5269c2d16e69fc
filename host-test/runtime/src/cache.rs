//! The compiled-artifact cache beside the component file.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use wasmtime::component::Component;
use wasmtime::Engine;

/// `Component::new` compiles for hundreds of milliseconds; a precompiled artifact loads in one.
pub(crate) fn load(engine: &Engine, path: &Path) -> Result<Component> {
    let bytes = std::fs::read(path).with_context(|| format!("reading the component {}", path.display()))?;
    let mut hasher = Sha256::new();
    hasher.update(&bytes);
    hasher.update(env!("CARGO_PKG_VERSION"));
    let mut engine_hash = std::collections::hash_map::DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut engine_hash);
    hasher.update(engine_hash.finish().to_le_bytes());
    let digest: String = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
    let cached: PathBuf = path.with_extension(format!("{digest}.cwasm"));
    if cached.exists() {
        // SAFETY: the file was written by `serialize` below for this exact engine configuration
        // and component bytes (both are in its name), in a directory only this build writes.
        if let Ok(c) = unsafe { Component::deserialize_file(engine, &cached) } {
            return Ok(c);
        }
    }
    let component = Component::new(engine, &bytes).map_err(anyhow::Error::from).context("compiling the component")?;
    // Under a unique temporary name and renamed only once whole: a concurrent loader never maps a
    // half-written artifact. A cache that cannot be written only costs the next load a compile.
    if let Ok(serialized) = component.serialize() {
        let _ = crate::atomic_file::write_private(&cached, &serialized);
    }
    Ok(component)
}
