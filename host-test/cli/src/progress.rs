//! A progress line on stderr while a call runs: the pages fetched so far, counted by the host as
//! the GETs it sends (the guest cannot report mid-call). Only for a terminal: in a pipe, stderr
//! carries nothing but the typed error.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(200);

/// The running line; [`Progress::finish`] ends it.
pub struct Progress {
    stop: oneshot::Sender<()>,
    task: JoinHandle<u64>,
}

fn count(n: u64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The line while the call runs.
pub fn running(pages: u64) -> String {
    format!("fetching: {} so far", count(pages, "page"))
}

/// The line once the call is over: `items` is how many rows its result holds, when it is a list.
pub fn done(pages: u64, items: Option<usize>) -> String {
    match items {
        Some(items) => format!("fetched {}, {}", count(pages, "page"), count(items as u64, "item")),
        None => format!("fetched {}", count(pages, "page")),
    }
}

impl Progress {
    /// Starts redrawing from `gets` (the runtime's count of GETs sent) when `enabled`; a single
    /// request shows nothing, so only lists that take several pages draw a line.
    pub fn start(gets: Arc<AtomicU64>, enabled: bool) -> Option<Progress> {
        if !enabled {
            return None;
        }
        let before = gets.load(Ordering::Relaxed);
        let (stop, mut stopped) = oneshot::channel();
        let task = tokio::spawn(async move {
            let mut shown = 0;
            loop {
                let pages = gets.load(Ordering::Relaxed) - before;
                if pages > 1 && pages != shown {
                    shown = pages;
                    let mut err = std::io::stderr();
                    let _ = write!(err, "\r{}", running(pages));
                    let _ = err.flush();
                }
                tokio::select! {
                    _ = &mut stopped => return if shown > 0 { gets.load(Ordering::Relaxed) - before } else { 0 },
                    _ = tokio::time::sleep(TICK) => {}
                }
            }
        });
        Some(Progress { stop, task })
    }

    /// Ends the line with the totals, when one was drawn; `items` is the rows the result holds.
    pub async fn finish(self, items: Option<usize>) {
        let _ = self.stop.send(());
        if let Ok(pages) = self.task.await {
            if pages > 0 {
                // Clear what the last redraw left, then the totals on a line of their own.
                eprintln!("\r\x1b[2K{}", done(pages, items));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_counts_pages_then_items() {
        assert_eq!(running(3), "fetching: 3 pages so far");
        assert_eq!(done(1, Some(1)), "fetched 1 page, 1 item");
        assert_eq!(done(12, Some(5_000)), "fetched 12 pages, 5000 items");
        assert_eq!(done(2, None), "fetched 2 pages");
    }

    #[tokio::test]
    async fn nothing_runs_when_disabled() {
        assert!(Progress::start(Arc::default(), false).is_none());
    }
}
