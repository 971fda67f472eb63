//! The small-number rule, in one place: every figure Cairn publishes from survey answers (on a
//! page, in CSV, in the API, on paper) goes through [`suppress`].
//!
//! - A count from 1 to under [`Thresholds::min_count`] (5) is shown as "fewer than 5"; a zero
//!   points at no one and is shown.
//! - A percentage, average or chart needs at least [`Thresholds::min_responses`] (10) responses.
//! - Wherever a hidden count could be worked out by subtraction (from a row's total, or from
//!   the other units' figures and the service's), the next-smallest count on that line is hidden
//!   too, until no published line has exactly one hidden cell.
//!
//! An organisation may raise the thresholds, never lower them ([`Thresholds::new`]).

/// The thresholds, never below the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub min_count: i64,
    pub min_responses: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_count: 5,
            min_responses: 10,
        }
    }
}

impl Thresholds {
    /// An organisation's thresholds, raised to the defaults where set lower.
    pub fn new(min_count: i64, min_responses: i64) -> Self {
        let d = Thresholds::default();
        Thresholds {
            min_count: min_count.max(d.min_count),
            min_responses: min_responses.max(d.min_responses),
        }
    }
}

/// One published figure: the number, or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Shown(i64),
    Suppressed,
}

impl Cell {
    pub fn shown(self) -> Option<i64> {
        match self {
            Cell::Shown(n) => Some(n),
            Cell::Suppressed => None,
        }
    }
}

/// A table of counts to publish: `cells[row][column]`, each row's total (published beside it)
/// and, when `column_totals` is set, each column's total over the rows (a service's figure over
/// its units). Totals are published as given unless themselves under the count threshold.
#[derive(Debug, Clone)]
pub struct Table {
    pub cells: Vec<Vec<i64>>,
    pub column_totals: bool,
}

/// The published table: each cell, each row's total and each column's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
}

/// A count that could point at a few people: 1 to 4 by default. A zero points at no one and
/// is shown (hiding zeros would hide most of a small unit's table for nothing).
fn small(n: i64, t: Thresholds) -> bool {
    n > 0 && n < t.min_count
}

/// Applies the rule to a table. Rows are lines whose total is published beside them; with
/// `column_totals`, columns are lines too.
pub fn suppress(table: &Table, t: Thresholds) -> Published {
    let rows = table.cells.len();
    let cols = table.cells.iter().map(Vec::len).max().unwrap_or(0);
    let value = |r: usize, c: usize| table.cells[r].get(c).copied().unwrap_or(0);
    let mut hidden: Vec<Vec<bool>> = (0..rows)
        .map(|r| (0..cols).map(|c| small(value(r, c), t)).collect())
        .collect();
    let row_total = |r: usize| (0..cols).map(|c| value(r, c)).sum::<i64>();
    let col_total = |c: usize| (0..rows).map(|r| value(r, c)).sum::<i64>();
    // A line whose total is itself small hides its total and every count in it but its
    // zeros (which point at no one).
    for (r, line) in hidden.iter_mut().enumerate() {
        if small(row_total(r), t) {
            for (c, h) in line.iter_mut().enumerate() {
                *h = value(r, c) > 0;
            }
        }
    }
    // Secondary suppression until every published line has none or at least two hidden cells.
    loop {
        let mut changed = false;
        // Only lines whose total is published can be subtracted from.
        let mut lines: Vec<Vec<(usize, usize)>> = (0..rows)
            .filter(|r| !small(row_total(*r), t))
            .map(|r| (0..cols).map(|c| (r, c)).collect())
            .collect();
        if table.column_totals && rows > 1 {
            lines.extend(
                (0..cols)
                    .filter(|c| !small(col_total(*c), t))
                    .map(|c| (0..rows).map(|r| (r, c)).collect::<Vec<_>>()),
            );
        }
        for line in lines {
            let n = line.iter().filter(|(r, c)| hidden[*r][*c]).count();
            if n == 1 {
                // The smallest count that is not zero (hiding a zero beside a small count
                // protects little), else a zero.
                let next = line
                    .iter()
                    .filter(|(r, c)| !hidden[*r][*c])
                    .min_by_key(|(r, c)| (value(*r, *c) == 0, value(*r, *c), *r, *c));
                if let Some((r, c)) = next {
                    hidden[*r][*c] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    // The column totals (the service's figures) are a line too, against their grand total: a
    // small one is hidden, with a second wherever one alone could be worked out. With a single
    // row the totals are that row's counts, so they hide what it hides.
    let mut col_hidden: Vec<bool> = (0..cols)
        .map(|c| small(col_total(c), t) || (rows == 1 && hidden[0][c]))
        .collect();
    let grand: i64 = (0..cols).map(col_total).sum();
    if !small(grand, t) && col_hidden.iter().filter(|h| **h).count() == 1 {
        let next = (0..cols)
            .filter(|c| !col_hidden[*c])
            .min_by_key(|c| (col_total(*c) == 0, col_total(*c), *c));
        if let Some(c) = next {
            col_hidden[c] = true;
        }
    }
    let cell = |h: bool, v: i64| if h { Cell::Suppressed } else { Cell::Shown(v) };
    Published {
        cells: (0..rows)
            .map(|r| (0..cols).map(|c| cell(hidden[r][c], value(r, c))).collect())
            .collect(),
        row_totals: (0..rows)
            .map(|r| cell(small(row_total(r), t), row_total(r)))
            .collect(),
        column_totals: (0..cols)
            .map(|c| cell(col_hidden[c], col_total(c)))
            .collect(),
    }
}

/// A percentage of `responses`, or hidden when the count is hidden or there are too few
/// responses for a percentage.
pub fn percent(count: Cell, responses: i64, t: Thresholds) -> Cell {
    match count {
        Cell::Shown(n) if responses >= t.min_responses && responses > 0 => {
            Cell::Shown((n * 100 + responses / 2) / responses)
        }
        _ => Cell::Suppressed,
    }
}

/// An average in tenths (3.4 is 34) of `values`, or hidden under the response threshold.
pub fn average_tenths(values: &[i64], t: Thresholds) -> Cell {
    let n = values.len() as i64;
    if n < t.min_responses || n == 0 {
        return Cell::Suppressed;
    }
    let sum: i64 = values.iter().sum();
    Cell::Shown((sum * 10 + n / 2) / n)
}

/// Whether a chart may be drawn from `responses` responses.
pub fn may_chart(responses: i64, t: Thresholds) -> bool {
    responses >= t.min_responses
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one_row(cells: &[i64]) -> Published {
        suppress(
            &Table {
                cells: vec![cells.to_vec()],
                column_totals: false,
            },
            Thresholds::default(),
        )
    }

    #[test]
    fn a_small_count_is_hidden_with_the_next_smallest_so_the_total_gives_nothing_away() {
        let p = one_row(&[20, 3, 9, 12]);
        assert_eq!(
            p.cells[0],
            vec![
                Cell::Shown(20),
                Cell::Suppressed,
                Cell::Suppressed,
                Cell::Shown(12)
            ]
        );
        assert_eq!(p.row_totals[0], Cell::Shown(44));
        // Two small counts hide each other; nothing more is needed.
        let p = one_row(&[20, 3, 2, 12]);
        assert_eq!(p.cells[0][0], Cell::Shown(20));
        assert_eq!(p.cells[0][3], Cell::Shown(12));
    }

    #[test]
    fn a_line_with_a_small_total_hides_its_total_and_every_count_but_its_zeros() {
        let p = one_row(&[2, 1, 0]);
        assert_eq!(p.row_totals[0], Cell::Suppressed);
        assert_eq!(
            p.cells[0],
            vec![Cell::Suppressed, Cell::Suppressed, Cell::Shown(0)]
        );
        // A zero on its own points at no one.
        assert_eq!(
            one_row(&[12, 0]).cells[0],
            vec![Cell::Shown(12), Cell::Shown(0)]
        );
    }

    #[test]
    fn percentages_and_averages_need_ten_responses_and_thresholds_never_go_below_the_defaults() {
        let t = Thresholds::default();
        assert_eq!(percent(Cell::Shown(6), 9, t), Cell::Suppressed);
        assert_eq!(percent(Cell::Shown(6), 12, t), Cell::Shown(50));
        assert_eq!(average_tenths(&[4; 9], t), Cell::Suppressed);
        assert_eq!(
            average_tenths(&[4, 4, 4, 4, 4, 5, 5, 5, 5, 5], t),
            Cell::Shown(45)
        );
        assert_eq!(Thresholds::new(3, 4), Thresholds::default());
        assert_eq!(Thresholds::new(8, 20).min_count, 8);
    }

    #[test]
    fn a_units_hidden_count_cannot_be_worked_out_from_the_services_figure() {
        // Two units' answers to one question; the service's column totals are published.
        let p = suppress(
            &Table {
                cells: vec![vec![30, 3, 12], vec![25, 14, 11]],
                column_totals: true,
            },
            Thresholds::default(),
        );
        // Unit 1's 3 is hidden, with its row's next smallest (12); its column then needs a
        // second hidden cell (unit 2's 14), and so on, until no line has one alone.
        for line in lines(&p, true) {
            assert_ne!(line.iter().filter(|c| **c == Cell::Suppressed).count(), 1);
        }
        assert_eq!(p.cells[0][1], Cell::Suppressed);
    }

    #[test]
    fn the_services_figures_hide_a_second_total_so_the_answered_count_gives_nothing_away() {
        // Two units; "very poor" totals 3 over the service, beside 40, 45, 19, 8 and 5.
        let p = suppress(
            &Table {
                cells: vec![vec![20, 25, 10, 4, 2, 3], vec![20, 20, 9, 4, 1, 2]],
                column_totals: true,
            },
            Thresholds::default(),
        );
        assert_eq!(p.column_totals[4], Cell::Suppressed);
        assert_eq!(
            p.column_totals
                .iter()
                .filter(|c| **c == Cell::Suppressed)
                .count(),
            2
        );
    }

    fn lines(p: &Published, columns: bool) -> Vec<Vec<Cell>> {
        let mut out: Vec<Vec<Cell>> = p.cells.clone();
        if columns && p.cells.len() > 1 {
            let cols = p.cells[0].len();
            out.extend((0..cols).map(|c| p.cells.iter().map(|r| r[c]).collect()));
        }
        out
    }

    /// Whether a hidden cell can be solved for: in a line whose total is published, the only
    /// hidden cell equals the total less the shown ones.
    fn recoverable(p: &Published, columns: bool) -> bool {
        let rows = p.cells.iter().zip(&p.row_totals).any(|(line, total)| {
            total.shown().is_some() && line.iter().filter(|c| **c == Cell::Suppressed).count() == 1
        });
        let cols = columns
            && p.cells.len() > 1
            && (0..p.column_totals.len()).any(|c| {
                p.column_totals[c].shown().is_some()
                    && p.cells.iter().filter(|r| r[c] == Cell::Suppressed).count() == 1
            });
        rows || cols
    }

    proptest! {
        #[test]
        fn no_hidden_count_can_be_recovered_and_every_small_count_is_hidden(
            cells in proptest::collection::vec(proptest::collection::vec(0i64..40, 2..7), 1..6),
            columns in any::<bool>(),
        ) {
            let width = cells.iter().map(Vec::len).min().unwrap_or(0);
            let cells: Vec<Vec<i64>> = cells.into_iter().map(|r| r[..width].to_vec()).collect();
            let p = suppress(&Table { cells: cells.clone(), column_totals: columns }, Thresholds::default());
            let grand: i64 = cells.iter().flatten().sum();
            let totals_recoverable = grand >= 5
                && p.column_totals.iter().filter(|c| **c == Cell::Suppressed).count() == 1;
            prop_assert!(!totals_recoverable, "service totals: {cells:?} -> {p:?}");
            if cells.len() == 1 {
                // One unit: the service's figures are its own, hidden alike.
                prop_assert_eq!(&p.column_totals, &p.cells[0]);
            }
            prop_assert!(!recoverable(&p, columns), "{cells:?} -> {p:?}");
            for (r, row) in cells.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if *v > 0 && *v < 5 {
                        prop_assert_eq!(p.cells[r][c], Cell::Suppressed);
                    } else if let Cell::Shown(x) = p.cells[r][c] {
                        prop_assert_eq!(x, *v);
                    }
                }
            }
        }
    }
}
