//! `cairn bench --flat`: whether page costs stay flat as data grows. Builds board and board10
//! data (ten times the people and suggestions, ten years of history) on fresh SQLite files,
//! measures each list page's and the two assessment pages' median single-request time through
//! the real router on both, as `cairn bench` does, and prints the ratio. The two data sets take
//! turns page by page, so a slower spell of a shared machine does not land on one of them.

use crate::bench_data::{self, BenchScale};
use anyhow::{Result, bail};
use axum::http::header;

/// The most a page's median may grow from board to board10 data: a page that reads an index
/// range of about one page costs nearly the same however many rows lie outside that range.
const FLAT_RATIO: f64 = 1.5;

/// One page's medians on both data sets, milliseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Growth {
    pub name: &'static str,
    pub board_ms: f64,
    pub board10_ms: f64,
}

impl Growth {
    pub fn ratio(&self) -> f64 {
        self.board10_ms / self.board_ms
    }
}

/// Pages whose median grew by more than [`FLAT_RATIO`] (or could not be compared).
pub fn flat_missed(pages: &[Growth]) -> Vec<String> {
    pages
        .iter()
        // A missing figure (NaN) counts as a miss.
        .filter(|g| {
            g.ratio()
                .partial_cmp(&FLAT_RATIO)
                .is_none_or(std::cmp::Ordering::is_gt)
        })
        .map(|g| {
            format!(
                "{}: {:.2} times its board-scale median (target at most {FLAT_RATIO})",
                g.name,
                g.ratio()
            )
        })
        .collect()
}

/// How many turns each data set takes per page: the two take turns, so that a change in the
/// machine's speed during the run (a shared machine's often are) falls on both alike.
const TURNS: usize = 10;

/// The middle of `times` (sorted here).
fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Each measured page's medians on board and board10 data, taking turns at `iterations`
/// requests in all on each.
async fn growths(
    board: &bench_data::Board,
    board10: &bench_data::Board,
    iterations: usize,
) -> Result<Vec<Growth>> {
    let sets = [board, board10].map(|b| {
        (
            bench_data::router(&b.app),
            bench_data::pages(b.org, b.unit),
            b.cookie.as_str(),
        )
    });
    let per_turn = iterations.div_ceil(TURNS).max(1);
    let mut out = Vec::new();
    for (k, page) in sets[0].1.iter().enumerate() {
        // Neither yardstick reads anything that grows with the data.
        if page.kind.is_yardstick() {
            continue;
        }
        let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        for (s, (router, pages, cookie)) in sets.iter().enumerate() {
            for _ in 0..crate::bench::WARM_UP {
                crate::bench::time_one(router, &pages[k].path, (header::COOKIE, cookie)).await?;
            }
            times[s].reserve(per_turn * TURNS);
        }
        for _ in 0..TURNS {
            for (s, (router, pages, cookie)) in sets.iter().enumerate() {
                for _ in 0..per_turn {
                    times[s].push(
                        crate::bench::time_one(router, &pages[k].path, (header::COOKIE, cookie))
                            .await?,
                    );
                }
            }
        }
        let [mut on_board, mut on_board10] = times;
        out.push(Growth {
            name: page.name,
            board_ms: median(&mut on_board),
            board10_ms: median(&mut on_board10),
        });
    }
    Ok(out)
}

/// Runs the flatness check and prints a table; with `check`, fails when a page grew too much.
pub async fn run(database_url: Option<&str>, iterations: usize, check: bool) -> Result<()> {
    if database_url.is_some() {
        bail!("--flat builds its own board and board10 SQLite files: leave out --database-url");
    }
    let board = bench_data::prepare(None, BenchScale::Board).await?;
    let board10 = bench_data::prepare(None, BenchScale::Board10).await?;
    let (board_secs, board10_secs) = (board.build_secs, board10.build_secs);
    let pages = growths(&board, &board10, iterations).await?;
    board.app.db.close().await;
    board10.app.db.close().await;
    drop((board, board10));
    bench_data::remove_temp_dir()?;
    println!();
    println!(
        "{:<42} {:>12} {:>12} {:>8}",
        "page (SQLite, median ms)", "board", "board10", "ratio"
    );
    for g in &pages {
        println!(
            "{:<42} {:>12.2} {:>12.2} {:>8.2}",
            g.name,
            g.board_ms,
            g.board10_ms,
            g.ratio()
        );
    }
    println!(
        "{:<42} {:>12.1} {:>12.1}",
        "data built in (s)", board_secs, board10_secs
    );
    let missed = flat_missed(&pages);
    if check && !missed.is_empty() {
        bail!("targets missed:\n  {}", missed.join("\n  "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn growth(name: &'static str, board_ms: f64, board10_ms: f64) -> Growth {
        Growth {
            name,
            board_ms,
            board10_ms,
        }
    }

    #[test]
    fn pages_within_one_and_a_half_times_pass() {
        let pages = [growth("people", 2.0, 3.0), growth("meetings", 4.0, 2.0)];
        assert!(flat_missed(&pages).is_empty());
    }

    #[test]
    fn a_page_that_grew_too_much_is_named() {
        let pages = [growth("people", 2.0, 3.0), growth("suggestions", 2.0, 3.02)];
        let missed = flat_missed(&pages);
        assert_eq!(missed.len(), 1, "{missed:?}");
        assert!(missed[0].starts_with("suggestions: 1.51 times"));
    }

    #[test]
    fn a_page_without_figures_misses() {
        assert_eq!(flat_missed(&[growth("board", f64::NAN, 1.0)]).len(), 1);
    }
}
