//! Dates as trackers and platforms print them, for typed `--at` values and pasted histories:
//! month names in English (`Nov 21, 2026 3:47 pm`, `21 November 2026 15:47`) and Russian (in
//! the genitive, as dates are written: `21 ноября 2026, 15:47`, `21 ноября 2026 г.`), Chinese
//! dates (`2024年2月17日 15:48`), `MM/DD/YYYY` when only one reading is a real date, and
//! offsets written `+08:00`, `+0800`, `UTC+08:00`, `GMT+8` or `[GMT+8]`. A text without an
//! offset keeps it unknown; nothing is invented.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

use super::{Fail, When};

/// English month names and abbreviations, Russian genitive and nominative forms, by month.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("января", 1),
    ("январь", 1),
    ("янв", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("фев", 2),
    ("марта", 3),
    ("март", 3),
    ("мар", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июня", 6),
    ("июнь", 6),
    ("июн", 6),
    ("июля", 7),
    ("июль", 7),
    ("июл", 7),
    ("августа", 8),
    ("август", 8),
    ("авг", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("сен", 9),
    ("сент", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("окт", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("ноя", 11),
    ("нояб", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("дек", 12),
    // German, French, Spanish, Portuguese, Italian, Dutch, Polish (genitive), Ukrainian
    // (genitive) and Turkish, as trackers in those languages print them.
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("janeiro", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("januari", 1),
    ("stycznia", 1),
    ("sty", 1),
    ("січня", 1),
    ("ocak", 1),
    ("februar", 2),
    ("février", 2),
    ("févr", 2),
    ("fevr", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("lutego", 2),
    ("lut", 2),
    ("лютого", 2),
    ("şubat", 2),
    ("märz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("maart", 3),
    ("mrt", 3),
    ("marca", 3),
    ("березня", 3),
    ("mart", 3),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("kwietnia", 4),
    ("kwi", 4),
    ("квітня", 4),
    ("nisan", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("mag", 5),
    ("mei", 5),
    ("maja", 5),
    ("травня", 5),
    ("mayıs", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("giugno", 6),
    ("czerwca", 6),
    ("cze", 6),
    ("червня", 6),
    ("haziran", 6),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("julho", 7),
    ("luglio", 7),
    ("lipca", 7),
    ("lip", 7),
    ("липня", 7),
    ("temmuz", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("sierpnia", 8),
    ("sie", 8),
    ("серпня", 8),
    ("ağustos", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("set", 9),
    ("września", 9),
    ("wrz", 9),
    ("вересня", 9),
    ("eylül", 9),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("out", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("października", 10),
    ("paź", 10),
    ("жовтня", 10),
    ("ekim", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("listopada", 11),
    ("lis", 11),
    ("листопада", 11),
    ("kasım", 11),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dezembro", 12),
    ("dicembre", 12),
    ("grudnia", 12),
    ("gru", 12),
    ("грудня", 12),
    ("aralık", 12),
];

/// Words that may stand beside a date and say nothing about it (weekdays, "at", "г.").
const NOISE: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "at",
    "on",
    "the",
    "of",
    "uhr",
    "um",
    "le",
    "à",
    "de",
    "del",
    "às",
    "alle",
    "om",
    "o",
    "godz",
    "г",
    "года",
    "в",
    "пн",
    "вт",
    "ср",
    "чт",
    "пт",
    "сб",
    "вс",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
];

/// Weekday names and abbreviations that trackers print beside a date, in the languages of
/// [`MONTHS`] (two-letter ones included: they are only checked where a date was found).
const WEEKDAYS: &[&str] = &[
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lun",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "mié",
    "jue",
    "vie",
    "sáb",
    "dom",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "seg",
    "ter",
    "qua",
    "qui",
    "sex",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    "ma",
    "wo",
    "vr",
    "za",
    "zo",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "pon",
    "wt",
    "śr",
    "czw",
    "pt",
    "sob",
    "niedz",
    "nd",
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
    "понеділок",
    "вівторок",
    "середа",
    "четвер",
    "п'ятниця",
    "субота",
    "неділя",
    "нд",
    "pzt",
    "sal",
    "çar",
    "per",
    "cum",
    "cmt",
    "paz",
    "pazartesi",
    "salı",
    "çarşamba",
    "perşembe",
    "cuma",
    "cumartesi",
    "pazar",
];

/// True when every word of `text` is a weekday name or a little word dates are written
/// with: such a text beside a date ("Mo.,", "donderdag") says nothing of its own.
pub fn only_weekdays(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    // At least one weekday: a text of little words alone ("On") is a text.
    words.iter().any(|w| WEEKDAYS.contains(&w.as_str()) || w.chars().count() >= 3 && NOISE.contains(&w.as_str()))
        && words.iter().all(|w| WEEKDAYS.contains(&w.as_str()) || NOISE.contains(&w.as_str()))
}

/// True for a word a written date can start with: a month or weekday name.
pub fn is_date_word(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    MONTHS.iter().any(|(name, _)| *name == word) || (word.chars().count() >= 3 && NOISE.contains(&word.as_str()))
}

/// Reads a written date; `None` when the text is not one of these forms at all.
pub(super) fn parse(text: &str) -> Option<Result<When, Fail>> {
    let mut s = text.to_lowercase();
    // Chinese dates: 2024年2月17日 15:48 → 2024-2-17 15:48.
    s = s.replace(['年', '月'], "-").replace(['日', '号'], " ");
    // `04-Nov-2026`: a month name between hyphens.
    let s = if s.contains('-') && s.chars().any(char::is_alphabetic) {
        s.split_whitespace()
            .map(|w| match w.split('-').collect::<Vec<_>>().as_slice() {
                [d, m, y] if m.chars().all(char::is_alphabetic) && !d.is_empty() && !y.is_empty() => {
                    format!("{d} {m} {y}")
                }
                _ => w.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s
    };
    let (s, offset) = take_offset(&s)?;
    let mut tokens: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_matches(|c: char| c == '.' || c == '(' || c == ')'))
        .filter(|t| !t.is_empty() && !NOISE.contains(t) && !WEEKDAYS.contains(t))
        .map(str::to_string)
        .collect();
    // The time: H:MM[:SS], perhaps followed by am/pm.
    let mut time = None;
    if let Some(at) = tokens.iter().position(|t| t.contains(':')) {
        let mut clock = tokens.remove(at);
        let mut meridiem = None;
        for suffix in ["am", "pm", "a.m", "p.m"] {
            if let Some(rest) = clock.strip_suffix(suffix) {
                meridiem = Some(suffix.starts_with('p'));
                clock = rest.to_string();
            }
        }
        if meridiem.is_none() && at < tokens.len() {
            meridiem = match tokens[at].as_str() {
                "am" | "a.m" => Some(false),
                "pm" | "p.m" => Some(true),
                _ => None,
            };
            if meridiem.is_some() {
                tokens.remove(at);
            }
        }
        time = Some(clock_time(&clock, meridiem)?);
    }
    let date = match tokens.as_slice() {
        [one] => numeric(one)?,
        [a, b, c] => named(a, b, c)?,
        _ => return None,
    };
    let date = match date {
        Ok(date) => date,
        Err(fail) => return Some(Err(fail)),
    };
    let when = match (time, offset) {
        (None, None) => When::Date(date),
        (None, Some(_)) => return None,
        (Some(Err(fail)), _) => return Some(Err(fail)),
        (Some(Ok(time)), None) => When::Local(NaiveDateTime::new(date, time)),
        (Some(Ok(time)), Some(offset)) => {
            When::Fixed(NaiveDateTime::new(date, time).and_local_timezone(offset).single()?)
        }
    };
    Some(Ok(when))
}

/// Removes an offset (`utc+08:00`, `gmt+8`, `[gmt+8]`, a trailing `+08:00` or `+0800`) from
/// the text; `None` when one is written but impossible.
fn take_offset(s: &str) -> Option<(String, Option<FixedOffset>)> {
    let cleaned = s.replace(['[', ']'], " ");
    for prefix in ["utc", "gmt"] {
        if let Some(at) = cleaned.find(prefix) {
            let rest = &cleaned[at + prefix.len()..];
            let end = rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, '+' | '-' | ':'))).unwrap_or(rest.len());
            let offset =
                if rest[..end].is_empty() { Some(FixedOffset::east_opt(0)?) } else { Some(offset_of(&rest[..end])?) };
            let text = format!("{} {}", &cleaned[..at], &rest[end..]);
            return Some((text, offset));
        }
    }
    // A trailing +HH:MM / +HHMM / -HH:MM after a time.
    let trimmed = cleaned.trim_end();
    if let Some(at) = trimmed.rfind(['+', '-']) {
        let tail = &trimmed[at..];
        let before = trimmed[..at].trim_end();
        let digits = tail[1..].replace(':', "");
        if before.contains(':')
            && (digits.len() == 4 || digits.len() == 2)
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            return Some((before.to_string(), Some(offset_of(tail)?)));
        }
    }
    Some((cleaned, None))
}

/// `+8`, `+08`, `+08:00`, `+0800`, `-3:30` as an offset.
fn offset_of(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    // Digits only: `--7` (found by fuzzing) would otherwise parse as a negative hour.
    let number = |t: &str| {
        (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<i32>().ok())
            .flatten()
    };
    let (hours, minutes) = match rest.split_once(':') {
        Some((h, m)) => (number(h)?, number(m)?),
        None if rest.len() == 4 => (number(rest.get(..2)?)?, number(rest.get(2..)?)?),
        None => (number(rest)?, 0),
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// `15:47`, `3:47` with pm, `15:47:09`.
fn clock_time(clock: &str, pm: Option<bool>) -> Option<Result<NaiveTime, Fail>> {
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts.iter().any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut hour: u32 = parts[0].parse().ok()?;
    let minute: u32 = parts[1].parse().ok()?;
    let second: u32 = parts.get(2).map_or(Some(0), |s| s.parse().ok())?;
    match pm {
        Some(_) if hour == 0 || hour > 12 => {
            return Some(Err(Fail::Range(format!("hour {hour} with am/pm does not exist"))));
        }
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    Some(
        NaiveTime::from_hms_opt(hour, minute, second)
            .ok_or_else(|| Fail::Range(format!("{clock} is not a time of day"))),
    )
}

/// `2024-2-17` (from a Chinese date) or `11/21/2026` (month first, only when the other
/// reading is not a date).
fn numeric(token: &str) -> Option<Result<NaiveDate, Fail>> {
    let trimmed = token.trim_end_matches('-');
    if let [y, m, d] = trimmed.split('-').collect::<Vec<_>>().as_slice() {
        if y.len() == 4 {
            return Some(ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?));
        }
    }
    if let [d, m, y] = token.split('.').collect::<Vec<_>>().as_slice() {
        // Dotted dates are written day first wherever they are used.
        if y.len() == 4 && d.len() <= 2 && m.len() <= 2 {
            return Some(ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?));
        }
        if d.len() == 4 {
            return Some(ymd(d.parse().ok()?, m.parse().ok()?, y.parse().ok()?));
        }
    }
    if let [y, m, d] = token.split('/').collect::<Vec<_>>().as_slice() {
        if y.len() == 4 {
            return Some(ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?));
        }
    }
    if let [a, b, y] = token.split('/').collect::<Vec<_>>().as_slice() {
        if y.len() != 4 {
            return None;
        }
        let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
        return Some(match (a, b) {
            (a, b) if a <= 12 && b <= 12 && a != b => Err(Fail::Range(format!(
                "{token} could be {} or {}; write it as YYYY-MM-DD",
                NaiveDate::from_ymd_opt(y, a, b).map_or_else(String::new, |d| d.format("%-d %B %Y").to_string()),
                NaiveDate::from_ymd_opt(y, b, a).map_or_else(String::new, |d| d.format("%-d %B %Y").to_string())
            ))),
            (a, b) if a <= 12 => ymd(y, a, b),
            (a, b) => ymd(y, b, a),
        });
    }
    None
}

/// Day, month name and year in any order: `21 ноября 2026`, `nov 21 2026`, `2026 nov 21`.
fn named(a: &str, b: &str, c: &str) -> Option<Result<NaiveDate, Fail>> {
    let month_of = |t: &str| MONTHS.iter().find(|(name, _)| *name == t).map(|&(_, m)| m);
    let parts = [a, b, c];
    let month_at = parts.iter().position(|t| month_of(t).is_some())?;
    let month = month_of(parts[month_at])?;
    let numbers: Vec<&str> = parts.iter().enumerate().filter(|&(i, _)| i != month_at).map(|(_, t)| *t).collect();
    let day_of =
        |t: &str| t.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']).parse::<u32>().ok().filter(|_| t.len() <= 4);
    let (day, year) = match numbers.as_slice() {
        [x, y] if y.len() == 4 => (day_of(x)?, y.parse::<i32>().ok()?),
        [x, y] if x.len() == 4 => (day_of(y)?, x.parse::<i32>().ok()?),
        _ => return None,
    };
    Some(ymd(year, month, day))
}

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, Fail> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| Fail::Range(format!("{year}-{month:02}-{day:02} does not exist")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        match parse(text) {
            Some(Ok(when)) => when.to_storage(),
            Some(Err(Fail::Range(reason))) => format!("range: {reason}"),
            Some(Err(Fail::Shape)) | None => "none".to_string(),
        }
    }

    #[test]
    fn written_dates() {
        let cases = [
            ("21 ноября 2026, 15:47", "2026-11-21T15:47:00"),
            ("17 февраля 2024, 15:48", "2024-02-17T15:48:00"),
            ("21 ноября 2026 г.", "2026-11-21"),
            ("21 ноября 2026 г. в 15:47", "2026-11-21T15:47:00"),
            ("Nov 21, 2026 3:47 pm", "2026-11-21T15:47:00"),
            ("Nov 21, 2026 12:05 AM", "2026-11-21T00:05:00"),
            ("November 21, 2026, 3:47 PM", "2026-11-21T15:47:00"),
            ("Saturday, November 21, 2026 at 3:47pm", "2026-11-21T15:47:00"),
            ("21 Nov 2026 15:47", "2026-11-21T15:47:00"),
            ("2024年2月17日 15:48", "2024-02-17T15:48:00"),
            ("2024年2月17日15:48:09", "2024-02-17T15:48:09"),
            ("2024年02月17日", "2024-02-17"),
            ("11/21/2026 15:47", "2026-11-21T15:47:00"),
            ("2026-11-21 15:47 UTC+08:00", "2026-11-21T15:47:00+08:00"),
            ("2026-11-21 15:47 GMT+8", "2026-11-21T15:47:00+08:00"),
            ("2026-11-21 15:47 [GMT+8]", "2026-11-21T15:47:00+08:00"),
            ("2026-11-21 15:47 +0800", "2026-11-21T15:47:00+08:00"),
            ("17.11.2026, 18:09", "2026-11-17T18:09:00"),
            ("Mo., 16.11.2026 16:20 Uhr", "2026-11-16T16:20:00"),
            ("2026/11/17 18:09", "2026-11-17T18:09:00"),
            ("17 de noviembre de 2026 15:47", "2026-11-17T15:47:00"),
            ("17 novembro 2026 às 15:47", "2026-11-17T15:47:00"),
            ("le 17 novembre 2026 à 15:47", "2026-11-17T15:47:00"),
            ("17 listopada 2026 godz. 15:47", "2026-11-17T15:47:00"),
            ("17 листопада 2026, 15:47", "2026-11-17T15:47:00"),
            ("17 Kasım 2026 15:47", "2026-11-17T15:47:00"),
            ("19 november 2026 13:58", "2026-11-19T13:58:00"),
            ("3 déc. 2026", "2026-12-03"),
            ("14:05 04-Nov-2026", "2026-11-04T14:05:00"),
            ("Nov 21, 2026 3:47 pm GMT-5", "2026-11-21T15:47:00-05:00"),
        ];
        for (text, expected) in cases {
            assert_eq!(read(text), expected, "{text}");
        }
    }

    #[test]
    fn ambiguous_and_impossible_dates_are_refused_not_guessed() {
        assert!(read("03/04/2026").starts_with("range: 03/04/2026 could be 4 March 2026 or 3 April 2026"));
        assert!(read("31 февраля 2026").starts_with("range:"));
        assert!(read("Nov 21, 2026 13:47 pm").starts_with("range:"));
        for text in [
            "ноября 2026",
            "21 ноября",
            "hello world",
            "21 foo 2026",
            "2026-11-21 15:47 GMT+99",
            "",
            "teGMT--750412 45-8",
            "2026-11-21 15:47 GMT--7",
        ] {
            assert_eq!(read(text), "none", "{text}");
        }
    }
}
