//! Component load: compiling the component versus loading the precompiled artifact, and
//! `Runtime::from_file`.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use wasmtime::component::Component;
use wasmtime::{Config, Engine};

use super::stats::Stats;
use super::table::{ratio, Table};
use super::Ratios;
use zoom_runtime::{Limits, Runtime};

use crate::COMPONENT_PATH;

/// The compiled component, its sizes, and how long each way of loading it took.
pub(super) struct Load {
    component_bytes: usize,
    artifact_bytes: usize,
    compile: Stats,
    deserialize_file: Stats,
    deserialize_bytes: Stats,
}

/// The engine configuration `Runtime::from_file` uses.
fn engine() -> Result<Engine> {
    let mut config = Config::new();
    config.consume_fuel(true);
    Ok(Engine::new(&config)?)
}

pub(super) fn measure_load(iterations: usize) -> Result<Load> {
    let bytes = std::fs::read(COMPONENT_PATH).with_context(|| format!("reading {COMPONENT_PATH}"))?;
    let engine = engine()?;
    let mut compile = Vec::new();
    let mut component = None;
    for _ in 0..(iterations / 60).clamp(1, 5) {
        let t = Instant::now();
        let c = Component::new(&engine, &bytes).map_err(anyhow::Error::from).context("compiling the component")?;
        compile.push(t.elapsed());
        component = Some(c);
    }
    let component = component.context("no compile run")?;
    let artifact = component.serialize()?;
    let path = std::env::temp_dir().join(format!("zoom-host-bench-{}.cwasm", std::process::id()));
    std::fs::write(&path, &artifact).with_context(|| format!("writing {}", path.display()))?;
    let runs = (iterations / 4).max(5);
    let mut from_file = Vec::with_capacity(runs);
    let mut from_bytes = Vec::with_capacity(runs);
    let result = (|| -> Result<()> {
        for _ in 0..runs {
            let t = Instant::now();
            // SAFETY: the file was written just above from `serialize` on this very engine, in a
            // file named after this process, and nothing else writes it.
            let c = unsafe { Component::deserialize_file(&engine, &path) }?;
            from_file.push(t.elapsed());
            drop(c);
            let t = Instant::now();
            // SAFETY: `artifact` came from `serialize` on this engine a moment ago.
            let c = unsafe { Component::deserialize(&engine, &artifact) }?;
            from_bytes.push(t.elapsed());
            drop(c);
        }
        Ok(())
    })();
    let _ = std::fs::remove_file(&path);
    result?;
    Ok(Load {
        component_bytes: bytes.len(),
        artifact_bytes: artifact.len(),
        compile: Stats::of(&compile),
        deserialize_file: Stats::of(&from_file),
        deserialize_bytes: Stats::of(&from_bytes),
    })
}

impl Load {
    /// The "component load" section and its two ratios.
    pub(super) fn report(&self, table: &mut Table, ratios: &mut Ratios) {
        table.section("component load");
        table.row("Component::new (compile)", &self.compile, "");
        table.row("Component::deserialize_file (artifact)", &self.deserialize_file, "");
        table.row("Component::deserialize (artifact in memory)", &self.deserialize_bytes, "");
        table.note(format!(
            "component {} bytes, precompiled artifact {} bytes",
            self.component_bytes, self.artifact_bytes
        ));
        ratios.push((
            "compile / load precompiled artifact (median)".into(),
            ratio(self.compile.median, self.deserialize_file.median),
        ));
        ratios.push((
            "artifact size / component size".into(),
            format!("{:.1}x", self.artifact_bytes as f64 / self.component_bytes.max(1) as f64),
        ));
    }
}

/// `Runtime::from_file` twice, timed: the first may compile or fill the artifact cache, the second hits it.
pub(super) fn new_runtime(limits: &Limits, table: &mut Table) -> Result<Runtime> {
    let mut runtime_new: Vec<Duration> = Vec::new();
    let mut runtime = None;
    for _ in 0..2 {
        let t = Instant::now();
        runtime = Some(crate::runtime(limits.clone())?);
        runtime_new.push(t.elapsed());
    }
    let runtime = runtime.context("no runtime")?;
    table.row_single("Runtime::from_file, 1st (artifact cache or compile, linker, pre)", runtime_new[0]);
    table.row_single("Runtime::from_file, 2nd (artifact cache hit, linker, pre)", runtime_new[1]);
    Ok(runtime)
}
