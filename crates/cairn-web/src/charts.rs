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
    for (i, l) in x_labels.iter().enumerate() {
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
    for (k, (name, values)) in series.iter().enumerate() {
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
        if let Some(last) = values.last() {
            let _ = write!(
                out,
                r###"<text x="{:.1}" y="{:.1}" font-size="14" fill="{colour}">{}</text>"###,
                x_of(values.len() - 1) + 10.0,
                y_of(*last) + 5.0 + k as f64 * 2.0,
                esc(name)
            );
        }
    }
    out.push_str("</svg>");
    out
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
}
