//! Sample statistics: nearest-rank median and p95, and throughput.

use std::time::Duration;

/// Median and p95 (nearest rank) and throughput of a set of samples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    pub n: usize,
    pub min: Duration,
    pub median: Duration,
    pub p95: Duration,
    pub total: Duration,
}

impl Stats {
    pub fn of(samples: &[Duration]) -> Stats {
        let mut sorted = samples.to_vec();
        sorted.sort();
        Stats {
            n: sorted.len(),
            min: sorted.first().copied().unwrap_or_default(),
            median: percentile(&sorted, 50.0),
            p95: percentile(&sorted, 95.0),
            total: sorted.iter().sum(),
        }
    }

    /// Samples per second of measured time.
    pub fn per_second(&self) -> f64 {
        if self.total.is_zero() {
            0.0
        } else {
            self.n as f64 / self.total.as_secs_f64()
        }
    }
}

/// The nearest-rank percentile `p` (0–100] of ascending `sorted`; zero when empty.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}
