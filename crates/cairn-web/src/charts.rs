//! Server-drawn SVG charts. Each chart has a title and a one-line summary for screen readers
//! (`role="img"` with `aria-labelledby`), never relies on colour alone (bars carry their
//! numbers; lines differ by dash pattern and end label), and is always shown with a data table
//! beside it. Styles are SVG presentation attributes, which the Content-Security-Policy allows.

use std::fmt::Write;

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// One stacked bar: a label and its segments (value, fill colour, text colour).
pub struct Bar {
    pub label: String,
    pub segments: Vec<(i64, &'static str, &'static str)>,
}

/// Horizontal stacked bars (for example Red/Amber/Green counts per level).
pub fn stacked_bars(
    id: &str,
    title: &str,
    summary: &str,
    bars: &[Bar],
    legend: &[(String, &'static str)],
) -> String {
    let (w, label_w, bar_h, gap) = (640.0_f64, 120.0_f64, 36.0_f64, 16.0_f64);
    let max = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.0).sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let h = bars.len() as f64 * (bar_h + gap) + 50.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r###"<svg class="cairn-chart" id="{id}" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"###,
        esc(title),
        esc(summary)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as f64 * (bar_h + gap);
        let _ = write!(
            out,
            r###"<text x="0" y="{:.1}" font-size="16" fill="#212b32">{}</text>"###,
            y + bar_h * 0.65,
            esc(&b.label)
        );
        let mut x = label_w;
        for (v, fill, text) in &b.segments {
            if *v <= 0 {
                continue;
            }
            let sw = (*v as f64) / max * (w - label_w - 10.0);
            let _ = write!(
                out,
                r###"<rect x="{x:.1}" y="{y:.1}" width="{sw:.1}" height="{bar_h}" fill="{fill}" stroke="#ffffff" stroke-width="1"/>"###
            );
            if sw > 22.0 {
                let _ = write!(
                    out,
                    r###"<text x="{:.1}" y="{:.1}" font-size="15" fill="{text}" text-anchor="middle">{v}</text>"###,
                    x + sw / 2.0,
                    y + bar_h * 0.65
                );
            }
            x += sw;
        }
    }
    let mut lx = label_w;
    let ly = bars.len() as f64 * (bar_h + gap) + 20.0;
    for (name, fill) in legend {
        let _ = write!(
            out,
            r###"<rect x="{lx:.1}" y="{:.1}" width="14" height="14" fill="{fill}" stroke="#212b32" stroke-width="1"/><text x="{:.1}" y="{ly:.1}" font-size="14" fill="#212b32">{}</text>"###,
            ly - 12.0,
            lx + 20.0,
            esc(name)
        );
        lx += 30.0 + name.chars().count() as f64 * 8.0;
    }
    out.push_str("</svg>");
    out
}

/// A line chart of percentages (0–100) over a sequence of points, one line per series.
pub fn percent_lines(
    id: &str,
    title: &str,
    summary: &str,
    x_labels: &[String],
    series: &[(String, Vec<i64>)],
) -> String {
    let (w, h, left, bottom, top) = (640.0_f64, 300.0_f64, 48.0_f64, 40.0_f64, 16.0_f64);
    let plot_w = w - left - 110.0;
    let plot_h = h - bottom - top;
    let n = x_labels.len().max(1);
    let x_of = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: i64| top + plot_h * (1.0 - v as f64 / 100.0);
    let mut out = String::new();
    let _ = write!(
        out,
        r###"<svg class="cairn-chart" id="{id}" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"###,
        esc(title),
        esc(summary)
    );
    for v in [0, 50, 100] {
        let y = y_of(v);
        let _ = write!(
            out,
            r###"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#aeb7bd" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#212b32" text-anchor="end">{v}%</text>"###,
            left + plot_w,
            left - 6.0,
            y + 4.0
        );
    }
    // With many points (ten years of quarterly rounds) every name would print over its
    // neighbours' and none could be read, so only every `step`th is named, counting back from
    // the latest, which is always named. The width allowed a name is a 13-pixel font's widest
    // likely glyphs (0.6 em each) and a small gap.
    let gap = if n > 1 {
        plot_w / (n - 1) as f64
    } else {
        plot_w
    };
    let widest = x_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0) as f64
        * 13.0
        * 0.6
        + 6.0;
    let step = (widest / gap).ceil().max(1.0) as usize;
    for (i, l) in x_labels.iter().enumerate() {
        if !(n - 1 - i).is_multiple_of(step) {
            continue;
        }
        let _ = write!(
            out,
            r###"<text x="{:.1}" y="{:.1}" font-size="13" fill="#212b32" text-anchor="middle">{}</text>"###,
            x_of(i),
            h - 14.0,
            esc(l)
        );
    }
    let dashes = ["", "8 4", "2 4"];
    let colours = ["#005eb8", "#330072", "#007f3b"];
    for (k, (_, values)) in series.iter().enumerate() {
        let pts: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
            .collect();
        let colour = colours[k % colours.len()];
        let dash = dashes[k % dashes.len()];
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(r###" stroke-dasharray="{dash}""###)
        };
        let _ = write!(
            out,
            r###"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>"###,
            pts.join(" ")
        );
        for (i, v) in values.iter().enumerate() {
            let _ = write!(
                out,
                r###"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{colour}"/>"###,
                x_of(i),
                y_of(*v)
            );
        }
    }
    // Each line is named at its last point. Lines ending at the same or nearby figures (all
    // three at 0% before anything is in place) would print their names over each other, so
    // the names are moved apart, keeping their order, by at least a line of text.
    let mut ends: Vec<(usize, f64)> = series
        .iter()
        .enumerate()
        .filter_map(|(k, (_, values))| values.last().map(|v| (k, y_of(*v) + 5.0)))
        .collect();
    ends.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    spread(&mut ends, 16.0, y_of(0) + 5.0);
    for (k, y) in ends {
        let (name, values) = &series[k];
        let colour = colours[k % colours.len()];
        let _ = write!(
            out,
            r###"<text x="{:.1}" y="{y:.1}" font-size="14" fill="{colour}">{}</text>"###,
            x_of(values.len().saturating_sub(1)) + 10.0,
            esc(name)
        );
    }
    out.push_str("</svg>");
    out
}

/// Moves positions sorted from top to bottom apart so each is at least `gap` below the one
/// before, then lifts them all together if the lowest went past `floor`.
fn spread(ends: &mut [(usize, f64)], gap: f64, floor: f64) {
    for i in 1..ends.len() {
        ends[i].1 = ends[i].1.max(ends[i - 1].1 + gap);
    }
    if let Some(&(_, lowest)) = ends.last()
        && lowest > floor
    {
        for e in ends.iter_mut() {
            e.1 -= lowest - floor;
        }
    }
}

/// One month on an SPC chart: its label, figure, limits and verdict.
pub struct SpcPoint {
    pub label: String,
    pub value: f64,
    pub mean: f64,
    pub upper: Option<f64>,
    pub lower: Option<f64>,
    /// `Some(true)` special cause improvement, `Some(false)` concern, `None` common cause.
    pub improvement: Option<bool>,
    /// Starts a new phase (limits re-based here).
    pub new_phase: bool,
}

/// The words an SPC chart draws (legend and line labels), in the reader's language.
pub struct SpcWords {
    pub mean: String,
    pub limits: String,
    pub target: String,
    pub improvement: String,
    pub concern: String,
    pub common: String,
    pub rebased: String,
}

/// An SPC chart: the monthly points joined by a line, the mean, the process limits (dashed,
/// stepped when each month has its own, as on a p-chart), the target (dotted) and the phase
/// breaks. Special causes are told apart by shape as well as colour: improvement a square,
/// concern a diamond, common cause a small circle, as the legend says.
pub fn spc(
    id: &str,
    title: &str,
    summary: &str,
    points: &[SpcPoint],
    target: Option<f64>,
    percent: bool,
    words: &SpcWords,
) -> String {
    let (w, h, left, right, top, bottom) =
        (680.0_f64, 340.0_f64, 56.0_f64, 24.0_f64, 16.0_f64, 92.0_f64);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for p in points {
        for v in [Some(p.value), Some(p.mean), p.upper, p.lower, target]
            .into_iter()
            .flatten()
        {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    // Every measure is a count or a share, never below zero: a lower limit under zero is drawn
    // at the axis (the data table still gives it).
    lo = lo.max(0.0);
    if percent {
        hi = hi.min(100.0);
    }
    if !lo.is_finite() || !hi.is_finite() {
        lo = 0.0;
        hi = if percent { 100.0 } else { 1.0 };
    }
    if hi - lo < 1e-9 {
        hi = lo + 1.0;
    }
    let pad = (hi - lo) * 0.08;
    let (lo, hi) = (
        (lo - pad).max(0.0),
        if percent {
            (hi + pad).min(100.0)
        } else {
            hi + pad
        },
    );
    let n = points.len().max(1);
    let x_of = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: f64| top + plot_h * (1.0 - (v.clamp(lo, hi) - lo) / (hi - lo));
    let fmt = |v: f64| {
        if percent {
            format!("{v:.0}%")
        } else if (v - v.round()).abs() < 1e-9 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r###"<svg class="cairn-chart cairn-spc" id="{id}" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"###,
        esc(title),
        esc(summary)
    );
    // Axis: three gridlines with their values.
    for k in 0..3 {
        let v = lo + (hi - lo) * k as f64 / 2.0;
        let y = y_of(v);
        let _ = write!(
            out,
            r###"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#d8dde0" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#212b32" text-anchor="end">{}</text>"###,
            left + plot_w,
            left - 6.0,
            y + 4.0,
            fmt(v)
        );
    }
    // Month labels: every one when few, else every third.
    let step = if n > 13 { 3 } else { 1 };
    for (i, p) in points.iter().enumerate() {
        if i % step == 0 || i == n - 1 {
            let _ = write!(
                out,
                r###"<text x="{:.1}" y="{:.1}" font-size="12" fill="#212b32" text-anchor="middle">{}</text>"###,
                x_of(i),
                top + plot_h + 18.0,
                esc(&p.label)
            );
        }
    }
    // Phase breaks.
    for (i, p) in points.iter().enumerate() {
        if p.new_phase && i > 0 {
            let x = (x_of(i - 1) + x_of(i)) / 2.0;
            let _ = write!(
                out,
                r###"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="#4c6272" stroke-width="1.5"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#212b32">{}</text>"###,
                top + plot_h,
                x + 4.0,
                top + 12.0,
                esc(&words.rebased)
            );
        }
    }
    // Mean and limits, drawn per phase as steps so a re-based or p-chart limit reads right.
    let stepped = |sel: &dyn Fn(&SpcPoint) -> Option<f64>| -> Vec<String> {
        let mut paths = Vec::new();
        let mut cur = String::new();
        for (i, p) in points.iter().enumerate() {
            let Some(v) = sel(p) else {
                if !cur.is_empty() {
                    paths.push(std::mem::take(&mut cur));
                }
                continue;
            };
            let half = if n > 1 {
                plot_w / (n - 1) as f64 / 2.0
            } else {
                plot_w / 2.0
            };
            let (x0, x1) = (
                (x_of(i) - half).max(left),
                (x_of(i) + half).min(left + plot_w),
            );
            let y = y_of(v);
            if p.new_phase && !cur.is_empty() {
                paths.push(std::mem::take(&mut cur));
            }
            if cur.is_empty() {
                let _ = write!(cur, "M{x0:.1},{y:.1}");
            } else {
                let _ = write!(cur, " L{x0:.1},{y:.1}");
            }
            let _ = write!(cur, " L{x1:.1},{y:.1}");
        }
        if !cur.is_empty() {
            paths.push(cur);
        }
        paths
    };
    for d in stepped(&|p| Some(p.mean)) {
        let _ = write!(
            out,
            r###"<path d="{d}" fill="none" stroke="#4c6272" stroke-width="2"/>"###
        );
    }
    for sel in [
        &(|p: &SpcPoint| p.upper) as &dyn Fn(&SpcPoint) -> Option<f64>,
        &|p: &SpcPoint| p.lower,
    ] {
        for d in stepped(sel) {
            let _ = write!(
                out,
                r###"<path d="{d}" fill="none" stroke="#768692" stroke-width="1.5" stroke-dasharray="6 4"/>"###
            );
        }
    }
    if let Some(t) = target {
        let y = y_of(t);
        let _ = write!(
            out,
            r###"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#d5281b" stroke-width="2" stroke-dasharray="2 3"/>"###,
            left + plot_w
        );
    }
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x_of(i), y_of(p.value)))
        .collect();
    if !line.is_empty() {
        let _ = write!(
            out,
            r###"<polyline points="{}" fill="none" stroke="#005eb8" stroke-width="2"/>"###,
            line.join(" ")
        );
    }
    for (i, p) in points.iter().enumerate() {
        let (x, y) = (x_of(i), y_of(p.value));
        let _ = match p.improvement {
            Some(true) => write!(
                out,
                r###"<rect x="{:.1}" y="{:.1}" width="11" height="11" fill="#005eb8" stroke="#212b32" stroke-width="1"/>"###,
                x - 5.5,
                y - 5.5
            ),
            Some(false) => write!(
                out,
                r###"<path d="M{x:.1},{:.1} L{:.1},{y:.1} L{x:.1},{:.1} L{:.1},{y:.1} Z" fill="#ed8b00" stroke="#212b32" stroke-width="1"/>"###,
                y - 7.5,
                x + 7.5,
                y + 7.5,
                x - 7.5
            ),
            None => write!(
                out,
                r###"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="#768692"/>"###
            ),
        };
    }
    // Legend: line styles with their words, then the point shapes.
    let ly = h - 44.0;
    let mut lx = left;
    let mut lines: Vec<(&str, &str, &str)> = vec![("#4c6272", "2", "")];
    let mut labels = vec![words.mean.as_str()];
    if points.iter().any(|p| p.upper.is_some()) {
        lines.push(("#768692", "1.5", " stroke-dasharray=\"6 4\""));
        labels.push(words.limits.as_str());
    }
    if target.is_some() {
        lines.push(("#d5281b", "2", " stroke-dasharray=\"2 3\""));
        labels.push(words.target.as_str());
    }
    for ((colour, width, dash), label) in lines.into_iter().zip(labels) {
        let _ = write!(
            out,
            r###"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="{width}"{dash}/><text x="{:.1}" y="{:.1}" font-size="13" fill="#212b32">{}</text>"###,
            lx + 16.0,
            lx + 22.0,
            ly + 4.0,
            esc(label)
        );
        lx += 34.0 + label.chars().count() as f64 * 7.0;
    }
    let ly2 = h - 18.0;
    let _ = write!(
        out,
        r###"<rect x="{left:.1}" y="{:.1}" width="11" height="11" fill="#005eb8" stroke="#212b32" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#212b32">{}</text>"###,
        ly2 - 5.5,
        left + 18.0,
        ly2 + 4.0,
        esc(&words.improvement)
    );
    let x2 = left + 40.0 + words.improvement.chars().count() as f64 * 7.0;
    let _ = write!(
        out,
        r###"<path d="M{x2:.1},{:.1} L{:.1},{ly2:.1} L{x2:.1},{:.1} L{:.1},{ly2:.1} Z" fill="#ed8b00" stroke="#212b32" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#212b32">{}</text>"###,
        ly2 - 7.0,
        x2 + 7.0,
        ly2 + 7.0,
        x2 - 7.0,
        x2 + 14.0,
        ly2 + 4.0,
        esc(&words.concern)
    );
    let x3 = x2 + 36.0 + words.concern.chars().count() as f64 * 7.0;
    let _ = write!(
        out,
        r###"<circle cx="{x3:.1}" cy="{ly2:.1}" r="3.5" fill="#768692"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#212b32">{}</text>"###,
        x3 + 10.0,
        ly2 + 4.0,
        esc(&words.common)
    );
    out.push_str("</svg>");
    out
}

/// A Making Data Count style icon: a circle with a letter, drawn so its meaning is in the
/// letter and in the words always printed beside it (the icon itself is hidden from screen
/// readers, which read those words), never in the colour alone. `kind` is the icon's key.
pub fn icon(kind: &str, label: &str) -> String {
    let (fill, letter) = match kind {
        "improvement_high" => ("#005eb8", "H"),
        "improvement_low" => ("#005eb8", "L"),
        "concern_high" => ("#ed8b00", "H"),
        "concern_low" => ("#ed8b00", "L"),
        "common_cause" => ("#768692", "~"),
        "pass" => ("#005eb8", "P"),
        "fail" => ("#ed8b00", "F"),
        "hit_and_miss" => ("#768692", "?"),
        _ => ("#ffffff", "–"),
    };
    let text = if fill == "#ffffff" {
        "#212b32"
    } else {
        "#ffffff"
    };
    format!(
        r###"<svg class="cairn-icon" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg"><title>{}</title><circle cx="16" cy="16" r="14" fill="{fill}" stroke="#212b32" stroke-width="1.5"/><text x="16" y="21.5" font-size="16" font-weight="bold" fill="{text}" text-anchor="middle">{letter}</text></svg>"###,
        esc(label)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_text_and_carry_an_accessible_name() {
        let svg = stacked_bars(
            "c",
            "Lefel <1>",
            "Crynodeb & mwy",
            &[Bar {
                label: "L1".into(),
                segments: vec![(3, "#d5281b", "#ffffff")],
            }],
            &[("Coch".into(), "#d5281b")],
        );
        assert!(
            svg.contains(r###"role="img""###)
                && svg.contains(r###"aria-labelledby="c-title c-desc""###)
        );
        assert!(svg.contains("Lefel &lt;1&gt;") && svg.contains("Crynodeb &amp; mwy"));
        assert!(svg.contains(">3</text>"), "the bar shows its number");
        let lines = percent_lines(
            "l",
            "t",
            "s",
            &["Q1".into(), "Q2".into()],
            &[("Level 1".into(), vec![20, 60])],
        );
        assert!(lines.contains("<polyline") && lines.contains(">Level 1</text>"));
    }

    /// The x and text of each name under a chart's points (their `y` is the chart's foot).
    fn x_names(svg: &str) -> Vec<(f64, String)> {
        svg.split("<text ")
            .skip(1)
            .filter(|t| t.contains(r#"y="286.0""#))
            .map(|t| {
                let x = t.split("x=\"").nth(1).expect("x");
                let x: f64 = x[..x.find('"').expect("quote")].parse().expect("number");
                let name =
                    t[t.find('>').expect("tag") + 1..t.find("</text>").expect("end")].to_owned();
                (x, name)
            })
            .collect()
    }

    #[test]
    fn names_under_many_points_are_thinned_so_none_overlap_and_the_latest_is_named() {
        for count in [2_usize, 9, 12, 40, 120] {
            let labels: Vec<String> = (0..count).map(|i| format!("Quarter {}", i + 1)).collect();
            let series = vec![("Level 1".to_owned(), vec![50; count])];
            let svg = percent_lines("p", "t", "s", &labels, &series);
            let names = x_names(&svg);
            assert_eq!(
                names.last().map(|(_, n)| n.as_str()),
                Some(labels[count - 1].as_str()),
                "{count} points: the latest is named"
            );
            // A name is at most ten characters here; 13-pixel glyphs are under 8 pixels wide.
            for pair in names.windows(2) {
                assert!(
                    pair[1].0 - pair[0].0 >= 10.0 * 8.0,
                    "{count} points: {} and {} overlap",
                    pair[0].1,
                    pair[1].1
                );
            }
            // Every point is still drawn, named or not.
            assert_eq!(svg.matches("<circle").count(), count, "{count} points");
            if count <= 6 {
                assert_eq!(names.len(), count, "few points are all named");
            }
        }
    }

    /// The y of the `<text>` naming `name` in `svg`.
    fn label_y(svg: &str, name: &str) -> f64 {
        let end = svg.find(&format!(">{name}</text>")).expect("label");
        let start = svg[..end].rfind("<text").expect("text element");
        let tag = &svg[start..end];
        let y = tag.split(" y=\"").nth(1).expect("y");
        y[..y.find('"').expect("quote")].parse().expect("number")
    }

    #[test]
    fn lines_ending_at_the_same_figure_have_their_names_a_line_apart_in_order() {
        let series = |v: [i64; 3]| -> Vec<(String, Vec<i64>)> {
            (0..3)
                .map(|k| (format!("Level {}", k + 1), vec![0, v[k]]))
                .collect()
        };
        for ends in [[0, 0, 0], [100, 100, 100], [50, 51, 49]] {
            let svg = percent_lines("p", "t", "s", &["A".into(), "B".into()], &series(ends));
            let ys: Vec<f64> = (1..=3)
                .map(|k| label_y(&svg, &format!("Level {k}")))
                .collect();
            let mut sorted = ys.clone();
            sorted.sort_by(f64::total_cmp);
            for pair in sorted.windows(2) {
                assert!(
                    pair[1] - pair[0] >= 16.0,
                    "{ends:?}: names overlap at {ys:?}"
                );
            }
            for y in &ys {
                assert!(
                    (16.0..=300.0).contains(y),
                    "{ends:?}: {y} is inside the chart"
                );
            }
        }
        // Far-apart figures keep their names beside their own lines.
        let svg = percent_lines(
            "p",
            "t",
            "s",
            &["A".into(), "B".into()],
            &series([90, 50, 10]),
        );
        let ys: Vec<f64> = (1..=3)
            .map(|k| label_y(&svg, &format!("Level {k}")))
            .collect();
        assert!(ys[0] < ys[1] && ys[1] < ys[2], "{ys:?}");
    }
}
