//! Reading a tracker's history as people copy it from a page or an app: the events it holds,
//! the header facts (tracking numbers, a weight), and every line that is neither, so nothing
//! is dropped silently. Pure: no I/O, no clock but the `now` it is given.
//!
//! Layouts (domain.md §6, as seen in the wild):
//! - one event per line: a moment and a text (and perhaps a place) in any order, in columns
//!   separated by tabs or several spaces, or in one run of words;
//! - records of several lines (text, moment, place in any fixed order), separated by blank
//!   lines or not: the position of the moment in the first record gives the pattern;
//! - a date on its own line, followed by lines that start with a time.
//!
//! Places are taken from `[Shatian Town] text`, `【深圳市】text`, a column, or a record's line
//! after the moment; the text itself is kept as shown.

pub mod chat;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

use unicode_width::UnicodeWidthStr;

use crate::dates::{When, parse_when};
use crate::model::Grams;

/// One event found in a paste.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// When it happened, as written (offset unknown unless the paste gave one).
    pub at: When,
    /// The status text, as shown.
    pub text: String,
    /// Where, when the paste says.
    pub place: Option<String>,
    /// The 1-based line the event's moment is on.
    pub line: usize,
}

/// What a paste holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// The events, oldest first.
    pub events: Vec<Event>,
    /// Tracking numbers named in header lines ("Tracking number: …").
    pub tracking: Vec<String>,
    /// A weight named in a header line ("Вес: 1,250 кг").
    pub weight: Option<Grams>,
    /// Lines skipped as known noise (buttons, labels): (line, text).
    pub noise: Vec<(usize, String)>,
    /// Lines that are neither an event nor known noise: (line, text).
    pub not_understood: Vec<(usize, String)>,
}

/// The longest line searched for a moment, in bytes.
const MAX_LINE: usize = 4096;

/// The longest text kept of a line reported as not understood, in characters.
const MAX_SHOWN: usize = 300;

/// A line as reported: whole, or its start and its length when it is very long.
pub(crate) fn shown(line: &str) -> String {
    match line.char_indices().nth(MAX_SHOWN) {
        Some((cut, _)) => format!("{} … ({} characters)", &line[..cut], line.chars().count()),
        None => line.to_string(),
    }
}

/// Words of buttons and labels that trackers put between events.
const NOISE: &[&str] = &[
    "copy",
    "copied",
    "translate",
    "show more",
    "show less",
    "more",
    "less",
    "details",
    "view details",
    "hide",
    "see more",
    "see less",
    "see all",
    "view more",
    "track",
    "share",
    "back",
    "original",
    "show original",
    "скопировать",
    "копировать",
    "перевести",
    "показать ещё",
    "показать еще",
    "подробнее",
    "скрыть",
    "свернуть",
    "развернуть",
    "поделиться",
    "复制",
    "翻译",
    "查看更多",
    "收起",
    "展开",
    "更多",
    "分享",
    "查看详情",
    "ok",
    "…",
    "...",
];

/// Labels of header lines: a tracking number or a weight follows.
const NUMBER_LABELS: &[&str] = &[
    "tracking number",
    "tracking no",
    "tracking id",
    "tracking code",
    "track number",
    "número de envío",
    "número de seguimiento",
    "código de rastreamento",
    "código de rastreio",
    "código de objeto",
    "sendungsnummer",
    "trackingnummer",
    "numéro de suivi",
    "numéro de colis",
    "numero di tracciamento",
    "numer przesyłki",
    "numer śledzenia",
    "takip numarası",
    "gönderi numarası",
    "номер відправлення",
    "трек-код",
    "barkod no",
    "barkod",
    "takip no",
    "codice spedizione",
    "numero spedizione",
    "kod przesyłki",
    "номер посилки",
    "sendungs-nr",
    "n° de suivi",
    "трек-номер",
    "трек номер",
    "номер отправления",
    "运单号",
    "物流单号",
    "快递单号",
    "单号",
];
const WEIGHT_LABELS: &[&str] =
    &["weight", "вес", "вага", "重量", "peso", "gewicht", "poids", "waga", "ağırlık", "vekt", "vikt"];

/// One line, classified.
#[derive(Debug, Clone)]
enum Line {
    Blank,
    /// A line with a moment; `rest` is the text around it, `place` a place found beside it.
    Moment {
        at: Piece,
        rest: String,
        place: Option<String>,
    },
    /// Words without a moment.
    Text(String),
    /// A fact of the page with a date ("Estimated delivery: 12/11/2026", "Delivered on
    /// Nov 21, 2026"): reported, never part of an event or a record.
    Fact(String),
    Skip,
}

/// A moment found in a line: a whole one, a date alone, or a time alone.
#[derive(Debug, Clone, Copy)]
enum Piece {
    Whole(When),
    Date(NaiveDate),
    Time(NaiveTime, Option<FixedOffset>),
}

/// Reads a pasted history; `now` only bounds dates (a year ahead is a typo), `country` (the
/// buyer's) settles how `03/04/2026` reads when no date of the paste does.
pub fn parse_history(input: &str, now: DateTime<FixedOffset>, country: Option<&str>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut lines: Vec<(usize, Line)> = Vec::new();
    let order = slash_order(input, country);
    let mut columns: Option<Vec<Column>> = None;
    for (i, raw) in input.lines().enumerate() {
        let number = i + 1;
        let line = raw.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            lines.push((number, Line::Blank));
            continue;
        }
        if header(line, &mut parsed) {
            lines.push((number, Line::Skip));
            continue;
        }
        if NOISE.contains(&line.to_lowercase().as_str()) {
            parsed.noise.push((number, line.to_string()));
            lines.push((number, Line::Skip));
            continue;
        }
        // A table's header row names its columns, and the rows below follow it.
        if let Some(roles) = column_header(raw) {
            columns = Some(roles);
            parsed.noise.push((number, line.to_string()));
            lines.push((number, Line::Skip));
            continue;
        }
        let read = iso_slashes(line, order);
        let classified = match classify(&read, now, columns.as_deref()) {
            // A line without a moment is shown as it was pasted, and so is a label with a
            // date ("Estimated delivery: 12/11/2026"): a fact of the page, not an event.
            Line::Text(_) => Line::Text(line.to_string()),
            Line::Moment { rest, .. } if rest.ends_with([':', '：']) || about_a_date(&rest) => {
                Line::Fact(line.to_string())
            }
            other => other,
        };
        lines.push((number, classified));
    }
    assemble(&lines, &mut parsed);
    // Events of the same moment keep the paste's order of time: in a newest-first paste (its
    // first event later than its last), the lower one happened first.
    parsed.events.sort_by_key(|e| e.line);
    let newest_first = match (parsed.events.first(), parsed.events.last()) {
        (Some(first), Some(last)) => first.at.sort_key() > last.at.sort_key(),
        _ => false,
    };
    parsed.events.sort_by_key(|e| (e.at.sort_key(), if newest_first { usize::MAX - e.line } else { e.line }));
    parsed
}

/// A text that ends in a word leading to a date ("Delivered on", "Estimated delivery by"):
/// a summary sentence of the page around a date, not an event.
fn about_a_date(rest: &str) -> bool {
    let last = rest.split_whitespace().last().unwrap_or_default().to_lowercase();
    matches!(
        last.as_str(),
        "on" | "by"
            | "until"
            | "since"
            | "before"
            | "after"
            | "до"
            | "с"
            | "по"
            | "op"
            | "am"
            | "le"
            | "el"
            | "il"
            | "em"
    )
}

/// How the `a/b/yyyy` dates of one paste read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlashOrder {
    DayFirst,
    MonthFirst,
}

/// `a/b/yyyy` (or `a-b-yyyy`) in a word: (a, b, yyyy).
fn slash_parts(word: &str) -> Option<(u32, u32, i32)> {
    let word = word.trim_matches(|c: char| !c.is_ascii_digit());
    let parts: Vec<&str> = word.split(['/', '-']).collect();
    match parts.as_slice() {
        [a, b, y] if (1..=2).contains(&a.len()) && (1..=2).contains(&b.len()) && y.len() == 4 => {
            Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
        }
        _ => None,
    }
}

/// Settles how a paste's `a/b/yyyy` dates read. A page writes all its dates one way, so a
/// first part over 12 anywhere means day first, a second part over 12 month first. When no
/// date settles it, the custom of the buyer's country decides (trackers show dates the way
/// the reader's locale writes them): month first in the United States, day first elsewhere.
/// A paste with both kinds is left as it is: its ambiguous dates are not understood.
pub(crate) fn slash_order(input: &str, country: Option<&str>) -> Option<SlashOrder> {
    let (mut day_first, mut month_first) = (false, false);
    for word in input.split(|c: char| c.is_whitespace() || c == ',' || c == '\t') {
        if let Some((a, b, _)) = slash_parts(word) {
            day_first |= a > 12;
            month_first |= b > 12;
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(SlashOrder::DayFirst),
        (false, true) => Some(SlashOrder::MonthFirst),
        (true, true) => None,
        (false, false) if country.is_some_and(|c| c.eq_ignore_ascii_case("US")) => Some(SlashOrder::MonthFirst),
        (false, false) => Some(SlashOrder::DayFirst),
    }
}

/// The line with its `a/b/yyyy` dates written `yyyy-mm-dd`, read in `order`.
pub(crate) fn iso_slashes(line: &str, order: Option<SlashOrder>) -> std::borrow::Cow<'_, str> {
    let Some(order) = order else { return line.into() };
    if !line.contains('/') && !line.contains('-') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut changed = false;
    let mut rest = line;
    while !rest.is_empty() {
        // Runs of digits, '/' and '-' are the candidates; everything else is copied.
        let start = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '/' || c == '-')).unwrap_or(rest.len());
        let run = &rest[..end];
        let date = slash_parts(run).filter(|_| run.matches(['/', '-']).count() == 2).and_then(|(a, b, y)| {
            let (day, month) = if order == SlashOrder::DayFirst { (a, b) } else { (b, a) };
            NaiveDate::from_ymd_opt(y, month, day)
        });
        match date {
            Some(date) if !run.starts_with(|c: char| c.is_ascii_digit() && run.len() > 10) => {
                out.push_str(&date.format("%Y-%m-%d").to_string());
                changed = true;
            }
            _ => out.push_str(run),
        }
        rest = &rest[end..];
    }
    if changed { out.into() } else { line.into() }
}

/// What a table column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Moment,
    Text,
    Place,
    Other,
}

/// Column headings of tracking tables, by what the column holds.
const MOMENT_COLUMNS: &[&str] = &[
    "date",
    "time",
    "date/time",
    "date & time",
    "date and time",
    "datetime",
    "time (local)",
    "local time",
    "时间",
    "日期",
    "时间/日期",
    "дата",
    "время",
    "дата и время",
    "дата/время",
    "дата і час",
    "час",
    "fecha",
    "hora",
    "fecha y hora",
    "data",
    "hora/data",
    "datum",
    "zeit",
    "datum/zeit",
    "heure",
    "date et heure",
    "czas",
    "data i godzina",
    "tarih",
    "saat",
    "tarih/saat",
    "işlem tarihi",
    "tarih saat",
    "uhrzeit",
    "data/hora",
    "data e hora",
    "data e ora",
    "ora",
    "data e ora",
    "tijd",
];
const TEXT_COLUMNS: &[&str] = &[
    "status",
    "event",
    "events",
    "description",
    "details",
    "activity",
    "tracking details",
    "status description",
    "状态",
    "物流状态",
    "轨迹",
    "详情",
    "物流信息",
    "跟踪信息",
    "描述",
    "статус",
    "событие",
    "операция",
    "описание",
    "подія",
    "estado",
    "evento",
    "descripción",
    "situação",
    "ereignis",
    "status/ereignis",
    "statut",
    "événement",
    "opis",
    "zdarzenie",
    "durum",
    "işlem",
    "hareket",
    "descrizione",
    "estado do objeto",
    "progress",
    "tracking event",
    "açıklama",
    "stato",
    "gebeurtenis",
];
const PLACE_COLUMNS: &[&str] = &[
    "location",
    "place",
    "office",
    "city",
    "country",
    "facility",
    "地点",
    "位置",
    "所在地",
    "地址",
    "место",
    "город",
    "місце",
    "відділення",
    "ubicación",
    "lugar",
    "oficina",
    "local",
    "localização",
    "ort",
    "standort",
    "lieu",
    "site",
    "miejsce",
    "placówka",
    "konum",
    "işlem yeri",
    "yer",
    "ufficio",
    "şube",
    "luogo",
    "locatie",
    "plaats",
    "post office",
    "post office/airport",
    "office/airport",
    "branch",
    "depot",
    "terminal",
];

/// The roles of a table's columns when the line is its header row: two or more cells, each
/// a known heading.
fn column_header(raw: &str) -> Option<Vec<Column>> {
    let cells = table_cells(raw);
    if cells.len() < 2 {
        return None;
    }
    cells
        .iter()
        .map(|cell| {
            let label = cell.trim().trim_end_matches([':', '：']).to_lowercase();
            if MOMENT_COLUMNS.contains(&label.as_str()) {
                Some(Column::Moment)
            } else if TEXT_COLUMNS.contains(&label.as_str()) {
                Some(Column::Text)
            } else if PLACE_COLUMNS.contains(&label.as_str()) {
                Some(Column::Place)
            } else if label.is_empty() {
                Some(Column::Other)
            } else {
                None
            }
        })
        .collect()
}

/// The cells of a table row: split on tabs (empty cells kept, so columns stay in place), or
/// on runs of two or more spaces.
fn table_cells(line: &str) -> Vec<&str> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.contains('\t') { line.split('\t').map(str::trim).collect() } else { split_columns(line) }
}

/// Takes a header fact from the line; true when the line was one.
fn header(line: &str, parsed: &mut Parsed) -> bool {
    let lower = line.to_lowercase();
    let value = |labels: &[&str]| {
        labels.iter().find_map(|label| {
            lower.strip_prefix(label).map(|rest| rest.trim_start_matches([':', '：', ' ', '\t', '-', '№', '#']).trim())
        })
    };
    if let Some(rest) = value(NUMBER_LABELS) {
        // The first word after the label, when it looks like a number: a known format, or
        // 8 to 40 letters and digits with at least one digit ("will be updated" is not one).
        let word = rest.split_whitespace().next().unwrap_or_default();
        let number = crate::tracking::check(&word.to_uppercase());
        let plausible = (8..=40).contains(&number.number.len())
            && number.number.bytes().all(|b| b.is_ascii_alphanumeric())
            && number.number.bytes().any(|b| b.is_ascii_digit());
        if number.format != crate::tracking::Format::Unknown || plausible {
            if !parsed.tracking.contains(&number.number) {
                parsed.tracking.push(number.number);
            }
            return true;
        }
    }
    if let Some(rest) = value(WEIGHT_LABELS) {
        if let Ok(weight) = Grams::parse(rest) {
            parsed.weight = Some(weight);
            return true;
        }
    }
    false
}

/// Finds the moment in a line: in the columns a header row named, in a column of its own,
/// or as the longest run of words that reads as one, leftmost first.
fn classify(line: &str, now: DateTime<FixedOffset>, columns: Option<&[Column]>) -> Line {
    // No tracker writes an event this long: such a line is not searched for a moment (the
    // search tries runs of words from every word, which on megabytes would take minutes).
    if line.len() > MAX_LINE {
        return Line::Text(line.to_string());
    }
    if let Some(found) = columns.and_then(|roles| by_columns(line, roles, now)) {
        return found;
    }
    let cells: Vec<&str> = split_columns(line);
    if cells.len() > 1 {
        let mut at: Option<Piece> = None;
        let mut others = Vec::new();
        for cell in &cells {
            match (at, piece(cell, now)) {
                (None, Some(p)) => at = Some(p),
                (Some(Piece::Date(d)), Some(Piece::Time(t, offset))) => at = Some(join(d, t, offset)),
                (Some(Piece::Time(t, offset)), Some(Piece::Date(d))) => at = Some(join(d, t, offset)),
                _ => others.push(*cell),
            }
        }
        if let Some(at) = at {
            // The widest other cell is the text and the rest are the place; but places are
            // often printed in capitals ("COLUMBUS OH DISTRIBUTION CENTER"), statuses not: a
            // cell in mixed case is preferred as the text.
            let capitals = |c: &str| c.chars().any(char::is_alphabetic) && !c.chars().any(char::is_lowercase);
            let any_mixed = others.iter().any(|c| !capitals(c));
            let widest = others
                .iter()
                .enumerate()
                .filter(|(_, c)| !any_mixed || !capitals(c))
                .max_by_key(|(_, c)| c.width())
                .map(|(i, _)| i);
            let text = widest.map(|i| others[i].to_string()).unwrap_or_default();
            let place: Vec<&str> =
                others.iter().enumerate().filter(|&(i, _)| Some(i) != widest).map(|(_, c)| *c).collect();
            let place = if place.is_empty() { bracket_place(&text) } else { Some(place.join(", ")) };
            let rest = if crate::dates::only_weekdays(&text) { String::new() } else { text };
            return Line::Moment { at, rest, place };
        }
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    // Every moment has a time or a year: runs without one are not tried. And a line gets a
    // bounded number of tries, so a long line of numbers costs milliseconds, not minutes.
    let anchored: Vec<bool> = words.iter().map(|w| has_time_or_year(w)).collect();
    let mut tries = 0;
    for start in 0..words.len() {
        if !could_start_moment(words[start]) {
            continue;
        }
        // A moment spans only date-like words: try the longest such run first.
        let run = words[start..].iter().take(10).take_while(|w| date_like(w)).count().max(1);
        if !anchored[start..start + run].contains(&true) {
            continue;
        }
        for end in (start + 1..=start + run).rev() {
            tries += 1;
            if tries > MAX_TRIES {
                return Line::Text(line.to_string());
            }
            let candidate = words[start..end].join(" ");
            if let Some(at) = piece(&candidate, now) {
                let rest = [&words[..start], &words[end..]].concat().join(" ");
                let rest =
                    rest.trim_matches(|c: char| c == '-' || c == '|' || c == ',' || c.is_whitespace()).to_string();
                let rest = if crate::dates::only_weekdays(&rest) { String::new() } else { rest };
                let place = bracket_place(&rest);
                return Line::Moment { at, rest, place };
            }
        }
    }
    Line::Text(line.to_string())
}

/// A row of a table whose header row named the columns.
fn by_columns(line: &str, roles: &[Column], now: DateTime<FixedOffset>) -> Option<Line> {
    let cells = table_cells(line);
    if cells.len() != roles.len() {
        return None;
    }
    let of = |role: Column, sep: &str| {
        cells
            .iter()
            .zip(roles)
            .filter(|&(c, r)| *r == role && !c.is_empty())
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .join(sep)
    };
    let at = piece(&of(Column::Moment, " "), now)?;
    // The first text column is the status; others ("Details") are not part of it.
    let text_at = roles.iter().position(|r| *r == Column::Text)?;
    let text = cells[text_at].to_string();
    let place = of(Column::Place, ", ");
    let place = if place.is_empty() { bracket_place(&text) } else { Some(place) };
    Some(Line::Moment { at, rest: text, place })
}

/// Tabs, or runs of two or more spaces, separate columns copied from a table.
fn split_columns(line: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    for part in line.split('\t') {
        let mut rest = part;
        while let Some(at) = rest.find("  ") {
            cells.push(rest[..at].trim());
            rest = rest[at..].trim_start();
        }
        cells.push(rest.trim());
    }
    cells.retain(|c| !c.is_empty());
    cells
}

/// The most runs of words tried as a moment in one line.
const MAX_TRIES: usize = 100;

/// A word holding a clock time (`15:47`) or a year (four digits in a row, `2026年`).
fn has_time_or_year(word: &str) -> bool {
    let bytes = word.as_bytes();
    let time = bytes.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let year = bytes.windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
    time || year
}

/// A word a moment can start with: a digit (numbers, Chinese dates), or a month or weekday
/// name. Checking this first keeps the search for a moment cheap on long pastes.
fn could_start_moment(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) || crate::dates::is_date_word(word)
}

/// A word that can be part of a written moment: one with a digit, a month or weekday name,
/// am/pm, an offset, or the little words dates are written with.
fn date_like(word: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | '[' | ']'));
    word.chars().any(|c| c.is_ascii_digit())
        || crate::dates::is_date_word(word)
        || matches!(
            bare,
            "am" | "pm"
                | "a.m"
                | "p.m"
                | "г"
                | "года"
                | "at"
                | "в"
                | "utc"
                | "gmt"
                | "on"
                | "uhr"
                | "um"
                | "de"
                | "del"
                | "à"
                | "às"
                | "le"
                | "godz"
                | "o"
                | "alle"
                | "om"
        )
        || bare.starts_with("gmt")
        || bare.starts_with("utc")
}

/// A text that is a moment, a date or a time and nothing else.
fn piece(text: &str, now: DateTime<FixedOffset>) -> Option<Piece> {
    let text = text.trim().trim_end_matches([',', '|', '-']).trim();
    if text.is_empty() || !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Relative words ("today", "3 days ago") are the typist's, not a tracker's.
    let lower = text.to_lowercase();
    if lower.contains("ago") || lower.contains("today") || lower.contains("yesterday") || lower.contains("now") {
        return None;
    }
    if let Some((time, offset)) = time_only(text) {
        return Some(Piece::Time(time, offset));
    }
    match parse_when(text, now).ok()? {
        When::Date(d) => Some(Piece::Date(d)),
        when => Some(Piece::Whole(when)),
    }
}

/// `15:47`, `15:47:09`, `3:47 pm`, perhaps with an offset: a time with no date.
fn time_only(text: &str) -> Option<(NaiveTime, Option<FixedOffset>)> {
    let probe = format!("2000-01-01 {text}");
    match parse_when(&probe, DateTime::parse_from_rfc3339("2000-06-01T00:00:00+00:00").ok()?).ok()? {
        When::Local(dt) if dt.date() == NaiveDate::from_ymd_opt(2000, 1, 1)? => Some((dt.time(), None)),
        When::Fixed(dt) if dt.date_naive() == NaiveDate::from_ymd_opt(2000, 1, 1)? => {
            Some((dt.time(), Some(*dt.offset())))
        }
        _ => None,
    }
}

fn join(date: NaiveDate, time: NaiveTime, offset: Option<FixedOffset>) -> Piece {
    let local = NaiveDateTime::new(date, time);
    match offset.and_then(|o| local.and_local_timezone(o).single()) {
        Some(fixed) => Piece::Whole(When::Fixed(fixed)),
        None => Piece::Whole(When::Local(local)),
    }
}

/// `[Shatian Town] …` or `【深圳市】…` at the start of a text names its place.
fn bracket_place(text: &str) -> Option<String> {
    for (open, close) in [('[', ']'), ('【', '】')] {
        if let Some(rest) = text.trim_start().strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let place = rest[..end].trim();
                if !place.is_empty() {
                    return Some(place.to_string());
                }
            }
        }
    }
    None
}

/// Builds events from the classified lines.
fn assemble(lines: &[(usize, Line)], parsed: &mut Parsed) {
    // A date line followed by a time line alone ("Nov 15, 2026" / "13:26") is one moment.
    let mut lines = lines.to_vec();
    for i in 0..lines.len().saturating_sub(1) {
        if let (
            Line::Moment { at: Piece::Date(d), rest: r1, .. },
            Line::Moment { at: Piece::Time(t, o), rest: r2, .. },
        ) = (&lines[i].1, &lines[i + 1].1)
        {
            if r1.is_empty() && r2.is_empty() {
                lines[i + 1].1 = Line::Moment { at: join(*d, *t, *o), rest: String::new(), place: None };
                lines[i].1 = Line::Skip;
            }
        }
    }
    let lines = &lines[..];
    let mut used = vec![false; lines.len()];
    let mut date_header: Option<NaiveDate> = None;
    let is_timed = |l: &Line| matches!(l, Line::Moment { at: Piece::Time(..), rest, .. } if !rest.is_empty());
    // Under date headings, a line of words after each time line is that event's place
    // ("15:47 Вручение адресату" / "Казань 420111"): when most time lines have one.
    let timed: Vec<usize> = (0..lines.len()).filter(|&i| is_timed(&lines[i].1)).collect();
    let with_place = timed.iter().filter(|&&i| matches!(lines.get(i + 1), Some((_, Line::Text(_))))).count();
    let place_lines = with_place * 2 > timed.len();
    // Lines with a moment and a text are events by themselves; a date alone may head the
    // time lines after it.
    for (i, (number, line)) in lines.iter().enumerate() {
        match line {
            Line::Moment { at: Piece::Date(d), rest, .. } if rest.is_empty() => {
                date_header = Some(*d);
                // A heading of time lines is not a record's moment.
                let next = lines[i + 1..].iter().find(|(_, l)| !matches!(l, Line::Blank | Line::Skip));
                if next.is_some_and(|(_, l)| is_timed(l)) {
                    used[i] = true;
                }
            }
            Line::Moment { at, rest, place } if !rest.is_empty() => {
                let at = match (*at, date_header) {
                    (Piece::Whole(w), _) => Some(w),
                    (Piece::Date(d), _) => Some(When::Date(d)),
                    (Piece::Time(t, o), Some(d)) => match join(d, t, o) {
                        Piece::Whole(w) => Some(w),
                        _ => None,
                    },
                    (Piece::Time(..), None) => None,
                };
                if let Some(at) = at {
                    let mut place = place.clone();
                    if place_lines && is_timed(line) && place.is_none() {
                        if let Some((_, Line::Text(next))) = lines.get(i + 1) {
                            place = Some(next.clone());
                            used[i + 1] = true;
                        }
                    }
                    parsed.events.push(Event { at, text: rest.clone(), place, line: *number });
                    used[i] = true;
                }
            }
            Line::Skip | Line::Blank => used[i] = true,
            _ => {}
        }
    }
    // Records: a moment alone on its line, with text lines around it.
    let alone: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(i, (_, l))| !used[*i] && matches!(l, Line::Moment { rest, .. } if rest.is_empty()))
        .map(|(i, _)| i)
        .collect();
    if !alone.is_empty() {
        records(lines, &alone, &mut used, parsed);
    }
    for (i, (number, line)) in lines.iter().enumerate() {
        if used[i] {
            continue;
        }
        let text = match line {
            Line::Text(t) | Line::Fact(t) => t.clone(),
            Line::Moment { rest, .. } => rest.clone(),
            _ => continue,
        };
        // A date heading time lines was used, even with nothing to report of its own.
        if matches!(line, Line::Moment { at: Piece::Date(_), rest, .. } if rest.is_empty()) {
            continue;
        }
        parsed.not_understood.push((*number, shown(&if text.is_empty() { line_text(line) } else { text })));
    }
}

fn line_text(line: &Line) -> String {
    match line {
        Line::Text(t) => t.clone(),
        Line::Moment { at: Piece::Time(t, _), .. } => t.format("%H:%M").to_string(),
        _ => String::new(),
    }
}

/// Records of several lines around a moment that stands alone. The content lines before the
/// first such moment (back to a blank line or the start) tell how many lines of each record
/// come before its moment; the first of those is the text, the others and the lines after
/// the moment are the place.
fn records(lines: &[(usize, Line)], alone: &[usize], used: &mut [bool], parsed: &mut Parsed) {
    let is_content = |i: usize, used: &[bool]| !used[i] && matches!(lines[i].1, Line::Text(_));
    let first = alone[0];
    let mut before = 0;
    let mut after = usize::MAX;
    let mut k = first;
    while k > 0 && is_content(k - 1, used) {
        before += 1;
        k -= 1;
    }
    // Without blank lines between records, lines above the first record (a title, a status
    // badge) would count as its own: the gap to the next moment bounds a record's length.
    if let Some(&second) = alone.get(1) {
        let gap = (first + 1..second).filter(|&i| is_content(i, used)).count();
        before = before.min(gap);
        // Which line of a record is its status: the split whose first lines read as
        // statuses (a phrase of the stage tables occurs in them) for the most records wins;
        // places and titles rarely do. On a tie the lines above the first moment decide.
        let reads_as_status = |i: usize| match &lines[i].1 {
            Line::Text(t) if !used[i] => crate::rules::stages::deciding_rule(t, &[]).is_some(),
            _ => false,
        };
        let score = |b: usize| {
            alone
                .iter()
                .take(12)
                .filter(|&&m| {
                    let text_at = if b > 0 { m.checked_sub(b) } else { Some(m + 1) };
                    text_at.is_some_and(|i| i < lines.len() && reads_as_status(i))
                })
                .count()
        };
        let best = (0..=gap).max_by_key(|&b| (score(b), b == before)).unwrap_or(before);
        before = best;
        after = gap - before;
    }
    for (n, &at_line) in alone.iter().enumerate() {
        let at = match lines[at_line].1 {
            Line::Moment { at: Piece::Whole(w), .. } => w,
            Line::Moment { at: Piece::Date(d), .. } => When::Date(d),
            _ => continue,
        };
        // Lines before this moment that belong to it.
        let mut own_before = Vec::new();
        let mut k = at_line;
        while own_before.len() < before && k > 0 && is_content(k - 1, used) {
            k -= 1;
            own_before.push(k);
        }
        own_before.reverse();
        // Lines after it, up to the next record (its lines before its moment) or a blank.
        let next = alone.get(n + 1).map_or(lines.len(), |&next| next.saturating_sub(before));
        let mut own_after = Vec::new();
        let mut k = at_line + 1;
        while k < next && k < lines.len() && is_content(k, used) && own_after.len() < after {
            own_after.push(k);
            k += 1;
        }
        let mut texts: Vec<usize> = own_before.iter().chain(&own_after).copied().collect();
        if texts.is_empty() {
            continue;
        }
        let text_at = texts.remove(0);
        let text = match &lines[text_at].1 {
            Line::Text(t) => t.clone(),
            _ => continue,
        };
        let place: Vec<String> = texts
            .iter()
            .filter_map(|&i| match &lines[i].1 {
                Line::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        let place = if place.is_empty() { bracket_place(&text) } else { Some(place.join(", ")) };
        parsed.events.push(Event { at, text, place, line: lines[at_line].0 });
        used[at_line] = true;
        used[text_at] = true;
        for i in texts {
            used[i] = true;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-24T12:00:00+03:00").unwrap()
    }

    fn events(text: &str) -> Vec<(String, String, Option<String>)> {
        parse_history(text, now(), None).events.into_iter().map(|e| (e.at.to_storage(), e.text, e.place)).collect()
    }

    fn e(at: &str, text: &str, place: Option<&str>) -> (String, String, Option<String>) {
        (at.to_string(), text.to_string(), place.map(str::to_string))
    }

    #[test]
    fn one_event_per_line_in_any_order_newest_first() {
        let paste = "2026-11-05 14:20 Arrived at destination country\n\
                     Departed from departure country/region 2026-11-02 09:05\n\
                     2026-10-30 18:00\tAccepted by carrier\tShenzhen\n";
        assert_eq!(
            events(paste),
            [
                e("2026-10-30T18:00:00", "Accepted by carrier", Some("Shenzhen")),
                e("2026-11-02T09:05:00", "Departed from departure country/region", None),
                e("2026-11-05T14:20:00", "Arrived at destination country", None),
            ]
        );
    }

    #[test]
    fn records_of_text_moment_and_place_with_or_without_blank_lines() {
        let blocks = "Вручение адресату\n21 ноября 2026, 15:47\nКазань 420111\n\n\
                      Прибыло в место вручения\n20 ноября 2026, 09:12\nКазань 420111\n";
        let plain = blocks.replace("\n\n", "\n");
        let expected = [
            e("2026-11-20T09:12:00", "Прибыло в место вручения", Some("Казань 420111")),
            e("2026-11-21T15:47:00", "Вручение адресату", Some("Казань 420111")),
        ];
        assert_eq!(events(blocks), expected);
        assert_eq!(events(&plain), expected);
        // Moment first.
        let first = "2026-11-21 15:47\nDelivered\nKazan\n2026-11-20 09:12\nOut for delivery\nKazan\n";
        assert_eq!(
            events(first),
            [
                e("2026-11-20T09:12:00", "Out for delivery", Some("Kazan")),
                e("2026-11-21T15:47:00", "Delivered", Some("Kazan"))
            ]
        );
    }

    #[test]
    fn a_date_heading_time_lines() {
        let paste = "21 ноября 2026\n15:47 Вручение адресату\n09:10 Передано почтальону\n20.11.2026\n18:00 Прибыло в место вручения";
        assert_eq!(
            events(paste),
            [
                e("2026-11-20T18:00:00", "Прибыло в место вручения", None),
                e("2026-11-21T09:10:00", "Передано почтальону", None),
                e("2026-11-21T15:47:00", "Вручение адресату", None),
            ]
        );
    }

    #[test]
    fn a_place_line_under_a_time_line() {
        let paste = "21 ноября 2026\n15:47 Вручение адресату\nКазань 420111\n09:10 Передано почтальону\nКазань 420111";
        assert_eq!(
            events(paste),
            [
                e("2026-11-21T09:10:00", "Передано почтальону", Some("Казань 420111")),
                e("2026-11-21T15:47:00", "Вручение адресату", Some("Казань 420111")),
            ]
        );
        let parsed = parse_history(paste, now(), None);
        assert!(parsed.not_understood.is_empty(), "{:?}", parsed.not_understood);
    }

    #[test]
    fn places_offsets_headers_and_noise() {
        let paste = "Tracking number: RS473102580CN\nВес: 1,250 кг\nCopy\n\
                     2026-11-02 09:05 [GMT+8] [Shatian Town] Departed from sorting center\n\
                     2026年10月30日 18:00 【深圳市】快件已揽收\n\
                     Something that is not an event\n";
        let parsed = parse_history(paste, now(), None);
        assert_eq!(parsed.tracking, ["RS473102580CN"]);
        let later = parse_history("Tracking number will be updated soon\n", now(), None);
        assert!(later.tracking.is_empty());
        assert_eq!(later.not_understood.len(), 1);
        assert_eq!(parsed.weight, Some(Grams(1250.0)));
        assert_eq!(parsed.noise, [(3, "Copy".to_string())]);
        assert_eq!(parsed.not_understood, [(6, "Something that is not an event".to_string())]);
        let got: Vec<_> = parsed.events.iter().map(|e| (e.at.to_storage(), e.text.clone(), e.place.clone())).collect();
        assert_eq!(
            got,
            [
                e("2026-10-30T18:00:00", "【深圳市】快件已揽收", Some("深圳市")),
                e("2026-11-02T09:05:00+08:00", "[Shatian Town] Departed from sorting center", Some("Shatian Town")),
            ]
        );
    }

    #[test]
    fn summaries_titles_and_places_in_capitals() {
        // A title above moment-first records is not part of the first record; the summary
        // sentence about a date is not an event; a cell in capitals is the place.
        let paste = "Delivered on Saturday, Nov 21, 2026\nShipment Progress\n\
                     Nov 21, 2026 03:47 PM\nDelivered, In/At Mailbox\nCOLUMBUS, OH, 43215\n\
                     Nov 19, 2026 11:32 PM\nArrived at USPS Regional Destination Facility\nCOLUMBUS OH DISTRIBUTION CENTER\n";
        let parsed = parse_history(paste, now(), Some("US"));
        let got: Vec<_> = parsed.events.iter().map(|e| (e.at.to_storage(), e.text.clone(), e.place.clone())).collect();
        assert_eq!(
            got,
            [
                e(
                    "2026-11-19T23:32:00",
                    "Arrived at USPS Regional Destination Facility",
                    Some("COLUMBUS OH DISTRIBUTION CENTER")
                ),
                e("2026-11-21T15:47:00", "Delivered, In/At Mailbox", Some("COLUMBUS, OH, 43215")),
            ]
        );
        let lines: Vec<usize> = parsed.not_understood.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 2]);
        let table = "12.11.2026 09:35\tİSTANBUL POSTA İŞLEME MERKEZİ\tGönderi ülkeye ulaştı\n";
        assert_eq!(
            events(table),
            [e("2026-11-12T09:35:00", "Gönderi ülkeye ulaştı", Some("İSTANBUL POSTA İŞLEME MERKEZİ"))]
        );
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in ["", "\n\n", ":", "12:", "2026", "【", "[", "\u{feff}", "2026-13-45 99:99 x", &"a".repeat(100_000)]
        {
            let _ = parse_history(text, now(), None);
        }
    }
}
