//! Reading a chat as people copy it from a platform's message page: who wrote each message,
//! when, and its text. Pure, like the history reader beside it, whose moments it shares.
//!
//! A message starts with a header, a sender's name and a moment; the lines after it, up to
//! the next header, are its text. Headers seen in the wild:
//! - the name and the moment on one line (`Sunny Store  Nov 21, 2026 15:47`), perhaps with
//!   the text after a colon (`2026-11-21 15:47 Sunny Store: Hello`);
//! - the name on the line before the moment, or the moment alone followed by `Name: text`
//!   (or by the name alone): the first header shows which, and the rest follow it;
//! - a date on a line of its own (a day separator) and headers with a time only.
//!
//! Names are mapped to senders by [`sender_of`]; the caller decides what to do with names it
//! cannot map.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{Line, NOISE, Piece, classify, join};
use crate::dates::When;
use crate::model::Sender;

/// One message found in a chat.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    /// When it was written, as shown (offset unknown unless the chat gave one).
    pub at: When,
    /// The sender's name as shown ("" when the chat does not say).
    pub name: String,
    /// The text; several lines joined with `\n`.
    pub text: String,
    /// The 1-based line of its header.
    pub line: usize,
}

/// What a chat holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedChat {
    /// The messages, oldest first.
    pub messages: Vec<ChatMessage>,
    /// Lines skipped as known noise (buttons, read marks): (line, text).
    pub noise: Vec<(usize, String)>,
    /// Lines that are neither part of a message nor known noise: (line, text).
    pub not_understood: Vec<(usize, String)>,
}

/// Marks and buttons chat pages put around messages.
const CHAT_NOISE: &[&str] = &[
    "seen",
    "read",
    "unread",
    "sent",
    "show original",
    "view original",
    "see original",
    "see translation",
    "show translation",
    "translated",
    "reply",
    "прочитано",
    "не прочитано",
    "непрочитанное",
    "отправлено",
    "показать оригинал",
    "показать перевод",
    "оригинал",
    "ответить",
    "已读",
    "未读",
    "查看原文",
    "查看翻译",
    "原文",
    "回复",
];

/// One line of a chat, classified.
#[derive(Debug, Clone)]
enum ChatLine {
    Blank,
    Skip,
    /// A date alone: the day of the time-only headers below it.
    Day(NaiveDate),
    /// A moment with a name beside it (or none), and perhaps text after a colon.
    Head {
        at: Piece,
        name: Option<String>,
        text: Option<String>,
    },
    Text(String),
}

/// A name is a few words, not a sentence.
fn name_like(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= 48
        && text.split_whitespace().count() <= 6
        && !text.ends_with(['?', '!', ',', ';'])
        && !text.starts_with(|c: char| c.is_ascii_digit())
}

/// `Name: text` → (name, text), when what is before the colon reads as a name.
fn colon_name(line: &str) -> Option<(String, String)> {
    let at = line.find([':', '：'])?;
    let (name, rest) = line.split_at(at);
    let rest = rest.trim_start_matches([':', '：']).trim();
    // A time ("15:47") or a link ("https://…") is not a name.
    if name.ends_with(|c: char| c.is_ascii_digit()) || rest.starts_with("//") {
        return None;
    }
    name_like(name).then(|| (name.trim().to_string(), rest.to_string()))
}

fn classify_chat(line: &str, now: DateTime<FixedOffset>) -> ChatLine {
    match classify(line, now, None) {
        Line::Moment { at: Piece::Date(d), rest, .. } if rest.is_empty() => ChatLine::Day(d),
        Line::Moment { at: at @ (Piece::Whole(_) | Piece::Time(..)), rest, .. } => {
            let rest = rest.trim_matches(|c: char| matches!(c, '·' | '•' | '|' | '-' | ',') || c.is_whitespace());
            let rest = without_labels(rest);
            if rest.is_empty() {
                return ChatLine::Head { at, name: None, text: None };
            }
            if let Some((name, text)) = colon_name(rest) {
                return ChatLine::Head { at, name: Some(name), text: (!text.is_empty()).then_some(text) };
            }
            if name_like(rest) {
                return ChatLine::Head { at, name: Some(rest.to_string()), text: None };
            }
            ChatLine::Text(line.to_string())
        }
        _ => ChatLine::Text(line.to_string()),
    }
}

/// Words that stand between a name and its moment ("Sent: Nov 4, 2026").
const HEADER_LABELS: &[&str] = &["sent", "sent on", "received", "отправлено", "получено", "发送于", "发送时间"];

/// The name part of a header without its label and an eBay-style feedback score:
/// `kbrennan_77 (23) Sent:` → `kbrennan_77`.
fn without_labels(rest: &str) -> &str {
    let mut rest = rest.trim();
    loop {
        let before = rest;
        rest = rest.trim_end_matches([':', '：']).trim_end();
        for label in HEADER_LABELS {
            if rest.to_lowercase().ends_with(label) {
                let cut = rest.len() - label.len();
                if rest.is_char_boundary(cut) {
                    rest = rest[..cut].trim_end();
                }
            }
        }
        // A feedback score in brackets after a member id.
        if let Some(open) = rest.rfind('(') {
            let inside = &rest[open + 1..];
            if inside.strip_suffix(')').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
                rest = rest[..open].trim_end();
            }
        }
        if rest == before {
            return rest;
        }
    }
}

/// Where the names of headers that have none on their line are.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NamePlace {
    /// On the line before the moment.
    Before,
    /// `Name: text` on the line after the moment.
    Colon,
    /// Alone on the line after the moment.
    After,
    /// Nowhere: the chat does not say who wrote.
    Nowhere,
}

/// Reads a pasted chat; `now` only bounds dates.
pub fn parse_chat(input: &str, now: DateTime<FixedOffset>) -> ParsedChat {
    let mut parsed = ParsedChat::default();
    let mut lines: Vec<(usize, ChatLine)> = Vec::new();
    let mut day: Option<NaiveDate> = None;
    for (i, raw) in input.lines().enumerate() {
        let number = i + 1;
        let line = raw.trim_start_matches('\u{feff}').trim();
        let lower = line.to_lowercase();
        let classified = if line.is_empty() {
            ChatLine::Blank
        } else if NOISE.contains(&lower.as_str()) || CHAT_NOISE.contains(&lower.as_str()) {
            parsed.noise.push((number, line.to_string()));
            ChatLine::Skip
        } else {
            match classify_chat(line, now) {
                // A time needs the day above it; without one it is only text.
                ChatLine::Head { at: Piece::Time(t, o), name, text } => match day {
                    Some(d) => ChatLine::Head { at: join(d, t, o), name, text },
                    None => ChatLine::Text(line.to_string()),
                },
                ChatLine::Day(d) => {
                    day = Some(d);
                    ChatLine::Day(d)
                }
                other => other,
            }
        };
        lines.push((number, classified));
    }
    assemble(&lines, &mut parsed);
    parsed.messages.sort_by_key(|m| (m.at.sort_key(), m.line));
    parsed
}

/// Where the names of headers without one on their line are: the place that holds a name for
/// most of them (a chat writes every header the same way).
fn name_place(lines: &[(usize, ChatLine)]) -> NamePlace {
    let text_at = |i: usize| match lines.get(i) {
        Some((_, ChatLine::Text(t))) => Some(t.as_str()),
        _ => None,
    };
    let (mut colon, mut before, mut after) = (0, 0, 0);
    for (i, _) in lines.iter().enumerate().filter(|(_, (_, l))| matches!(l, ChatLine::Head { name: None, .. })) {
        colon += usize::from(text_at(i + 1).and_then(colon_name).is_some());
        before += usize::from(i > 0 && text_at(i - 1).is_some_and(name_like));
        after += usize::from(text_at(i + 1).is_some_and(name_like) && text_at(i + 2).is_some());
    }
    let best = colon.max(before).max(after);
    if best == 0 {
        NamePlace::Nowhere
    } else if colon == best {
        NamePlace::Colon
    } else if before == best {
        NamePlace::Before
    } else {
        NamePlace::After
    }
}

fn assemble(lines: &[(usize, ChatLine)], parsed: &mut ParsedChat) {
    let place = name_place(lines);
    // Lines taken as names (or as a name with text) of the header they belong to.
    let mut name_line: Vec<Option<(String, Option<String>)>> = vec![None; lines.len()];
    let mut head_name: Vec<Option<String>> = vec![None; lines.len()];
    let mut head_text: Vec<Option<String>> = vec![None; lines.len()];
    for (i, (_, line)) in lines.iter().enumerate() {
        let ChatLine::Head { name, text, .. } = line else { continue };
        head_text[i] = text.clone();
        if name.is_some() {
            head_name[i] = name.clone();
            continue;
        }
        let neighbour = match place {
            NamePlace::Before => i.checked_sub(1),
            NamePlace::Colon | NamePlace::After => Some(i + 1),
            NamePlace::Nowhere => None,
        };
        let Some(n) = neighbour else { continue };
        let Some((_, ChatLine::Text(t))) = lines.get(n) else { continue };
        match place {
            NamePlace::Colon => {
                if let Some((name, text)) = colon_name(t) {
                    head_name[i] = Some(name.clone());
                    head_text[i] = (!text.is_empty()).then_some(text.clone());
                    name_line[n] = Some((name, Some(text)));
                }
            }
            _ if name_like(t) => {
                head_name[i] = Some(t.clone());
                name_line[n] = Some((t.clone(), None));
            }
            _ => {}
        }
    }
    let mut current: Option<(When, String, Vec<String>, usize)> = None;
    let finish = |current: &mut Option<(When, String, Vec<String>, usize)>, parsed: &mut ParsedChat| {
        if let Some((at, name, text, line)) = current.take() {
            if text.is_empty() {
                parsed.not_understood.push((line, format!("a header with no message ({name})")));
            } else {
                parsed.messages.push(ChatMessage { at, name, text: text.join("\n"), line });
            }
        }
    };
    for (i, (number, line)) in lines.iter().enumerate() {
        if name_line[i].is_some() {
            continue;
        }
        match line {
            ChatLine::Head { at: Piece::Whole(at), .. } => {
                finish(&mut current, parsed);
                let text: Vec<String> = head_text[i].iter().cloned().collect();
                current = Some((*at, head_name[i].clone().unwrap_or_default(), text, *number));
            }
            ChatLine::Day(_) => finish(&mut current, parsed),
            // A line longer than any message a chat shows is reported, not stored.
            ChatLine::Text(t) if t.len() > super::MAX_LINE => parsed.not_understood.push((*number, super::shown(t))),
            ChatLine::Text(t) => match &mut current {
                Some((_, _, text, _)) => text.push(t.clone()),
                None => parsed.not_understood.push((*number, super::shown(t))),
            },
            ChatLine::Head { .. } | ChatLine::Blank | ChatLine::Skip => {}
        }
    }
    finish(&mut current, parsed);
}

/// Words that mark the buyer's own messages.
const ME: &[&str] = &["you", "me", "buyer", "вы", "я", "покупатель", "我", "买家"];

/// Words in the names of a platform's own agents and notices.
const PLATFORM: &[&str] = &[
    "aliexpress",
    "ebay",
    "temu",
    "joom",
    "paypal",
    "wish",
    "shein",
    "ozon",
    "wildberries",
    "customer service",
    "customer support",
    "support",
    "system",
    "notification",
    "dispute",
    "служба поддержки",
    "поддержка",
    "система",
    "системное сообщение",
    "уведомление",
    "арбитраж",
    "客服",
    "平台",
    "系统",
    "速卖通",
];

/// Words in the names of carriers that write in chats.
const CARRIER: &[&str] = &["cainiao", "菜鸟", "почта россии", "сдэк", "cdek", "courier", "курьер", "快递员"];

/// The sender a name stands for: the buyer (named by `me`, or "You"), the platform, a
/// carrier; `None` for any other name (the caller decides: usually the seller).
pub fn sender_of(name: &str, me: Option<&str>) -> Option<Sender> {
    let lower = name.trim().to_lowercase();
    if me.is_some_and(|me| me.trim().to_lowercase() == lower) || ME.contains(&lower.as_str()) {
        return Some(Sender::Me);
    }
    // Whole words: "Swish Gadgets" is a store, not Wish; Chinese names have no spaces, so
    // their words are found inside.
    let words = format!(
        " {} ",
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    );
    let has = |word: &&str| {
        if word.chars().any(|c| c > '\u{2e80}') { lower.contains(*word) } else { words.contains(&format!(" {word} ")) }
    };
    if PLATFORM.iter().any(has) {
        return Some(Sender::Platform);
    }
    if CARRIER.iter().any(has) {
        return Some(Sender::Carrier);
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-24T12:00:00+03:00").unwrap()
    }

    fn messages(text: &str) -> Vec<(String, String, String)> {
        parse_chat(text, now()).messages.into_iter().map(|m| (m.at.to_storage(), m.name, m.text)).collect()
    }

    fn m(at: &str, name: &str, text: &str) -> (String, String, String) {
        (at.to_string(), name.to_string(), text.to_string())
    }

    #[test]
    fn name_and_moment_on_one_line() {
        let chat = "Sunny Store  Nov 21, 2026 15:47\nHello, your parcel is on the way.\nPlease wait.\nTranslate\n\n\
                    You  Nov 22, 2026 09:03\nIt has not moved since November 2.\n";
        assert_eq!(
            messages(chat),
            [
                m("2026-11-21T15:47:00", "Sunny Store", "Hello, your parcel is on the way.\nPlease wait."),
                m("2026-11-22T09:03:00", "You", "It has not moved since November 2."),
            ]
        );
    }

    #[test]
    fn name_before_the_moment_and_day_separators() {
        let chat = "21 ноября 2026\nSunny Store\n15:47\nЗдравствуйте!\nВы\n16:02\nГде посылка?\n[Изображение]\n";
        assert_eq!(
            messages(chat),
            [
                m("2026-11-21T15:47:00", "Sunny Store", "Здравствуйте!"),
                m("2026-11-21T16:02:00", "Вы", "Где посылка?\n[Изображение]"),
            ]
        );
    }

    #[test]
    fn moment_then_name_with_a_colon() {
        let chat = "2026-11-21 15:47\nSunny Store: Hello\nsecond line\n2026-11-22 10:00\nivan_p: Where is it?\n";
        assert_eq!(
            messages(chat),
            [
                m("2026-11-21T15:47:00", "Sunny Store", "Hello\nsecond line"),
                m("2026-11-22T10:00:00", "ivan_p", "Where is it?"),
            ]
        );
    }

    #[test]
    fn a_date_inside_a_sentence_is_text() {
        let chat = "You 2026-11-22 09:03\nI paid on 2026-11-02 and it has not moved since then at all.\n";
        assert_eq!(
            messages(chat),
            [m("2026-11-22T09:03:00", "You", "I paid on 2026-11-02 and it has not moved since then at all.")]
        );
    }

    #[test]
    fn lines_before_the_first_message_are_reported() {
        let parsed = parse_chat("Order ID: 8201948375162044\nYou 2026-11-22 09:03\nHello\n", now());
        assert_eq!(parsed.not_understood, [(1, "Order ID: 8201948375162044".to_string())]);
        assert_eq!(parsed.messages.len(), 1);
    }

    #[test]
    fn senders() {
        assert_eq!(sender_of("You", None), Some(Sender::Me));
        assert_eq!(sender_of("ivan_p", Some("Ivan_P")), Some(Sender::Me));
        assert_eq!(sender_of("AliExpress Customer Service", None), Some(Sender::Platform));
        assert_eq!(sender_of("Служба поддержки", None), Some(Sender::Platform));
        assert_eq!(sender_of("Sunny Store", None), None);
        assert_eq!(sender_of("Swish Gadgets", None), None);
        assert_eq!(sender_of("Ella (Temu Support)", None), Some(Sender::Platform));
        assert_eq!(sender_of("速卖通平台", None), Some(Sender::Platform));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in ["", ":", "15:47", "You:", "2026-11-21 15:47\n", "x\n2026-11-21 15:47\n:\n", &"a".repeat(100_000)] {
            let _ = parse_chat(text, now());
        }
    }
}
