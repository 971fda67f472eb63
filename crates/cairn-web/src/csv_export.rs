//! CSV that opens cleanly in Excel: UTF-8 with a byte-order mark, and any cell that a
//! spreadsheet would read as a formula (starting `=`, `+`, `-`, `@`, tab or carriage return, or
//! the full-width `＝`, `＋`, `－`, `＠` that some spreadsheets also read as operators) prefixed
//! with an apostrophe so it stays text.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Makes a cell safe from formula injection.
pub fn safe_cell(s: &str) -> String {
    match s.chars().next() {
        Some(
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}',
        ) => {
            format!("'{s}")
        }
        _ => s.to_owned(),
    }
}

/// Writes rows (the first being the headings) as CSV bytes with a BOM.
///
/// Every row is written, whatever its number of cells: the writer is flexible, so a row of
/// another width than the headings is not refused (a strict writer would refuse it, and the
/// row would be lost). Callers give rows as wide as their headings (checked in debug builds).
pub fn to_bytes(rows: &[Vec<String>]) -> Vec<u8> {
    debug_assert!(
        rows.iter().all(|r| r.len() == rows[0].len()),
        "every CSV row has as many cells as the headings"
    );
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    for r in rows {
        w.write_record(r.iter().map(|c| safe_cell(c)))
            .expect("a flexible CSV writer into memory cannot fail");
    }
    w.into_inner()
        .expect("flushing a CSV writer into memory cannot fail")
}

/// A CSV download response.
pub fn download(filename: &str, rows: &[Vec<String>]) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        to_bytes(rows),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_crlf_and_neutralised_formulas() {
        let bytes = to_bytes(&[
            vec!["a".into(), "b".into()],
            vec!["=SUM(A1)".into(), "Cymraeg, \"ie\"".into()],
        ]);
        assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF]);
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf8");
        assert_eq!(text, "a,b\r\n'=SUM(A1),\"Cymraeg, \"\"ie\"\"\"\r\n");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@x"), "'@x");
        assert_eq!(safe_cell("plain"), "plain");
    }

    #[test]
    fn full_width_operators_are_neutralised_too() {
        for cell in ["＝HYPERLINK(\"x\")", "＋1", "－1", "＠SUM(A1)"] {
            assert_eq!(safe_cell(cell), format!("'{cell}"), "{cell}");
        }
        assert_eq!(
            safe_cell("Ｅ"),
            "Ｅ",
            "other full-width letters are left alone"
        );
    }
}
