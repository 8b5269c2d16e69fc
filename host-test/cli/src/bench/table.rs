//! The table printer and the units figures are shown in.

use std::fmt::Write as _;
use std::io::Write;
use std::time::Duration;

use anyhow::Result;

use super::stats::Stats;

/// Rows in the order they were added, printed with one label column as wide as the widest.
#[derive(Default)]
pub(super) struct Table {
    lines: Vec<Line>,
}

enum Line {
    Section(String),
    Row { label: String, stats: Stats, unit: String },
    Single { label: String, took: Duration },
    Rate { label: String, n: usize, wall: Duration, unit: String },
    Note(String),
}

impl Table {
    pub(super) fn section(&mut self, title: &str) {
        self.lines.push(Line::Section(title.to_owned()));
    }

    pub(super) fn row(&mut self, label: &str, stats: &Stats, unit: &str) {
        self.lines.push(Line::Row { label: label.to_owned(), stats: *stats, unit: unit.to_owned() });
    }

    pub(super) fn row_single(&mut self, label: &str, took: Duration) {
        self.lines.push(Line::Single { label: label.to_owned(), took });
    }

    /// `n` items done concurrently in `wall`: the mean per item (in the median column) and the
    /// throughput; there are no per-item samples.
    pub(super) fn rate(&mut self, label: &str, n: usize, wall: Duration, unit: &str) {
        self.lines.push(Line::Rate { label: label.to_owned(), n, wall, unit: unit.to_owned() });
    }

    pub(super) fn note(&mut self, text: String) {
        self.lines.push(Line::Note(text));
    }

    pub(super) fn print(&self, out: &mut dyn Write) -> Result<()> {
        let width = self
            .lines
            .iter()
            .map(|l| match l {
                Line::Row { label, .. } | Line::Single { label, .. } | Line::Rate { label, .. } => {
                    label.chars().count()
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0)
            .max(20);
        writeln!(out, "  {:<width$} {:>6} {:>11} {:>11} {:>11}  throughput", "measure", "n", "median", "p95", "min")?;
        for line in &self.lines {
            match line {
                Line::Section(title) => writeln!(out, "{title}")?,
                Line::Note(text) => writeln!(out, "  ({text})")?,
                Line::Single { label, took } => {
                    let text = format!("  {label:<width$} {:>6} {:>11}", 1, dur(*took));
                    writeln!(out, "{}", text.trim_end())?
                }
                Line::Rate { label, n, wall, unit } => {
                    let mean = *wall / (*n).max(1) as u32;
                    let rate = *n as f64 / wall.as_secs_f64().max(1e-9);
                    let text = format!("  {label:<width$} {n:>6} {:>11} {:>11} {:>11}", dur(mean), "-", "-");
                    writeln!(out, "{text}  {} {unit}/s (wall {})", count(rate), dur(*wall))?
                }
                Line::Row { label, stats, unit } => {
                    let mut text = format!(
                        "  {label:<width$} {:>6} {:>11} {:>11} {:>11}",
                        stats.n,
                        dur(stats.median),
                        dur(stats.p95),
                        dur(stats.min)
                    );
                    if !unit.is_empty() {
                        let _ = write!(text, "  {} {unit}/s", count(stats.per_second()));
                    }
                    writeln!(out, "{text}")?
                }
            }
        }
        Ok(())
    }
}

/// A duration in the unit that keeps it readable.
fn dur(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.1} µs")
    } else if us < 1_000_000.0 {
        format!("{:.2} ms", us / 1e3)
    } else {
        format!("{:.3} s", us / 1e6)
    }
}

fn count(n: f64) -> String {
    if n >= 10_000.0 {
        format!("{:.1}k", n / 1e3)
    } else {
        format!("{n:.0}")
    }
}

pub(super) fn ratio(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        "n/a".into()
    } else {
        format!("{:.1}x ({} / {})", a.as_secs_f64() / b.as_secs_f64(), dur(a), dur(b))
    }
}

pub(super) fn mib(bytes: usize) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}

pub(super) fn kib(kb: Option<u64>) -> String {
    kb.map_or_else(|| "n/a".into(), |kb| format!("{:.1} MiB", kb as f64 / 1024.0))
}
