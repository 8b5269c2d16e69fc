//! `--output json|table|csv`: how `call`, `poll` and `reconcile` print a result.
//!
//! Table and CSV need rows. The rows are the result itself when it is a list; otherwise the
//! longest list of objects inside it (searching nested objects, not lists), so a licence
//! inventory prints its users rather than its counts per type, and a usage summary its days.
//! Nested objects become dotted columns (`item.recording.topic`), so a spreadsheet gets every
//! scalar; a result with no list prints as `field,value` rows.

use std::collections::VecDeque;

use serde_json::{Map, Value};

/// How a result is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty JSON, as before: for scripts (the default when stdout is not a terminal).
    Json,
    /// Aligned columns, long cells clipped: for people (the default on a terminal).
    Table,
    /// RFC 4180 CSV with a header row: for spreadsheets.
    Csv,
}

impl Format {
    /// `--output` when given, else what suits where stdout goes.
    pub fn or_default(chosen: Option<Format>, stdout_is_terminal: bool) -> Format {
        chosen.unwrap_or(if stdout_is_terminal { Format::Table } else { Format::Json })
    }
}

/// A table cell wider than this is clipped with `…`; the CSV keeps every character.
const MAX_CELL: usize = 40;

/// The text to print for `value`, ending in a newline unless it is empty.
pub fn render(value: &Value, format: Format) -> String {
    match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(value).unwrap_or_default()),
        Format::Table => table(&rows(value)),
        Format::Csv => csv(&rows(value)),
    }
}

/// Rows under a header: the union of the rows' columns, in first-seen order.
#[derive(Debug, PartialEq)]
pub struct Rows {
    pub columns: Vec<String>,
    /// One cell per column; `None` where the row has no such field.
    pub cells: Vec<Vec<Option<Value>>>,
}

/// The rows [`render`] prints for `value` (see the module comment for the rule).
pub fn rows(value: &Value) -> Rows {
    match value {
        Value::Array(items) => records(items),
        Value::Object(map) => match longest_list(map) {
            Some(items) => records(items),
            None => {
                let mut fields = Vec::new();
                flatten("", value, &mut fields);
                let cells = fields.into_iter().map(|(k, v)| vec![Some(Value::String(k)), Some(v)]).collect();
                Rows { columns: vec!["field".into(), "value".into()], cells }
            }
        },
        scalar => Rows { columns: vec!["value".into()], cells: vec![vec![Some(scalar.clone())]] },
    }
}

/// How many rows the result's main list holds (the rule [`rows`] follows), when it has one.
pub fn main_list_len(value: &Value) -> Option<usize> {
    match value {
        Value::Array(items) => Some(items.len()),
        Value::Object(map) => longest_list(map).map(Vec::len),
        _ => None,
    }
}

/// The longest list of objects among `map`'s values and its nested objects' (ties: the first in
/// key order, outer before inner).
fn longest_list(map: &Map<String, Value>) -> Option<&Vec<Value>> {
    let mut best: Option<&Vec<Value>> = None;
    let mut queue: VecDeque<&Map<String, Value>> = VecDeque::from([map]);
    while let Some(m) = queue.pop_front() {
        for v in m.values() {
            match v {
                Value::Array(list)
                    if list.iter().any(Value::is_object) && best.is_none_or(|b| list.len() > b.len()) =>
                {
                    best = Some(list);
                }
                Value::Object(inner) => queue.push_back(inner),
                _ => {}
            }
        }
    }
    best
}

fn records(items: &[Value]) -> Rows {
    let mut columns: Vec<String> = Vec::new();
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        let mut fields = Vec::new();
        match item {
            Value::Object(_) => flatten("", item, &mut fields),
            other => fields.push(("value".to_owned(), other.clone())),
        }
        for (k, _) in &fields {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
        flat.push(fields);
    }
    let cells = flat
        .into_iter()
        .map(|fields| {
            let mut row = vec![None; columns.len()];
            for (k, v) in fields {
                if let Some(i) = columns.iter().position(|c| *c == k) {
                    row[i] = Some(v);
                }
            }
            row
        })
        .collect();
    Rows { columns, cells }
}

/// Leaves of `value` under dotted keys; lists and scalars are leaves.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, out);
            }
        }
        leaf => out.push((if prefix.is_empty() { "value".into() } else { prefix.to_owned() }, leaf.clone())),
    }
}

/// A cell as CSV holds it: text as is, numbers and booleans as JSON writes them, lists and
/// objects as compact JSON, nothing for null or absent.
fn full_text(cell: &Option<Value>) -> String {
    match cell {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A cell as the table shows it: lists and objects summarised, one line, clipped.
fn short_text(cell: &Option<Value>) -> String {
    let text = match cell {
        Some(Value::Array(list)) => format!("[{} item{}]", list.len(), if list.len() == 1 { "" } else { "s" }),
        Some(Value::Object(map)) if map.is_empty() => "{}".into(),
        other => full_text(other).replace(['\r', '\n', '\t'], " "),
    };
    if text.chars().count() > MAX_CELL {
        let mut clipped: String = text.chars().take(MAX_CELL - 1).collect();
        clipped.push('…');
        clipped
    } else {
        text
    }
}

/// Aligned columns two spaces apart under a header and a rule; `(no rows)` when empty.
pub fn table(rows: &Rows) -> String {
    if rows.cells.is_empty() {
        return "(no rows)\n".into();
    }
    let texts: Vec<Vec<String>> = rows.cells.iter().map(|r| r.iter().map(short_text).collect()).collect();
    let widths: Vec<usize> = rows
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| texts.iter().map(|r| r[i].chars().count()).chain([c.chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', widths[i] - cell.chars().count()));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    let mut out = line(&mut rows.columns.iter().map(String::as_str));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&mut rule.iter().map(String::as_str)));
    for row in &texts {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

/// RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted, its quotes doubled.
/// Empty when there are no rows (no header can be known).
pub fn csv(rows: &Rows) -> String {
    if rows.cells.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let mut line = |fields: &mut dyn Iterator<Item = String>| {
        let quoted: Vec<String> = fields.map(|f| csv_field(&f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(&mut rows.columns.iter().cloned());
    for row in &rows.cells {
        line(&mut row.iter().map(full_text));
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The `csv` crate's reader, not ours, checks that what [`csv`] writes reads back as the same fields.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        reader.records().map(|r| r.expect("RFC 4180 CSV").iter().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn the_default_is_json_in_pipes_and_a_table_on_a_terminal() {
        assert_eq!(Format::or_default(None, false), Format::Json);
        assert_eq!(Format::or_default(None, true), Format::Table);
        assert_eq!(Format::or_default(Some(Format::Csv), true), Format::Csv);
    }

    #[test]
    fn the_main_list_is_the_longest_one_so_counts_per_type_are_not_the_rows() {
        let inventory = json!({
            "active": 3,
            "by_type": [{"user_type": 1, "users": 2}, {"user_type": 2, "users": 1}],
            "users": [{"id": "a", "email": "a@x"}, {"id": "b", "email": "b@x"}, {"id": "c", "email": "c@x"}],
        });
        let rows = rows(&inventory);
        assert_eq!(rows.columns, ["email", "id"]);
        assert_eq!(rows.cells.len(), 3);
        assert_eq!(rows.cells[2], [Some(json!("c@x")), Some(json!("c"))]);
    }

    #[test]
    fn a_list_nested_in_objects_is_found_and_nested_fields_become_dotted_columns() {
        let summary = json!({
            "from": "2026-11-01",
            "daily": {"available": {"meetings": 3, "days": [
                {"date": "2026-11-01", "meetings": 1},
                {"date": "2026-11-02", "meetings": 2, "extra": {"rooms": 4}},
            ]}},
        });
        let rows = rows(&summary);
        assert_eq!(rows.columns, ["date", "meetings", "extra.rooms"]);
        assert_eq!(rows.cells[0][2], None, "a field the first row lacks is an empty cell");
        assert_eq!(rows.cells[1][2], Some(json!(4)));
    }

    #[test]
    fn an_object_without_a_list_prints_as_field_value_rows() {
        let rows = rows(&json!({"user": {"id": "u1", "email": "e@x"}, "ok": true, "tags": ["a"]}));
        assert_eq!(rows.columns, ["field", "value"]);
        let fields: Vec<String> = rows.cells.iter().map(|r| full_text(&r[0])).collect();
        assert_eq!(fields, ["ok", "tags", "user.email", "user.id"]);
        assert_eq!(full_text(&rows.cells[1][1]), r#"["a"]"#);
    }

    #[test]
    fn csv_quotes_commas_quotes_and_newlines_and_reads_back_the_same() {
        let value = json!([
            {"name": "Smith, Ada", "note": "said \"hi\"\nthen left", "n": 7, "none": null},
            {"name": "plain", "list": [1, 2]},
        ]);
        let text = render(&value, Format::Csv);
        assert!(text.starts_with("n,name,none,note,list\r\n"), "{text}");
        assert!(text.contains("\"Smith, Ada\""), "{text}");
        assert!(text.contains("\"said \"\"hi\"\"\nthen left\""), "{text}");
        assert_eq!(
            parse_csv(&text),
            [
                vec!["n", "name", "none", "note", "list"],
                vec!["7", "Smith, Ada", "", "said \"hi\"\nthen left", ""],
                vec!["", "plain", "", "", "[1,2]"],
            ]
        );
        assert_eq!(render(&json!([]), Format::Csv), "", "no rows, no header to know");
    }

    #[test]
    fn the_table_aligns_columns_summarises_nested_values_and_clips_long_cells() {
        let long = "x".repeat(100);
        let value = json!({"items": [
            {"id": 1, "topic": "Standup", "files": [1, 2, 3]},
            {"id": 22, "topic": long, "files": []},
        ]});
        let text = render(&value, Format::Table);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(lines[0], "files      id  topic");
        assert_eq!(lines[1], format!("---------  --  {}", "-".repeat(MAX_CELL)));
        assert_eq!(lines[2], "[3 items]  1   Standup");
        let last = lines[3];
        assert!(last.starts_with("[0 items]  22  x"), "{text}");
        assert_eq!(last.chars().count(), "[0 items]  22  ".len() + MAX_CELL);
        assert!(last.ends_with('…'));
        assert_eq!(render(&json!([]), Format::Table), "(no rows)\n");
    }

    #[test]
    fn json_prints_as_before() {
        let v = json!({"a": [1, {"b": null}]});
        assert_eq!(render(&v, Format::Json), format!("{}\n", serde_json::to_string_pretty(&v).unwrap()));
    }
}
