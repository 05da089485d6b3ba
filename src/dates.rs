//! Moments as the user types them, kept as given.
//!
//! Invariants:
//! - A time typed without a UTC offset stays wall-clock time with the offset unknown
//!   ([`When::Local`]); this module never invents an offset for it.
//! - Nothing here reads the clock: every function that needs "now" takes it as an argument.
//! - Fractional seconds are dropped on input; storage always has whole seconds.

mod written;
pub use written::{is_date_word, only_weekdays};

use std::fmt;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Month, Months, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Timelike,
    Weekday,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The furthest back `N days ago` may reach.
const MAX_DAYS_AGO: u64 = 3650;
/// Date layouts `parse_when` understands, each with its own order of fields.
const DATE_FORMATS: [&str; 3] = ["%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d"];

/// A moment as the user gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A calendar day, time not given.
    Date(NaiveDate),
    /// Wall-clock date and time with the UTC offset unknown.
    Local(NaiveDateTime),
    /// Date and time with a known offset.
    Fixed(DateTime<FixedOffset>),
}

/// Why a typed moment was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DateError {
    /// The text has no shape dossier knows.
    #[error("'{input}' is not a date dossier understands")]
    Unrecognised {
        /// The input, trimmed.
        input: String,
    },
    /// The text has a known shape but names a moment that does not exist.
    #[error("'{input}' is not a real date ({reason})")]
    Impossible {
        /// The input, trimmed.
        input: String,
        /// Which field is out of range, e.g. "February 2026 has 28 days".
        reason: String,
    },
    /// A real date, but outside the years a parcel case can concern.
    #[error("'{input}' is {reason}")]
    OutOfRange {
        /// The input, trimmed.
        input: String,
        /// Before 2000, or how far after now.
        reason: String,
    },
}

impl DateError {
    /// A one-line suggestion to show after the error message.
    #[must_use]
    pub fn hint(&self) -> &'static str {
        match self {
            Self::Unrecognised { .. } => {
                "use 2026-11-03, 2026-11-03 14:05, 2026-11-03T14:05:00+08:00, 03.11.2026, \
                 \"Nov 3, 2026 2:05 pm\", \"3 ноября 2026, 14:05\", 2026年11月3日 14:05, \
                 today, yesterday, 3 days ago or a weekday"
            }
            Self::Impossible { .. } => {
                "check the numbers: months 1-12, days up to the month's length, hours 0-23, \
                 minutes 0-59, and at most 3650 days ago"
            }
            Self::OutOfRange { .. } => "dates from 2000-01-01 up to one year after now are accepted; check the year",
        }
    }
}

/// Internal failure before the input is attached.
enum Fail {
    Shape,
    Range(String),
}

/// Parses a moment typed by the user; relative forms are resolved against `now`.
///
/// Weekday names (`monday`, `mon`, ...) mean the most recent *past* such day, 1 to 7 days
/// before `now`'s date: typed on a Monday, `monday` is the Monday a week ago, never today.
///
/// # Errors
/// [`DateError::Unrecognised`] for shapes dossier does not know, [`DateError::Impossible`]
/// for well-shaped dates with a field out of range.
pub fn parse_when(input: &str, now: DateTime<FixedOffset>) -> Result<When, DateError> {
    let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let result = relative(&text.to_lowercase(), now).unwrap_or_else(|| absolute(&text));
    let when = result.map_err(|fail| {
        let input = input.trim().to_owned();
        match fail {
            Fail::Shape => DateError::Unrecognised { input },
            Fail::Range(reason) => DateError::Impossible { input, reason },
        }
    })?;
    // No parcel case concerns a day before 2000 or more than a year ahead: such a date is a
    // typo (`0000-01-01`, a wrong century) that would otherwise become "740314 days silent".
    let (earliest, latest) =
        (NaiveDate::from_ymd_opt(2000, 1, 1), now.date_naive().checked_add_months(Months::new(12)));
    let out_of_range = |reason: String| DateError::OutOfRange { input: input.trim().to_owned(), reason };
    match (earliest, latest) {
        (Some(earliest), _) if when.date() < earliest => Err(out_of_range("before 2000-01-01".into())),
        (_, Some(latest)) if when.date() > latest => {
            Err(out_of_range(format!("more than a year after now ({})", now.date_naive())))
        }
        _ => Ok(when),
    }
}

/// Parses `--now` / `DOSSIER_NOW` into an instant.
///
/// Same syntax as [`parse_when`]; a value without an offset is read in `local_offset`, a
/// date means midnight at its start, and relative forms are relative to `clock`.
///
/// # Errors
/// As [`parse_when`].
pub fn parse_now(
    input: &str,
    clock: DateTime<FixedOffset>,
    local_offset: FixedOffset,
) -> Result<DateTime<FixedOffset>, DateError> {
    let wall = match parse_when(input, clock)? {
        When::Fixed(dt) => return Ok(dt),
        When::Local(dt) => dt,
        When::Date(d) => d.and_time(NaiveTime::MIN),
    };
    wall.and_local_timezone(local_offset).single().ok_or_else(|| DateError::Impossible {
        input: input.trim().to_owned(),
        reason: "outside the supported range".to_owned(),
    })
}

/// Resolves words relative to `now`; `None` when `words` is no relative form at all.
fn relative(words: &str, now: DateTime<FixedOffset>) -> Option<Result<When, Fail>> {
    let today = now.date_naive();
    let back = |days: u64| {
        today
            .checked_sub_days(Days::new(days))
            .map(When::Date)
            .ok_or_else(|| Fail::Range("before the earliest supported date".to_owned()))
    };
    match words {
        "now" => return Some(Ok(When::Fixed(whole_seconds(now)))),
        "today" => return Some(back(0)),
        "yesterday" => return Some(back(1)),
        _ => {}
    }
    // chrono's own weekday parser: English, full or 3-letter, any case, nothing else.
    if let Ok(weekday) = words.parse::<Weekday>() {
        let since = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return Some(back(u64::from(if since == 0 { 7 } else { since })));
    }
    let count = match words.split(' ').collect::<Vec<_>>().as_slice() {
        [n, "day" | "days" | "d", "ago"] => *n,
        [nd, "ago"] => nd.strip_suffix('d')?,
        _ => return None,
    };
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // All digits, so a parse failure can only be overflow: too many days either way.
    Some(match count.parse::<u64>() {
        Ok(n) if n <= MAX_DAYS_AGO => back(n),
        _ => Err(Fail::Range(format!("dossier reaches back at most {MAX_DAYS_AGO} days"))),
    })
}

/// Parses an absolute date or date-time with chrono; on failure, tells shape from range.
fn absolute(text: &str) -> Result<When, Fail> {
    let mut s = text.to_ascii_uppercase();
    if s.ends_with('Z') {
        s.pop();
        s.push_str("+00:00");
    }
    // The hand shape check gates chrono, which on its own is lenient (e.g. "+2026-11-03").
    // Other shapes may be dates as trackers write them (`21 ноября 2026, 15:47`).
    let Some(shape) = Shape::of(&s) else {
        return written::parse(text).unwrap_or(Err(Fail::Shape));
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(&s) {
        return Ok(When::Fixed(whole_seconds(dt)));
    }
    for date in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(&s, date) {
            return Ok(When::Date(d));
        }
        for sep in [" ", "T"] {
            for time in ["%H:%M", "%H:%M:%S%.f"] {
                let local = format!("{date}{sep}{time}");
                if let Ok(dt) = NaiveDateTime::parse_from_str(&s, &local) {
                    return Ok(When::Local(whole_seconds(dt)));
                }
                // A space in a chrono format matches any amount of whitespace, even none.
                if let Ok(dt) = DateTime::parse_from_str(&s, &format!("{local} %z")) {
                    return Ok(When::Fixed(whole_seconds(dt)));
                }
            }
        }
    }
    Err(shape.out_of_range().map_or(Fail::Shape, Fail::Range))
}

/// Drops fractional seconds (a leap second becomes :59).
fn whole_seconds<T: Timelike + Copy>(t: T) -> T {
    t.with_nanosecond(0).unwrap_or(t)
}

/// The numeric fields of a date-like text, checked for shape only (digits in the right places).
struct Shape {
    year: u32,
    month: u32,
    day: u32,
    /// Hour, minute and optional second.
    time: Vec<u32>,
}

impl Shape {
    /// Reads `YYYY-M-D`, `D.M.YYYY` or `YYYY/M/D`, optionally followed by ` ` or `T`,
    /// `H:MM[:SS]` and a tail of fraction/offset characters.
    fn of(s: &str) -> Option<Self> {
        let (date, rest) = match s.split_once([' ', 'T']) {
            Some((date, rest)) => (date, Some(rest)),
            None => (s, None),
        };
        let sep = date.chars().find(|c| matches!(c, '-' | '.' | '/'))?;
        let fields = date.split(sep).collect::<Vec<_>>();
        let [first, middle, last] = fields.as_slice() else {
            return None;
        };
        let (year, day) = if sep == '.' { (last, first) } else { (first, last) };
        let mut shape =
            Self { year: digits(year, 4, 4)?, month: digits(middle, 1, 2)?, day: digits(day, 1, 2)?, time: Vec::new() };
        if let Some(rest) = rest {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(rest.len());
            let (clock, tail) = rest.split_at(end);
            let tail_ok = tail.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '+' | '-' | ' '));
            shape.time = clock.split(':').map(|p| digits(p, 1, 2)).collect::<Option<Vec<_>>>()?;
            if !tail_ok || !(2..=3).contains(&shape.time.len()) {
                return None;
            }
        }
        Some(shape)
    }

    /// Names the first field out of range, if any.
    fn out_of_range(&self) -> Option<String> {
        let (year, month, day) = (self.year, self.month, self.day);
        let Some(name) = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()) else {
            return Some(format!("month {month} does not exist"));
        };
        let first = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?;
        let next = first.checked_add_months(Months::new(1))?;
        let length = next.signed_duration_since(first).num_days();
        if day == 0 {
            return Some("day 0 does not exist".to_owned());
        }
        if i64::from(day) > length {
            return Some(format!("{} {year} has {length} days", name.name()));
        }
        let units = ["hour", "minute", "second"];
        let limits = [23, 59, 59];
        for ((value, unit), limit) in self.time.iter().zip(units).zip(limits) {
            if *value > limit {
                return Some(format!("{unit} {value} does not exist"));
            }
        }
        None
    }
}

/// Parses `s` as `min..=max` ASCII digits.
fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if ok { s.parse().ok() } else { None }
}

impl When {
    /// Storage form that round-trips through [`When::from_storage`].
    ///
    /// `2026-11-03`, `2026-11-03T14:05:00`, `2026-11-03T14:05:00+08:00`: always seconds,
    /// `+00:00` for UTC, never `Z`.
    #[must_use]
    pub fn to_storage(&self) -> String {
        match self {
            Self::Date(d) => d.to_string(),
            Self::Local(dt) => format!("{}T{}", dt.date(), dt.time()),
            Self::Fixed(dt) => dt.to_rfc3339_opts(SecondsFormat::Secs, false),
        }
    }

    /// Reads the storage form; also accepts any RFC 3339 instant (fraction dropped).
    #[must_use]
    pub fn from_storage(s: &str) -> Option<When> {
        // The length tells the stored forms apart, so each text is parsed once. The forms
        // `to_storage` writes are read digit by digit (chrono's general parsers were a
        // twentieth of `check --all`, which reads every stored moment); anything else, such as
        // a fraction or `Z`, goes to chrono.
        Self::from_written_storage(s).or_else(|| match s.len() {
            10 => s.parse().ok().map(Self::Date),
            19 => s.parse().ok().map(|dt| Self::Local(whole_seconds(dt))),
            _ => DateTime::parse_from_rfc3339(s).ok().map(|dt| Self::Fixed(whole_seconds(dt))),
        })
    }

    /// Reads exactly the three forms of [`When::to_storage`]; None for anything else.
    fn from_written_storage(s: &str) -> Option<When> {
        let b = s.as_bytes();
        let number = |from: usize, to: usize| {
            b.get(from..to)?.iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
        };
        let at = |i: usize, c: u8| b.get(i) == Some(&c);
        let date = || {
            (at(4, b'-') && at(7, b'-')).then_some(())?;
            NaiveDate::from_ymd_opt(i32::try_from(number(0, 4)?).ok()?, number(5, 7)?, number(8, 10)?)
        };
        let local = || {
            (at(10, b'T') && at(13, b':') && at(16, b':')).then_some(())?;
            Some(date()?.and_time(NaiveTime::from_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?))
        };
        match s.len() {
            10 => date().map(Self::Date),
            19 => local().map(Self::Local),
            25 => {
                let sign = match b[19] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                at(22, b':').then_some(())?;
                let minutes = number(23, 25).filter(|&m| m < 60)?;
                let seconds = i32::try_from(number(20, 22)? * 3600 + minutes * 60).ok()?;
                let offset = FixedOffset::east_opt(sign * seconds)?;
                local()?.and_local_timezone(offset).single().map(Self::Fixed)
            }
            _ => None,
        }
    }

    /// Sort key in seconds (approximate across kinds).
    ///
    /// The UTC instant when the offset is known; wall-clock time read as if it were UTC when
    /// it is not; midnight for a date. A `Local` value may therefore sort up to ~14 hours
    /// away from its true instant.
    #[must_use]
    pub fn sort_key(&self) -> i64 {
        match self {
            Self::Date(d) => d.and_time(NaiveTime::MIN).and_utc().timestamp(),
            Self::Local(dt) => dt.and_utc().timestamp(),
            Self::Fixed(dt) => dt.timestamp(),
        }
    }

    /// True when this moment lies after `now`.
    ///
    /// `Fixed` compares instants; `Local` compares its wall clock with `now`'s wall clock in
    /// `now`'s own offset; `Date` compares with `now`'s calendar date (so "today" is never
    /// in the future).
    #[must_use]
    pub fn is_after(&self, now: DateTime<FixedOffset>) -> bool {
        match self {
            Self::Date(d) => *d > now.date_naive(),
            Self::Local(dt) => *dt > now.naive_local(),
            Self::Fixed(dt) => *dt > now,
        }
    }

    /// The calendar date as the user wrote it (no conversion).
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        match self {
            Self::Date(d) => *d,
            Self::Local(dt) => dt.date(),
            Self::Fixed(dt) => dt.date_naive(),
        }
    }

    /// Whole calendar days from this moment to `now`; negative if this lies after `now`.
    ///
    /// A `Fixed` instant is first converted to `now`'s offset; `Local` and `Date` use the
    /// date as written.
    #[must_use]
    pub fn days_until(&self, now: DateTime<FixedOffset>) -> i64 {
        let from = match self {
            Self::Fixed(dt) => dt.with_timezone(now.offset()).date_naive(),
            Self::Date(_) | Self::Local(_) => self.date(),
        };
        now.date_naive().signed_duration_since(from).num_days()
    }
}

impl fmt::Display for When {
    /// Human form: `2026-11-03`, `2026-11-03 14:05 (offset unknown)`, `2026-11-03 14:05 +08:00`;
    /// seconds only when they are not zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clock =
            |t: NaiveTime| if t.second() == 0 { format!("{:02}:{:02}", t.hour(), t.minute()) } else { t.to_string() };
        match self {
            Self::Date(d) => write!(f, "{d}"),
            Self::Local(dt) => write!(f, "{} {} (offset unknown)", dt.date(), clock(dt.time())),
            Self::Fixed(dt) => write!(f, "{} {} {}", dt.date_naive(), clock(dt.time()), dt.offset()),
        }
    }
}

impl When {
    /// The form of table cells: as [`Display`](fmt::Display) but a time whose offset is
    /// unknown carries no mark (a known offset is always shown, so none means unknown).
    pub fn compact(&self) -> String {
        match self {
            Self::Local(dt) => {
                let t = dt.time();
                let clock = if t.second() == 0 { format!("{:02}:{:02}", t.hour(), t.minute()) } else { t.to_string() };
                format!("{} {clock}", dt.date())
            }
            other => other.to_string(),
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_storage())
    }
}

impl<'de> Deserialize<'de> for When {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::from_storage(&s).ok_or_else(|| serde::de::Error::custom(format!("'{s}' is not a stored dossier date")))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Thursday 2026-11-05 10:00 at +03:00.
    const THURSDAY: &str = "2026-11-05T10:00:00+03:00";
    /// Monday 2026-11-02 09:00 at +03:00.
    const MONDAY: &str = "2026-11-02T09:00:00+03:00";

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn stored(s: &str) -> When {
        When::from_storage(s).unwrap()
    }

    /// One comparable line per outcome: kind plus storage form, or the error class and reason.
    fn outcome(input: &str, now: &str) -> String {
        match parse_when(input, at(now)) {
            Ok(w @ When::Date(_)) => format!("date {}", w.to_storage()),
            Ok(w @ When::Local(_)) => format!("local {}", w.to_storage()),
            Ok(w @ When::Fixed(_)) => format!("fixed {}", w.to_storage()),
            Err(DateError::Unrecognised { .. }) => "unrecognised".to_owned(),
            Err(DateError::Impossible { reason, .. }) => format!("impossible: {reason}"),
            Err(DateError::OutOfRange { reason, .. }) => format!("out of range: {reason}"),
        }
    }

    #[test]
    fn parse_when_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, &str, &str)] = &[
            ("iso date", "2026-11-03", THURSDAY, "date 2026-11-03"),
            ("iso space h:m", "2026-11-03 14:05", THURSDAY, "local 2026-11-03T14:05:00"),
            ("iso space h:m:s", "2026-11-03 14:05:30", THURSDAY, "local 2026-11-03T14:05:30"),
            ("iso T h:m", "2026-11-03T14:05", THURSDAY, "local 2026-11-03T14:05:00"),
            ("iso T h:m:s", "2026-11-03T14:05:00", THURSDAY, "local 2026-11-03T14:05:00"),
            ("lowercase t", "2026-11-03t14:05", THURSDAY, "local 2026-11-03T14:05:00"),
            ("single-digit hour", "2026-11-03 4:05", THURSDAY, "local 2026-11-03T04:05:00"),
            ("single-digit month/day", "2026-1-3", THURSDAY, "date 2026-01-03"),
            ("rfc3339", "2026-11-03T14:05:00+08:00", THURSDAY, "fixed 2026-11-03T14:05:00+08:00"),
            ("space h:m offset", "2026-11-03 14:05+08:00", THURSDAY, "fixed 2026-11-03T14:05:00+08:00"),
            ("zulu", "2026-11-03T14:05:00Z", THURSDAY, "fixed 2026-11-03T14:05:00+00:00"),
            ("lowercase zulu", "2026-11-03t14:05:00z", THURSDAY, "fixed 2026-11-03T14:05:00+00:00"),
            ("spaced offset no colon", "2026-11-03 14:05:00 +0300", THURSDAY, "fixed 2026-11-03T14:05:00+03:00"),
            ("fraction dropped", "2026-11-03T14:05:00.123+08:00", THURSDAY, "fixed 2026-11-03T14:05:00+08:00"),
            ("negative offset", "2026-11-03T14:05:00-05:30", THURSDAY, "fixed 2026-11-03T14:05:00-05:30"),
            ("dotted date", "03.11.2026", THURSDAY, "date 2026-11-03"),
            ("dotted h:m", "03.11.2026 14:05", THURSDAY, "local 2026-11-03T14:05:00"),
            ("dotted h:m:s", "03.11.2026 14:05:30", THURSDAY, "local 2026-11-03T14:05:30"),
            ("slash date", "2026/11/03", THURSDAY, "date 2026-11-03"),
            ("slash h:m", "2026/11/03 14:05", THURSDAY, "local 2026-11-03T14:05:00"),
            ("extra spaces", "  2026-11-03    14:05 ", THURSDAY, "local 2026-11-03T14:05:00"),
            ("leap day valid", "2024-02-29", THURSDAY, "date 2024-02-29"),
            ("year zero", "0000-01-01", THURSDAY, "out of range: before 2000-01-01"),
            ("last day before 2000", "31.12.1999", THURSDAY, "out of range: before 2000-01-01"),
            ("first day of 2000", "2000-01-01", THURSDAY, "date 2000-01-01"),
            ("a year ahead", "2027-11-05", THURSDAY, "date 2027-11-05"),
            ("a year and a day ahead", "2027-11-06 10:00", THURSDAY, "out of range: more than a year after now (2026-11-05)"),
            ("today", "today", THURSDAY, "date 2026-11-05"),
            ("today any case", " ToDay ", THURSDAY, "date 2026-11-05"),
            ("yesterday", "yesterday", THURSDAY, "date 2026-11-04"),
            ("n days ago", "3 days ago", THURSDAY, "date 2026-11-02"),
            ("n day ago", "1 day ago", THURSDAY, "date 2026-11-04"),
            ("nd ago", "3d ago", THURSDAY, "date 2026-11-02"),
            ("n d ago", "3 D  ago", THURSDAY, "date 2026-11-02"),
            ("zero days ago", "0 days ago", THURSDAY, "date 2026-11-05"),
            ("limit days ago", "3650 days ago", THURSDAY, "date 2016-11-07"),
            ("now", "now", THURSDAY, "fixed 2026-11-05T10:00:00+03:00"),
            ("weekday earlier this week", "mon", THURSDAY, "date 2026-11-02"),
            ("weekday later name", "Friday", THURSDAY, "date 2026-10-30"),
            ("same weekday is a week ago", "thursday", THURSDAY, "date 2026-10-29"),
            ("monday on a monday", "monday", MONDAY, "date 2026-10-26"),
            ("mon on a monday", "MON", MONDAY, "date 2026-10-26"),
            ("sunday on a monday", "sun", MONDAY, "date 2026-11-01"),
            ("tuesday on a monday", "tuesday", MONDAY, "date 2026-10-27"),
            ("feb 29 non-leap", "2026-02-29", THURSDAY, "impossible: February 2026 has 28 days"),
            ("feb 30", "2026-02-30", THURSDAY, "impossible: February 2026 has 28 days"),
            ("month 13", "2026-13-01", THURSDAY, "impossible: month 13 does not exist"),
            ("month 0", "2026-00-10", THURSDAY, "impossible: month 0 does not exist"),
            ("day 0", "2026-11-00", THURSDAY, "impossible: day 0 does not exist"),
            ("dotted april 31", "31.04.2026", THURSDAY, "impossible: April 2026 has 30 days"),
            ("slash day 32", "2026/01/32", THURSDAY, "impossible: January 2026 has 31 days"),
            ("hour 25", "2026-11-03 25:00", THURSDAY, "impossible: hour 25 does not exist"),
            ("minute 60", "2026-11-03T14:60", THURSDAY, "impossible: minute 60 does not exist"),
            ("bad day with offset", "2026-02-30T10:00:00+08:00", THURSDAY, "impossible: February 2026 has 28 days"),
            ("too many days", "3651 days ago", THURSDAY, "impossible: dossier reaches back at most 3650 days"),
            ("huge days", "99999999999 days ago", THURSDAY, "impossible: dossier reaches back at most 3650 days"),
            ("overflowing days", "99999999999999999999999d ago", THURSDAY, "impossible: dossier reaches back at most 3650 days"),
            ("suffixed word", "yesterday-ish", THURSDAY, "unrecognised"),
            ("vague word", "soon", THURSDAY, "unrecognised"),
            ("year-month only", "2026-11", THURSDAY, "unrecognised"),
            ("us order, ambiguous", "11/03/2026", THURSDAY, "impossible: 11/03/2026 could be 3 November 2026 or 11 March 2026; write it as YYYY-MM-DD"),
            ("us order", "11/21/2026 3:47 pm", THURSDAY, "local 2026-11-21T15:47:00"),
            ("russian month", "21 ноября 2026, 15:47", THURSDAY, "local 2026-11-21T15:47:00"),
            ("empty", "", THURSDAY, "unrecognised"),
            ("blank", "   ", THURSDAY, "unrecognised"),
            ("non-ascii word", "понедельник", THURSDAY, "unrecognised"),
            ("fullwidth digits", "２０２６-11-03", THURSDAY, "unrecognised"),
            ("signed year", "+2026-11-03", THURSDAY, "unrecognised"),
            ("five-digit year", "12026-11-03", THURSDAY, "unrecognised"),
            ("mixed separators", "2026-11/03", THURSDAY, "unrecognised"),
            ("trailing garbage", "2026-02-30 14:05 later", THURSDAY, "unrecognised"),
            ("hour only", "2026-11-03 14", THURSDAY, "unrecognised"),
            ("glued time", "2026-11-0314:05", THURSDAY, "unrecognised"),
            ("negative days", "-3 days ago", THURSDAY, "unrecognised"),
            ("weeks", "3 weeks ago", THURSDAY, "unrecognised"),
            ("bare ago", "d ago", THURSDAY, "unrecognised"),
            ("weekday typo", "mond", THURSDAY, "unrecognised"),
            ("offset out of range", "2026-11-03T14:05:00+25:00", THURSDAY, "unrecognised"),
        ];
        for (name, input, now, expected) in rows {
            assert_eq!(outcome(input, now), *expected, "row '{name}': input {input:?}");
        }
    }

    #[test]
    fn error_messages_and_hints() {
        let soon = parse_when("  soon ", at(THURSDAY)).unwrap_err();
        assert_eq!(soon.to_string(), "'soon' is not a date dossier understands");
        assert!(soon.hint().starts_with("use 2026-11-03, 2026-11-03 14:05, 2026-11-03T14:05"));
        let feb = parse_when("2026-02-30", at(THURSDAY)).unwrap_err();
        let message = "'2026-02-30' is not a real date (February 2026 has 28 days)";
        assert_eq!(feb.to_string(), message);
        assert!(feb.hint().starts_with("check the numbers: months 1-12"));
    }

    #[test]
    fn parse_now_table() {
        let plus8 = FixedOffset::east_opt(8 * 3600).unwrap();
        #[rustfmt::skip]
        let rows: &[(&str, &str, Option<&str>)] = &[
            ("date is midnight local", "2026-11-03", Some("2026-11-03T00:00:00+08:00")),
            ("local gets local offset", "2026-11-03 14:05", Some("2026-11-03T14:05:00+08:00")),
            ("fixed kept", "2026-11-03T14:05:00-05:00", Some("2026-11-03T14:05:00-05:00")),
            ("now is the clock", "now", Some(THURSDAY)),
            ("relative to clock", "yesterday", Some("2026-11-04T00:00:00+08:00")),
            ("error passes through", "soon", None),
        ];
        for (name, input, expected) in rows {
            let got = parse_now(input, at(THURSDAY), plus8).ok();
            assert_eq!(got, expected.map(at), "row '{name}'");
        }
    }

    #[test]
    fn is_after_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, &str, bool)] = &[
            ("date today is not future", "2026-11-05", THURSDAY, false),
            ("date tomorrow", "2026-11-06", THURSDAY, true),
            ("date yesterday", "2026-11-04", THURSDAY, false),
            ("local a second later", "2026-11-05T10:00:01", THURSDAY, true),
            ("local equal", "2026-11-05T10:00:00", THURSDAY, false),
            ("local earlier", "2026-11-05T09:59:00", THURSDAY, false),
            // 14:30+08:00 is 06:30Z; now is 07:00Z: later wall clock, earlier instant.
            ("fixed +08 before +03 now", "2026-11-05T14:30:00+08:00", THURSDAY, false),
            ("fixed +08 after +03 now", "2026-11-05T15:30:00+08:00", THURSDAY, true),
            ("fixed same instant", "2026-11-05T15:00:00+08:00", THURSDAY, false),
        ];
        for (name, when, now, expected) in rows {
            assert_eq!(stored(when).is_after(at(now)), *expected, "row '{name}'");
        }
    }

    #[test]
    fn days_until_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, &str, i64)] = &[
            // 02:00+08:00 on the 5th is 21:00+03:00 on the 4th.
            ("fixed east converts back a day", "2026-11-05T02:00:00+08:00", THURSDAY, 1),
            // 23:30-05:00 on the 4th is 07:30+03:00 on the 5th.
            ("fixed west converts forward a day", "2026-11-04T23:30:00-05:00", THURSDAY, 0),
            ("local uses written date", "2026-11-04T23:59:00", THURSDAY, 1),
            ("date in the past", "2026-11-01", THURSDAY, 4),
            ("date in the future", "2026-11-08", THURSDAY, -3),
            ("across a year", "2025-11-05", THURSDAY, 365),
        ];
        for (name, when, now, expected) in rows {
            assert_eq!(stored(when).days_until(at(now)), *expected, "row '{name}'");
        }
    }

    #[test]
    fn storage_sort_key_and_date_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, i64, &str)] = &[
            ("date, midnight utc", "2026-11-03", 1_793_664_000, "2026-11-03"),
            ("local, read as utc", "2026-11-03T14:05:00", 1_793_714_700, "2026-11-03"),
            ("fixed, the instant", "2026-11-03T14:05:00+08:00", 1_793_685_900, "2026-11-03"),
            ("fixed, date as written", "2026-11-03T02:00:00+08:00", 1_793_642_400, "2026-11-03"),
            ("fixed utc", "2026-11-03T14:05:00+00:00", 1_793_714_700, "2026-11-03"),
            ("fixed west half hour", "2026-11-03T14:05:09-05:30", 1_793_734_509, "2026-11-03"),
            ("leap day", "2024-02-29", 1_709_164_800, "2024-02-29"),
        ];
        for (name, s, key, date) in rows {
            let when = When::from_storage(s).unwrap();
            assert_eq!(when.to_storage(), *s, "row '{name}': round trip");
            assert_eq!(parse_when(s, at(THURSDAY)).unwrap(), when, "row '{name}': parse");
            assert_eq!(when.sort_key(), *key, "row '{name}': sort key");
            assert_eq!(when.date().to_string(), *date, "row '{name}': date");
        }
        #[rustfmt::skip]
        let rejected = ["", "2026-11-03 14:05", "2026-02-30", "garbage", "2026-11-03T14:05"];
        for s in rejected {
            assert_eq!(When::from_storage(s), None, "{s:?} must not load");
        }
        let zulu = When::from_storage("2026-11-03T14:05:00.5Z").map(|w| w.to_storage());
        assert_eq!(zulu.as_deref(), Some("2026-11-03T14:05:00+00:00"));
    }

    #[test]
    fn display_table() {
        #[rustfmt::skip]
        let rows: &[(&str, &str, &str)] = &[
            ("date", "2026-11-03", "2026-11-03"),
            ("local", "2026-11-03 14:05", "2026-11-03 14:05 (offset unknown)"),
            ("local seconds", "2026-11-03 14:05:30", "2026-11-03 14:05:30 (offset unknown)"),
            ("fixed", "2026-11-03T14:05:00+08:00", "2026-11-03 14:05 +08:00"),
            ("fixed utc", "2026-11-03T14:05:00Z", "2026-11-03 14:05 +00:00"),
            ("fixed seconds", "2026-11-03T14:05:09-05:00", "2026-11-03 14:05:09 -05:00"),
        ];
        for (name, input, expected) in rows {
            let when = parse_when(input, at(THURSDAY)).unwrap();
            assert_eq!(when.to_string(), *expected, "row '{name}'");
        }
    }

    #[test]
    fn stored_forms_read_digit_by_digit_agree_with_chrono() {
        let chrono = |s: &str| match s.len() {
            10 => s.parse().ok().map(When::Date),
            19 => s.parse().ok().map(|dt| When::Local(whole_seconds(dt))),
            _ => DateTime::parse_from_rfc3339(s).ok().map(|dt| When::Fixed(whole_seconds(dt))),
        };
        let mut texts = vec![
            "2024-02-29".to_string(),
            "2023-02-29".to_string(),
            "2026-13-01".to_string(),
            "2026-11-03T24:00:00".to_string(),
            "2026-11-03T23:59:60".to_string(),
            "2026-11-03 14:05:00".to_string(),
            "2026-11-03T14:05:00+24:00".to_string(),
            "2026-11-03T14:05:00-00:00".to_string(),
            "2026-11-03T14:05:00+03:75".to_string(),
            "2026-11-03T14:05:00+00:60".to_string(),
            "2026-11-03T14:05:00Z".to_string(),
            "2026-11-03T14:05:00.5+03:00".to_string(),
            "2026-1l-03".to_string(),
            "+026-11-03".to_string(),
        ];
        for (day, hour, offset) in [(1, 0, -720_i32), (15, 13, 0), (28, 23, 345), (31, 7, 840)] {
            for month in 1..=12 {
                let date = format!("2026-{month:02}-{day:02}");
                let local = format!("{date}T{hour:02}:{:02}:{:02}", month * 4, day);
                let sign = if offset < 0 { '-' } else { '+' };
                let fixed = format!("{local}{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60);
                texts.extend([date, local, fixed]);
            }
        }
        for text in &texts {
            let fast = When::from_written_storage(text);
            if fast.is_some() {
                assert_eq!(fast, chrono(text), "{text}");
                let written = fast.map(|w| w.to_storage()).unwrap_or_default();
                assert_eq!(written, text.replace("-00:00", "+00:00"), "round trip");
            }
            assert_eq!(When::from_storage(text), chrono(text), "{text}");
        }
        assert!(
            When::from_written_storage("2026-11-03T14:05:00+03:00").is_some(),
            "the stored forms take the fast way"
        );
    }

    #[test]
    fn serde_uses_storage_form() {
        let whens = vec![stored("2026-11-03"), stored("2026-11-03T14:05:00"), stored("2026-11-03T14:05:00+00:00")];
        let json = serde_json::to_string(&whens).unwrap();
        assert_eq!(json, r#"["2026-11-03","2026-11-03T14:05:00","2026-11-03T14:05:00+00:00"]"#);
        let back: Vec<When> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, whens);
        assert!(serde_json::from_str::<When>(r#""soon""#).is_err());
    }
}
