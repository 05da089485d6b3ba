//! Output: JSON or human text on stdout, notes on stderr, tables and colour.
//!
//! `--json` prints the serde form of the command's result and nothing else on stdout;
//! `--quiet` silences human output and notes (JSON, asked for explicitly, is still printed).

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::ColorChoice;
use crate::error::{Error, Result};

/// A progress bar that shows itself after a second of work (see [`Out::bar`]); usable from
/// several threads.
pub struct Bar {
    bar: ProgressBar,
    started: Instant,
    allowed: bool,
    shown: AtomicBool,
}

impl Bar {
    fn reveal(&self) {
        if self.allowed && !self.shown.load(Ordering::Relaxed) && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown.store(true, Ordering::Relaxed);
        }
    }

    /// Sets the units done.
    pub fn set(&self, done: u64) {
        self.reveal();
        self.bar.set_position(done);
    }

    /// Sets the units of the whole job, once known.
    pub fn set_length(&self, total: u64) {
        self.bar.set_length(total);
    }

    /// One more unit done.
    pub fn inc(&self) {
        self.reveal();
        self.bar.inc(1);
    }

    /// The label in front of the bar.
    pub fn message(&self, text: &str) {
        self.bar.set_message(text.to_string());
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// How to print.
#[derive(Debug, Clone, Copy)]
pub struct Out {
    json: bool,
    quiet: bool,
    color: bool,
    tty: bool,
}

impl Out {
    /// Output settings from the global flags and the environment.
    pub fn new(json: bool, quiet: bool, choice: ColorChoice) -> Self {
        let tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Out { json, quiet, color, tty }
    }

    /// True with `--json`.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints `value` as JSON, or the text `human` builds.
    pub fn value<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) -> Result<()> {
        if self.json {
            // Straight into a buffered stdout: `check --all` can print tens of megabytes.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, value).map_err(json_error)?;
            out.write_all(b"\n").and_then(|()| out.flush()).map_err(|e| Error::io("stdout", e))
        } else if self.quiet {
            Ok(())
        } else {
            write_stdout(&printable(&human(), self.color))
        }
    }

    /// Starts printing a list item by item (`check --all` can print tens of megabytes): a JSON
    /// array laid out exactly as [`Out::value`] lays out a `Vec`, or human blocks separated by
    /// a blank line.
    pub fn list(&self) -> ListWriter {
        ListWriter {
            out: std::io::BufWriter::new(std::io::stdout().lock()),
            color: self.color,
            json: self.json,
            quiet: self.quiet,
            items: 0,
            buffer: Vec::new(),
        }
    }

    /// A note for the user on stderr (not in JSON mode's stdout, silenced by --quiet).
    pub fn note(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{}", self.paint(Paint::Yellow, "note: ") + text);
        }
    }

    /// A line of progress on stderr (silenced by --quiet and --json).
    pub fn progress_line(&self, text: &str) {
        if !self.quiet && !self.json {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }

    /// A progress bar on stderr for `total` units, drawn with the indicatif `template`; it
    /// appears only once the work has taken a second, and never with --quiet, --json or
    /// when stderr is not a terminal.
    pub fn bar(&self, total: u64, template: &str) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        Bar { bar, started: Instant::now(), allowed: self.bars_allowed() && !self.json, shown: AtomicBool::new(false) }
    }

    /// True when a progress bar may be drawn on stderr.
    pub fn bars_allowed(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// Wraps `text` in a colour when colour is on.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        format!("\x1b[{}m{text}\x1b[0m", paint.code())
    }

    /// A table with the given header, fitted to the terminal's width when there is one
    /// (or to `COLUMNS` when it is set); printed to a file or a pipe, nothing is cut.
    pub fn table(&self, header: &[&str]) -> Table {
        let width = self.width();
        Table { header: header.iter().map(|h| (*h).to_string()).collect(), rows: Vec::new(), width, bold: self.color }
    }

    /// The width human output is fitted to: `COLUMNS` when it is set, else the terminal's;
    /// None for a file or a pipe.
    pub fn width(&self) -> Option<usize> {
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
        columns.or_else(|| self.tty.then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))).flatten())
    }
}

/// Columns of free text, which may end in `…` to fit the width; every other column
/// (identifiers, numbers, dates, codes) is never cut.
const CUTTABLE: &[&str] = &[
    "STATUS",
    "PLACE",
    "TEXT",
    "NAME",
    "ITEM",
    "LAST STATUS",
    "FILE",
    "MEANING",
    "MOST SERIOUS FLAG",
    "WHY",
    "TYPE",
    "",
];

/// A plain table: a header and rows of cells, columns two spaces apart.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    width: Option<usize>,
    bold: bool,
}

impl Table {
    /// Adds a row; a cell's control characters are made visible (a newline would break the
    /// row, an escape sequence would reach the terminal).
    pub fn add_row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(|c| visible(&c).into_owned()).collect());
    }

    /// The table's lines, without trailing spaces.
    ///
    /// Fitted to the width, the text columns are cut first. When that would leave a text
    /// column narrower than it needs (under [`MIN_TEXT`] columns), the table is stacked
    /// instead: each row's identifiers, dates and codes on one line, its texts on the line
    /// below, indented. Identifiers are never cut either way.
    pub fn lines(&self) -> Vec<String> {
        // A column with nothing in any row (no weights, no tracks) is left out.
        let shown: Vec<usize> = (0..self.header.len())
            .filter(|&i| self.rows.is_empty() || self.rows.iter().any(|r| r.get(i).is_some_and(|c| !c.is_empty())))
            .collect();
        let pick = |cells: &[String], columns: &[usize]| {
            columns.iter().map(|&i| cells.get(i).cloned().unwrap_or_default()).collect::<Vec<_>>()
        };
        let natural = |columns: &[usize]| -> Vec<usize> {
            columns
                .iter()
                .map(|&i| {
                    let cells = self.rows.iter().map(|r| r.get(i).map_or(0, |c| c.width()));
                    cells.max().unwrap_or(0).max(self.header[i].width())
                })
                .collect()
        };
        let plain = |columns: &[usize], widths: &[usize]| {
            let mut lines = vec![line(&pick(&self.header, columns), widths, self.bold)];
            lines.extend(self.rows.iter().map(|row| line(&pick(row, columns), widths, false)));
            lines
        };
        let full = natural(&shown);
        let Some(limit) = self.width else { return plain(&shown, &full) };
        let cuttable = |i: usize| CUTTABLE.contains(&self.header[i].as_str());
        let total = |w: &[usize]| 1 + w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
        let mut widths = full.clone();
        while total(&widths) > limit {
            let widest = (0..shown.len())
                .filter(|&k| cuttable(shown[k]) && widths[k] > self.header[shown[k]].width().max(6))
                .max_by_key(|&k| widths[k]);
            match widest {
                Some(k) => widths[k] -= 1,
                None => break,
            }
        }
        let squeezed = (0..shown.len()).any(|k| cuttable(shown[k]) && widths[k] < full[k].min(MIN_TEXT));
        let (fixed, texts): (Vec<usize>, Vec<usize>) = shown.iter().partition(|&&i| !cuttable(i));
        if !squeezed || fixed.is_empty() || texts.is_empty() {
            return plain(&shown, &widths);
        }
        let fixed_widths = natural(&fixed);
        let indent = " ".repeat(1 + fixed_widths[0] + 2);
        let under = |cells: Vec<String>, bold: bool| {
            let joined = cells.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" · ");
            let cell = fit(&joined, limit.saturating_sub(indent.len()).max(MIN_TEXT));
            if bold { format!("{indent}\x1b[1m{cell}\x1b[0m") } else { format!("{indent}{cell}") }
        };
        let mut lines = vec![line(&pick(&self.header, &fixed), &fixed_widths, self.bold)];
        lines.push(under(pick(&self.header, &texts), self.bold));
        for row in &self.rows {
            lines.push(line(&pick(row, &fixed), &fixed_widths, false));
            let text = under(pick(row, &texts), false);
            if !text.trim().is_empty() {
                lines.push(text);
            }
        }
        lines
    }
}

/// The narrowest a text column is cut to before a table is stacked instead.
const MIN_TEXT: usize = 20;

/// One line of cells padded to `widths`, two spaces apart, without trailing spaces.
fn line(cells: &[String], widths: &[usize], bold: bool) -> String {
    let mut out = String::from(" ");
    for (i, width) in widths.iter().enumerate() {
        let cell = fit(cells.get(i).map_or("", String::as_str), *width);
        let pad = width.saturating_sub(cell.width());
        if bold && !cell.is_empty() {
            out.push_str(&format!("\x1b[1m{cell}\x1b[0m"));
        } else {
            out.push_str(&cell);
        }
        if i + 1 < widths.len() {
            out.push_str(&" ".repeat(pad + 2));
        }
    }
    out.trim_end().to_string()
}

/// The cell cut to `width` columns, ending in `…` when it was longer. Widths are measured
/// on the string, not added up per character: a variation selector makes `❤️` two columns.
fn fit(cell: &str, width: usize) -> String {
    if cell.width() <= width {
        return cell.to_string();
    }
    let mut out: String = cell.to_string();
    while !out.is_empty() && out.width() + 1 > width {
        out.pop();
    }
    out.push('…');
    out
}

/// Human output as printed: line breaks kept, dossier's own colour codes kept when colour
/// is on, every other control character made [`visible`]. Whatever a status, an item or a
/// file name holds, it cannot move the cursor, ring the bell or retitle the terminal.
pub fn printable(text: &str, color: bool) -> std::borrow::Cow<'_, str> {
    if !has_control(text) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        // A colour code: ESC [ digits and semicolons m.
        if color && c == '\x1b' {
            if let Some(body) = rest.strip_prefix("\x1b[") {
                let end = body.find(|c: char| !(c.is_ascii_digit() || c == ';')).unwrap_or(body.len());
                if body[end..].starts_with('m') {
                    let len = 2 + end + 1;
                    out.push_str(&rest[..len]);
                    rest = &rest[len..];
                    continue;
                }
            }
        }
        if c == '\n' {
            out.push(c);
        } else {
            out.push_str(&visible(&rest[..c.len_utf8()]));
        }
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

/// True when `text` holds a control character other than a line break: a byte below 0x20 or
/// 0x7F, or U+0080–U+009F (the bytes 0xC2 0x80–0x9F). Folded over every byte without an
/// early exit, so the compiler runs it on many bytes at once: `check --all` prints megabytes
/// through here.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    let c0 = bytes.iter().fold(false, |found, &b| found | ((b < 0x20) & (b != b'\n')) | (b == 0x7f));
    let c1 = bytes
        .iter()
        .zip(bytes.iter().skip(1))
        .fold(false, |found, (&b, &next)| found | ((b == 0xc2) & (0x80..0xa0).contains(&next)));
    c0 | c1
}

/// The text with its control characters shown as the Unicode control pictures (`␛` for
/// escape, `␇` for the bell, `␊` for a newline): stored text reaches the terminal as
/// something to read, never as something that acts.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| match c {
            '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\x7f' => '␡',
            c if c.is_control() => '�',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A list being printed; see [`Out::list`].
pub struct ListWriter {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    color: bool,
    json: bool,
    quiet: bool,
    items: usize,
    /// One item's JSON, reused from item to item.
    buffer: Vec<u8>,
}

impl ListWriter {
    /// Prints one item: its JSON, or the text `human` builds.
    pub fn item<T: Serialize>(&mut self, value: &T, human: impl FnOnce() -> String) -> Result<()> {
        let first = self.items == 0;
        self.items += 1;
        let written = if self.json {
            // An element of a pretty array is the value's own pretty form indented one level;
            // serde_json escapes every newline inside strings, so each raw one starts a line.
            self.buffer.clear();
            serde_json::to_writer_pretty(&mut self.buffer, value).map_err(json_error)?;
            let mut lines = self.buffer.split(|&b| b == b'\n');
            let first_line = lines.next().unwrap_or_default();
            let separator: &[u8] = if first { b"[\n  " } else { b",\n  " };
            self.out.write_all(separator).and_then(|()| self.out.write_all(first_line)).and_then(|()| {
                lines.try_for_each(|line| self.out.write_all(b"\n  ").and_then(|()| self.out.write_all(line)))
            })
        } else if self.quiet {
            return Ok(());
        } else {
            write!(self.out, "{}{}", if first { "" } else { "\n" }, printable(&human(), self.color))
        };
        written.map_err(|e| Error::io("stdout", e))
    }

    /// Ends the list; `empty` is the human text for a list without items.
    pub fn finish(mut self, empty: &str) -> Result<()> {
        let end = match (self.json, self.items) {
            (true, 0) => "[]\n",
            (true, _) => "\n]\n",
            (false, _) if self.quiet => "",
            (false, 0) => empty,
            (false, _) => "",
        };
        self.out.write_all(end.as_bytes()).and_then(|()| self.out.flush()).map_err(|e| Error::io("stdout", e))
    }
}

/// A serde_json failure: writing to stdout failed, or a value could not be serialized (a bug).
fn json_error(error: serde_json::Error) -> Error {
    match error.io_error_kind() {
        Some(kind) => Error::io("stdout", std::io::Error::from(kind)),
        None => Error::internal(error),
    }
}

/// Colours and styles.
#[derive(Debug, Clone, Copy)]
pub enum Paint {
    /// Headings.
    Bold,
    /// Secondary facts.
    Dim,
    /// Problems.
    Red,
    /// Good news.
    Green,
    /// Notes.
    Yellow,
}

impl Paint {
    /// The SGR code.
    fn code(self) -> &'static str {
        match self {
            Paint::Bold => "1",
            Paint::Dim => "2",
            Paint::Red => "31",
            Paint::Green => "32",
            Paint::Yellow => "33",
        }
    }
}

/// Writes text to stdout as it is (for formats such as iCalendar).
pub fn write_raw(text: &str) -> Result<()> {
    write_stdout(text)
}

fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).map_err(|e| Error::io("stdout", e))
}

/// Renders a table with a trailing newline and no trailing spaces.
pub fn table_text(table: &Table) -> String {
    let mut text: String = table.lines().into_iter().map(|l| l + "\n").collect();
    if text.is_empty() {
        text.push('\n');
    }
    text
}

/// The first line of an import's report: what was found and what was (or would be) added.
pub fn import_head(order: i64, found: &str, added: usize, already: usize, dry_run: bool) -> String {
    let verb = if dry_run { "would add" } else { "added" };
    format!("order {order}: {found} found; {verb} {added}, {already} already recorded\n")
}

/// The end of an import's report: the lines not understood, and the dry-run notice.
pub fn import_tail(not_understood: &[(usize, String)], dry_run: bool) -> String {
    let mut text = String::new();
    if !not_understood.is_empty() {
        text.push_str(&format!(
            "not understood ({}), nothing taken from them:\n",
            count(not_understood.len(), "line", "lines")
        ));
        for (line, content) in not_understood {
            text.push_str(&format!("  line {line}: {}\n", clip(content, 70)));
        }
    }
    if dry_run {
        text.push_str("nothing was written (--dry-run)\n");
    }
    text
}

/// "1 image", "3 images".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A byte count for people: `40.5 KB`, `1.2 GB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 { format!("{bytes} B") } else { format!("{value:.1} {}", UNITS[unit]) }
}

/// `lead` and then `body`'s words, broken into lines of at most `width` columns; each further
/// line starts with `indent` spaces. A word too long for a line of its own (a Chinese status
/// has no spaces) is broken between characters, but not inside a run of ASCII letters and
/// digits (a tracking number). Without a width, one line.
pub fn wrap(lead: &str, body: &str, indent: usize, width: Option<usize>) -> String {
    let mut out = String::from(lead);
    let Some(width) = width else {
        out.push_str(&body.split_whitespace().collect::<Vec<_>>().join(" "));
        return out;
    };
    // Never narrower than a few words, however small the terminal.
    let width = width.max(indent + 20);
    let mut column = lead.width();
    let new_line = |out: &mut String, column: &mut usize| {
        out.push('\n');
        out.push_str(&" ".repeat(indent));
        *column = indent;
    };
    for (i, word) in body.split_whitespace().enumerate() {
        // A word too long for a line of its own is laid out in pieces: each run of ASCII
        // letters and digits whole (a tracking number inside a Chinese status stays on one
        // line), every other character alone.
        let pieces = if indent + word.width() <= width { vec![word] } else { pieces(word) };
        for (j, piece) in pieces.iter().enumerate() {
            let gap = usize::from(i > 0 && j == 0);
            if column + gap + piece.width() > width && column > indent {
                new_line(&mut out, &mut column);
            } else if gap == 1 {
                out.push(' ');
                column += 1;
            }
            out.push_str(piece);
            column += piece.width();
        }
    }
    out
}

/// A word cut where a line may break: runs of ASCII letters and digits, and single other
/// characters.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut chars = word.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_ascii_alphanumeric() {
            while chars.next_if(|(_, next)| next.is_ascii_alphanumeric()).is_some() {}
        }
        let end = chars.peek().map_or(word.len(), |&(next, _)| next);
        out.push(&word[at..end]);
    }
    out
}

/// Shortens text to `max` characters with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    let single: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if single.chars().count() <= max {
        single
    } else {
        single.chars().take(max.saturating_sub(1)).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::{printable, wrap};

    #[test]
    fn wrapping_keeps_numbers_whole_and_words_in_order() {
        let body = "单号变更：原单号SF1234567890，新单号YT9876543210，请用新单号查询物流信息";
        let text = wrap("  ", body, 4, Some(30));
        assert!(text.contains("YT9876543210") && text.contains("SF1234567890"), "{text}");
        assert_eq!(text.split_whitespace().collect::<String>(), body, "{text}");
        for line in text.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 30, "{line}");
            assert_eq!(line.trim_end(), line, "no trailing space");
        }
        assert_eq!(wrap("- ", "one two", 2, None), "- one two");
        assert_eq!(wrap("- ", "one two three", 2, Some(10)), "- one two three", "never under indent + 20");
    }

    #[test]
    fn every_control_character_is_made_visible_and_nothing_else_changes() {
        // C0, DEL and C1 (U+0085, U+009B: two bytes starting with 0xC2) are shown;
        // line breaks, accents, guillemets and Chinese pass as they are.
        assert_eq!(printable("a\u{7}b\u{7f}c\u{85}d\u{9b}e", false), "a␇b␡c�d�e");
        let plain = "Посылка «в пути»\n已签收 — São Paulo ±2°";
        assert_eq!(printable(plain, false), plain);
        assert!(matches!(printable(plain, false), std::borrow::Cow::Borrowed(_)));
        // A colour code of dossier's own is kept when colour is on, not when it is off.
        assert_eq!(printable("\x1b[1mbold\x1b[0m", true), "\x1b[1mbold\x1b[0m");
        assert_eq!(printable("\x1b[1mbold", false), "␛[1mbold");
    }
}
