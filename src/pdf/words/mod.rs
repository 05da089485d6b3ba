//! The dossier's fixed texts, one catalogue per language (`en.rs`, `ru.rs`, `zh.rs`), so that the
//! layout code holds no prose. A catalogue is a type implementing [`Words`]: a missing text is
//! a compile error, not a blank in someone's claim.
//!
//! Decision: plain Rust rather than an i18n crate (fluent, rust-i18n). The texts are few,
//! fixed and built into the binary; most are sentences with typed facts (dates, days, stages)
//! whose grammar differs per language (Russian plurals and cases), which a function per
//! sentence says more plainly than a message format would.
//!
//! Voice: the reader is the platform's reviewer, the bank or the post office. Sentences state
//! facts about the buyer, the order and the parcel in the third person. No command, flag or
//! advice to the buyer appears here.

mod en;
mod ru;
mod zh;

use chrono::NaiveDate;

use crate::dates::When;
use crate::model::{ActionCode, EvidenceKind, FlagCode, Grams, Platform, Sender, Severity, Stage};
use crate::rules::{About, Protection};
use crate::tracking::Verdict;

/// The languages a dossier can be written in (`build --lang`).
pub const LANGUAGES: [&str; 3] = ["en", "ru", "zh"];

/// The catalogue of `lang` (English when it is not one of [`LANGUAGES`]).
pub fn of(lang: &str) -> &'static dyn Words {
    match lang {
        "ru" => &ru::Ru,
        "zh" => &zh::Zh,
        _ => &en::En,
    }
}

/// Fixed labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Summary,
    RedFlags,
    Timeline,
    Correspondence,
    Evidence,
    Integrity,
    Platform,
    OrderNumber,
    Item,
    Store,
    Price,
    Ordered,
    Shipped,
    Shipping,
    Destination,
    ItemWeight,
    CurrentStage,
    TrackingNumber,
    Protection,
    Request,
    NoFlags,
    NothingRecorded,
    NoMessages,
    NoEvidence,
    /// Chart: the order date.
    ChartOrdered,
    /// Chart: the shipment date.
    ChartShipped,
    /// Chart: today.
    ChartToday,
    /// Chart: protection end.
    ChartProtection,
    /// Chart: protection end, estimated.
    ChartProtectionEstimate,
    /// Timeline: the last line.
    NowNoNews,
    /// Timeline: times with an unknown offset.
    TimesLocal,
    /// Evidence: left out of the PDF on request.
    LeftOut,
    /// Evidence: the text of the file follows.
    TextFollows,
    /// Evidence: an image that could not be decoded.
    Unreadable,
    /// Integrity: the files' table heading.
    FilesHeading,
    /// Integrity: heading of what was not attached.
    NotAttachedHeading,
    /// Integrity: how anyone can check an attached file.
    HowToExtract,
    /// Before a flag's evidence references: "Evidence".
    EvidenceRefs,
    /// The platform of an order from any other shop.
    OtherShop,
    /// The word joining the last two items of a list: "and".
    And,
}

/// Why the buyer asks what the dossier asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Shown as delivered (on a date), not received by the buyer.
    DeliveredNotReceived(Option<NaiveDate>),
    /// Being returned or returned to the seller.
    Returned,
    /// No movement for so many days.
    Silent(i64),
    /// No carrier scan so many days after shipment.
    NoScan(i64),
    /// The weight does not fit the item.
    Weight,
    /// The tracking number is also on another order.
    Reused,
    /// The tracking number fails its check.
    InvalidNumber,
    /// The parcel waits for collection.
    Pickup,
    /// Buyer protection ends in so many days (or ended, when negative) without the parcel.
    Protection(i64),
    /// Shown as delivered (on a date) and nothing says otherwise.
    Delivered(Option<NaiveDate>),
    /// The case is closed.
    Closed,
    /// Nothing wrong is shown.
    Nothing,
}

/// Why an original file is not attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAttached {
    /// The whole PDF would exceed its size limit.
    SizeLimit,
    /// Left out on request.
    LeftOut,
    /// Attachments were turned off for this PDF.
    Off,
}

/// One language's texts. Dates, days and weights are written the language's way.
pub trait Words: Sync {
    /// The language code.
    fn code(&self) -> &'static str;
    /// A fixed label.
    fn label(&self, label: Label) -> &'static str;
    /// A calendar day: "22 Nov 2026".
    fn date(&self, date: NaiveDate) -> String;
    /// A short day for the chart's axis: "22 Nov".
    fn short_date(&self, date: NaiveDate) -> String;
    /// A count of days: "1 day", "5 days".
    fn days(&self, n: i64) -> String;
    /// The label of a stage, for a person.
    fn stage(&self, stage: Stage) -> &'static str;
    /// A short stage label for the journey chart.
    fn stage_short(&self, stage: Stage) -> &'static str;
    /// An evidence kind: "tracking page screenshot".
    fn kind(&self, kind: EvidenceKind) -> &'static str;
    /// Who wrote a message: "the seller".
    fn sender(&self, sender: Sender) -> &'static str;
    /// A severity: "Critical".
    fn severity(&self, severity: Severity) -> &'static str;
    /// A red flag's title.
    fn flag_title(&self, code: FlagCode) -> &'static str;
    /// A red flag's statement, from its typed facts; `status` describes a status by index.
    fn flag_text(&self, code: FlagCode, about: &About, status: &dyn Fn(usize) -> String) -> String;
    /// A status quoted as a fact: "22 Nov 2026, 14:41 — “text” (place)".
    fn status_fact(&self, at: &str, text: &str, place: Option<&str>) -> String;
    /// The document's title.
    fn title(&self, platform: &str, number: &str) -> String;
    /// The order in every footer.
    fn footer(&self, platform: &str, number: &str) -> String;
    /// "page 2 of 6".
    fn page(&self, n: usize, total: usize) -> String;
    /// The line under the title.
    fn prepared(&self, date: &str, tool: &str) -> String;
    /// What a tracking number's format says.
    fn verdict(&self, verdict: &Verdict) -> String;
    /// The protection line.
    fn protection(&self, protection: Option<&Protection>, platform: &str) -> String;
    /// The opening sentence of the description.
    fn intro(&self, platform: &str, number: &str, item: Option<&str>, ordered: Option<&str>) -> String;
    /// "The seller marked the order as shipped on …".
    fn shipped(&self, date: &str) -> String;
    /// How many statuses and the latest one.
    fn latest(&self, count: usize, at: &str, text: &str, place: Option<&str>, stage: Stage) -> String;
    /// No status recorded.
    fn no_status(&self) -> String;
    /// Silent for `days`, over the stage's usual `threshold`.
    fn silent(&self, days: i64, threshold: i64) -> String;
    /// The buyer has not received the parcel.
    fn not_received(&self) -> String;
    /// What the buyer asks for and why, by a date, and protection's end.
    fn request(&self, action: ActionCode, reason: &Reason, by: &str, until: Option<&str>) -> String;
    /// A timeline gap: "12 days".
    fn gap(&self, days: i64) -> String;
    /// A timeline line for a message.
    fn message_line(&self, sender: Sender) -> String;
    /// A timeline line for an evidence capture.
    fn captured_line(&self, reference: &str, kind: EvidenceKind) -> String;
    /// The head of a letter in the correspondence.
    fn letter_head(&self, at: &str, sender: Sender, screenshot: Option<&str>) -> String;
    /// An evidence card's caption.
    fn caption(&self, file: &str, media: &str, taken: Option<&str>, added: &str, hash: &str) -> String;
    /// The file is attached to the PDF under `name`.
    fn attached_as(&self, name: &str) -> String;
    /// The format cannot be shown in a PDF; the original is (or is not) attached.
    fn not_shown(&self, media: &str, attached: bool) -> String;
    /// The text of a file was cut after `shown` of `total` lines.
    fn text_cut(&self, shown: usize, total: usize) -> String;
    /// Why an original is not attached.
    fn not_attached(&self, why: NotAttached, limit: &str) -> String;
    /// How anyone re-checks a file, with ordinary tools (paragraphs).
    fn how_to_check(&self) -> Vec<String>;
    /// One file's line in the appendix.
    fn file_line(&self, reference: &str, name: &str, size: u64) -> String;
    /// The event-log line.
    fn log_line(&self, entries: i64, head: &str) -> String;
    /// The chart's silence label: "52 days without movement".
    fn chart_silence(&self, days: i64) -> String;
    /// A weight.
    fn weight(&self, grams: Grams) -> String;
}

/// A platform's name as the reviewer knows it.
pub fn platform_name(platform: Platform, words: &dyn Words) -> &'static str {
    match platform {
        Platform::AliExpress => "AliExpress",
        Platform::Ebay => "eBay",
        Platform::PayPal => "PayPal",
        Platform::Temu => "Temu",
        Platform::Joom => "Joom",
        Platform::Other => words.label(Label::OtherShop),
    }
}

/// A moment as the tracker showed it: "22 Nov 2026, 14:41", with the offset when known
/// ("22 Nov 2026, 14:41 UTC+08:00"); seconds only when not zero; never fractions.
pub fn moment(words: &dyn Words, when: &When) -> String {
    use chrono::Timelike;
    let clock = |t: chrono::NaiveTime| {
        if t.second() == 0 {
            format!("{:02}:{:02}", t.hour(), t.minute())
        } else {
            format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
        }
    };
    match when {
        When::Date(d) => words.date(*d),
        When::Local(dt) => format!("{}, {}", words.date(dt.date()), clock(dt.time())),
        When::Fixed(dt) => format!("{}, {} UTC{}", words.date(dt.date_naive()), clock(dt.time()), dt.offset()),
    }
}

/// `text` with its first letter in capitals: "the seller" → "The seller".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "E1, E2 and E3"-style joining with the language's "and".
pub fn join(words: &dyn Words, items: &[String]) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), words.label(Label::And)),
        None => String::new(),
    }
}
