//! Domain types: the codes users type and scripts read (SPEC §4–5), weights, prices and the
//! shapes of orders, statuses, messages and evidence as the rest of the program sees them.
//!
//! Invariants: every code enum round-trips through `code()`/`from_code()` with the exact
//! strings of SPEC.md; those strings are stable interfaces and are what the database stores.

use serde::Serialize;

use crate::dates::When;
use crate::error::{Error, Result};

/// A closed set of stable string codes.
pub trait Code: Sized + Copy + 'static {
    /// Every value, in the order they are listed to users.
    const ALL: &'static [Self];
    /// The stable code.
    fn code(self) -> &'static str;
    /// The value for a code, if it is one.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
    /// All codes, for help texts and errors.
    fn codes() -> Vec<&'static str> {
        Self::ALL.iter().map(|v| v.code()).collect()
    }
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }
        impl Code for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.pad(self.code()) }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}
pub(crate) use code_enum;

code_enum! {
    /// The shop or payment service whose buyer protection applies.
    Platform {
        /// AliExpress.
        AliExpress = "aliexpress",
        /// eBay Money Back Guarantee.
        Ebay = "ebay",
        /// PayPal Buyer Protection.
        PayPal = "paypal",
        /// Temu.
        Temu = "temu",
        /// Joom.
        Joom = "joom",
        /// Any other shop.
        Other = "other",
    }
}

code_enum! {
    /// Where the user read a tracking status.
    Source {
        /// The shop's own order page.
        Platform = "platform",
        /// Cainiao's tracker.
        Cainiao = "cainiao",
        /// A universal tracking site or app.
        Tracker = "tracker",
        /// The destination country's post.
        Post = "post",
        /// A courier company.
        Courier = "courier",
        /// The seller, in a message.
        Seller = "seller",
        /// Typed by the user from another source.
        Manual = "manual",
    }
}

code_enum! {
    /// What an evidence file shows.
    EvidenceKind {
        /// The order page.
        Order = "order",
        /// A tracker page.
        Tracker = "tracker",
        /// Correspondence.
        Chat = "chat",
        /// Delivery data (address, signature, place).
        Delivery = "delivery",
        /// The post office's or courier's answer.
        Post = "post",
        /// A photo (parcel, scale, contents).
        Photo = "photo",
        /// Customs papers.
        Customs = "customs",
        /// Anything else.
        Other = "other",
    }
}

code_enum! {
    /// Who wrote a message.
    Sender {
        /// The buyer.
        Me = "me",
        /// The seller.
        Seller = "seller",
        /// The platform's support.
        Platform = "platform",
        /// A carrier or post office.
        Carrier = "carrier",
    }
}

code_enum! {
    /// How a case ended.
    Outcome {
        /// The parcel arrived.
        Received = "received",
        /// Money returned in full.
        Refunded = "refunded",
        /// Money returned in part.
        PartialRefund = "partial-refund",
        /// Lost, no refund.
        Lost = "lost",
        /// Order cancelled.
        Cancelled = "cancelled",
    }
}

code_enum! {
    /// The red flags only the user can judge (SPEC §5: the manual checklist items).
    ManualFlag {
        /// The seller answers only with templates.
        TemplateReplies = "template-replies",
        /// "Delivered", but the buyer has nothing.
        NotReceived = "not-received",
    }
}

code_enum! {
    /// Stages of a parcel's journey (SPEC §5, domain.md §6), main stages in route order.
    Stage {
        /// Placed or paid on the platform.
        OrderPlaced = "order-placed",
        /// Label created, parcel not yet with the carrier.
        InfoReceived = "info-received",
        /// Accepted by the carrier.
        Accepted = "accepted",
        /// Sorting in the origin country.
        OriginSorting = "origin-sorting",
        /// Export customs.
        ExportCustoms = "export-customs",
        /// Handed to the airline or linehaul.
        LinehaulHandover = "linehaul-handover",
        /// Left the origin country.
        DepartedOrigin = "departed-origin",
        /// In a transit country.
        TransitHub = "transit-hub",
        /// Arrived in the destination country.
        ArrivedDestination = "arrived-destination",
        /// Import customs.
        ImportCustoms = "import-customs",
        /// Handed to the last-mile carrier.
        LastMileHandover = "last-mile-handover",
        /// Sorting in the destination country.
        DestinationSorting = "destination-sorting",
        /// At the local office.
        AtLocalOffice = "at-local-office",
        /// Out for delivery.
        OutForDelivery = "out-for-delivery",
        /// A delivery attempt failed.
        DeliveryFailed = "delivery-failed",
        /// Waiting at a pick-up point; not delivered.
        AwaitingPickup = "awaiting-pickup",
        /// Delivered.
        Delivered = "delivered",
        /// Generic movement; keeps the previous rank.
        InTransit = "in-transit",
        /// A new number or carrier.
        CarrierUpdate = "carrier-update",
        /// On its way back to the sender.
        Returning = "returning",
        /// Back with the sender.
        Returned = "returned",
        /// Lost, destroyed or seized.
        Exception = "exception",
        /// No rule matched.
        Unknown = "unknown",
    }
}

code_enum! {
    /// Red flags (SPEC §5, `flags[].code`).
    FlagCode {
        /// Shipped, no carrier scan after the threshold.
        NoFirstScan = "no-first-scan",
        /// No movement past the current stage's threshold.
        Stalled = "stalled",
        /// Over a month without movement.
        StalledOverMonth = "stalled-over-month",
        /// Delivered or waiting at a place that is not the buyer's.
        DeliveredElsewhere = "delivered-elsewhere",
        /// Movement in an unexpected country.
        WrongCountry = "wrong-country",
        /// The carrier's weight is far from the item's.
        WeightMismatch = "weight-mismatch",
        /// The carrier's first event predates the order.
        ScanBeforeOrder = "scan-before-order",
        /// A letter service for a heavy item.
        LetterServiceHeavyItem = "letter-service-heavy-item",
        /// A number fails its format or check digit.
        InvalidTrackingNumber = "invalid-tracking-number",
        /// The same number is on another order.
        TrackingNumberReused = "tracking-number-reused",
        /// Manual: the seller answers only with templates.
        TemplateReplies = "template-replies",
        /// Manual: "delivered" but the buyer has nothing.
        NotReceived = "not-received",
        /// Waiting at a pick-up point: not delivered.
        PickupWaiting = "pickup-waiting",
        /// A carrier update or a second number without statuses.
        NumberChanged = "number-changed",
        /// A delivered status shortens protection.
        DeliveredAutoclose = "delivered-autoclose",
        /// Protection ends within the safety margin.
        ProtectionEnding = "protection-ending",
        /// Protection has ended and the case is open.
        ProtectionExpired = "protection-expired",
        /// An item of the evidence checklist is missing.
        EvidenceMissing = "evidence-missing",
    }
}

code_enum! {
    /// How serious a red flag is.
    Severity {
        /// Worth knowing.
        Info = "info",
        /// Needs attention.
        Warning = "warning",
        /// Act now.
        Critical = "critical",
    }
}

code_enum! {
    /// The one thing to do next (SPEC §5, `next_action.code`).
    ActionCode {
        /// Nothing is wrong yet.
        Wait = "wait",
        /// Write to the seller.
        WriteSeller = "write-seller",
        /// Ask the seller to extend protection.
        AskExtension = "ask-extension",
        /// Open a dispute on the platform.
        OpenDispute = "open-dispute",
        /// Ask the local post office.
        ContactPostOffice = "contact-post-office",
        /// Collect the parcel from the pick-up point.
        CollectParcel = "collect-parcel",
        /// Escalate beyond the seller: platform support, payment provider, bank.
        Escalate = "escalate",
        /// Nothing to do (closed or done).
        None = "none",
    }
}

/// A weight in grams, parsed from `350g`, `0,03 kg`, `0.03kg`, `1.352 LB`, `8 oz`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Grams(pub f64);

impl Grams {
    /// Parses a weight with its unit; refuses negative numbers and numbers without a unit.
    pub fn parse(input: &str) -> Result<Self> {
        let hint = "write the weight with its unit, e.g. 350g or 0.35kg";
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let lower = compact.to_lowercase();
        // Units as trackers print them: kg/g, Russian кг/г (гр), Chinese 千克/公斤/克, and the
        // pounds and ounces of American trackers ("1.352 LB" on DHL eCommerce, "8 oz"), and
        // UPS's "3.50 kgs".
        let units: [(&str, f64); 14] = [
            ("kgs", 1000.0),
            ("kg", 1000.0),
            ("lbs", 453.592_37),
            ("lb", 453.592_37),
            ("pounds", 453.592_37),
            ("pound", 453.592_37),
            ("oz", 28.349_523_125),
            ("кг", 1000.0),
            ("千克", 1000.0),
            ("公斤", 1000.0),
            ("g", 1.0),
            ("гр", 1.0),
            ("г", 1.0),
            ("克", 1.0),
        ];
        let lower = lower.trim_end_matches('.');
        let Some((number, factor)) =
            units.iter().find_map(|(unit, factor)| lower.strip_suffix(unit).map(|n| (n, *factor)))
        else {
            return Err(Error::invalid(format!("weight '{input}' has no unit"), hint));
        };
        let number = number.replace(',', ".");
        let ok_shape =
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
        let value: f64 = if ok_shape { number.parse().ok() } else { None }
            .ok_or_else(|| Error::invalid(format!("weight '{input}' is not a number"), hint))?;
        if value.is_sign_negative() && value != 0.0 {
            return Err(Error::invalid(format!("weight '{input}' is negative"), hint));
        }
        if !value.is_finite() || value * factor > 1_000_000.0 {
            return Err(Error::invalid(format!("weight '{input}' is too large for a parcel"), hint));
        }
        Ok(Grams(value * factor))
    }
}

impl std::fmt::Display for Grams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 >= 1000.0 {
            let kg = format!("{:.3}", self.0 / 1000.0);
            write!(f, "{} kg", kg.trim_end_matches('0').trim_end_matches('.'))
        } else {
            let g = format!("{:.1}", self.0);
            write!(f, "{} g", g.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

/// Parses a price such as `12.99` or `12,99` into its canonical text form (`12.99`).
pub fn parse_price(input: &str) -> Result<String> {
    let hint = "write the price as a number, e.g. 12.99, and the currency with --currency";
    let text = input.trim().replace(',', ".");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 12 || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return Err(Error::invalid(format!("price '{input}' is not an amount"), hint));
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    Ok(if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction:0<2}") })
}

/// Checks a three-letter currency code and upper-cases it.
pub fn parse_currency(input: &str) -> Result<String> {
    let code = input.trim().to_uppercase();
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(Error::invalid(
            format!("currency '{input}' is not a three-letter code"),
            "use an ISO 4217 code such as USD, EUR or RUB",
        ))
    }
}

/// Checks a two-letter country code and upper-cases it.
pub fn parse_country(input: &str) -> Result<String> {
    // Two ASCII letters as typed: "ß" upper-cases to the two letters "SS".
    let code = input.trim();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(Error::invalid(
            format!("country '{input}' is not a two-letter code"),
            "use an ISO 3166 code such as RU, DE or BR",
        ))
    }
}

/// Normalises a typed tracking number (see `tracking::normalize`) and refuses what cannot be one.
pub fn normalize_tracking(input: &str) -> Result<String> {
    let number = crate::tracking::normalize(input);
    if number.is_empty() || number.len() > 40 || !number.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid(
            format!("tracking number '{input}' should be letters and digits only"),
            "copy the number from the order page rather than typing it",
        ));
    }
    Ok(number)
}

/// Checks text that must not be empty and trims it.
pub fn non_empty(what: &str, input: &str) -> Result<String> {
    let text = input.trim();
    if text.is_empty() {
        Err(Error::invalid(format!("{what} is empty"), format!("give the {what} in quotes")))
    } else {
        Ok(text.to_string())
    }
}

/// An order as stored, with its case identity.
#[derive(Debug, Clone, Serialize)]
pub struct Order {
    /// Local id, the short way to address the order.
    pub id: i64,
    /// Stable identity across machines.
    pub uuid: String,
    /// The platform.
    pub platform: Platform,
    /// The platform's order number.
    pub number: String,
    /// What was bought.
    pub item: Option<String>,
    /// The seller's store.
    pub store: Option<String>,
    /// Price as typed, canonical decimal text.
    pub price: Option<String>,
    /// ISO 4217 currency.
    pub currency: Option<String>,
    /// When the order was placed.
    pub ordered: Option<When>,
    /// When the seller marked it shipped.
    pub shipped: Option<When>,
    /// Protection end as shown by the platform.
    pub protection_until: Option<When>,
    /// Protection length in days from shipment.
    pub protection_days: Option<i64>,
    /// Destination country (ISO 3166 alpha-2).
    pub country: Option<String>,
    /// Destination city.
    pub city: Option<String>,
    /// Destination postcode.
    pub postcode: Option<String>,
    /// The item's weight.
    pub weight_grams: Option<Grams>,
    /// The shipping method.
    pub shipping: Option<String>,
    /// How the case ended, when closed.
    pub outcome: Option<Outcome>,
    /// The note given when closing.
    pub close_note: Option<String>,
    /// When the case was closed.
    pub closed_at: Option<String>,
    /// When the order was recorded.
    pub created_at: String,
}

impl Order {
    /// True while the case has no outcome.
    pub fn is_open(&self) -> bool {
        self.outcome.is_none()
    }
}

/// A tracking number attached to an order.
#[derive(Debug, Clone, Serialize)]
pub struct TrackingNumber {
    /// Row id.
    pub id: i64,
    /// Normalised number.
    pub number: String,
    /// Carrier named by the user.
    pub carrier: Option<String>,
    /// The user's note.
    pub note: Option<String>,
    /// When it was recorded.
    pub added_at: String,
    /// What dossier can tell about the number's format (computed, not stored).
    pub verdict: crate::tracking::Verdict,
}

/// A tracking status as the user recorded it.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// Row id.
    pub id: i64,
    /// When the event happened, as given.
    pub at: When,
    /// The status text, verbatim.
    pub text: String,
    /// Where it happened.
    pub place: Option<String>,
    /// The carrier's weight, if shown.
    pub weight_grams: Option<Grams>,
    /// Where the user read it.
    pub source: Source,
    /// Which tracking number it belongs to.
    pub track: Option<String>,
    /// The stage set by the user (`--stage`), overriding the classifier.
    pub stage: Option<Stage>,
    /// When it was recorded.
    pub added_at: String,
}

/// A message exchanged about the order.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// Row id.
    pub id: i64,
    /// Who wrote it.
    pub from: Sender,
    /// When it was written.
    pub at: When,
    /// The text, verbatim.
    pub text: String,
    /// The evidence reference (E-number) of a screenshot of it.
    pub evidence: Option<String>,
    /// When it was recorded.
    pub added_at: String,
}

/// An evidence file attached to an order.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The order-local reference, `E1`, `E2`, …
    pub reference: String,
    /// Row id.
    pub id: i64,
    /// What it shows.
    pub kind: EvidenceKind,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Media type sniffed from the content.
    pub media_type: String,
    /// Pixel width, for images.
    pub width: Option<u32>,
    /// Pixel height, for images.
    pub height: Option<u32>,
    /// The original file name (not the path).
    pub file_name: String,
    /// The user's note.
    pub note: Option<String>,
    /// When the screenshot or photo was taken.
    pub taken: Option<When>,
    /// When it was attached.
    pub added_at: String,
}

/// A file already in the blob store, described, ready to be attached to an order.
#[derive(Debug, Clone)]
pub struct StoredFile {
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// Sniffed media type.
    pub media_type: String,
    /// Pixel width for images.
    pub width: Option<u32>,
    /// Pixel height for images.
    pub height: Option<u32>,
    /// The original file name.
    pub file_name: String,
}

/// A manual checklist flag the user set.
#[derive(Debug, Clone, Serialize)]
pub struct SetFlag {
    /// The flag code.
    pub code: ManualFlag,
    /// The user's note.
    pub note: Option<String>,
    /// When it was set.
    pub set_at: String,
}

/// Everything recorded about one order.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// The order's facts.
    pub order: Order,
    /// Its tracking numbers, oldest first.
    pub tracking: Vec<TrackingNumber>,
    /// Its statuses, in time order.
    pub statuses: Vec<Status>,
    /// Its messages, in time order.
    pub messages: Vec<Message>,
    /// Its evidence, by reference.
    pub evidence: Vec<Evidence>,
    /// Manual flags that are set.
    pub flags: Vec<SetFlag>,
    /// The event log's length and head hash.
    pub log: LogHead,
}

/// Another order that holds one of a case's tracking numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reuse {
    /// The shared number.
    pub number: String,
    /// The other order's local id.
    pub other_order: i64,
}

/// The newest entry of a case's event log.
#[derive(Debug, Clone, Serialize)]
pub struct LogHead {
    /// Number of entries.
    pub entries: i64,
    /// SHA-256 of the newest entry (all zeros when empty).
    pub head: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_country_is_two_ascii_letters_as_typed() {
        assert_eq!(parse_country(" ru ").unwrap(), "RU");
        // "ß" upper-cases to "SS": not a code that was typed.
        for bad in ["ß", "Russia", "R", "Р1", "РУ"] {
            let err = parse_country(bad).unwrap_err().to_string();
            assert!(err.contains("is not a two-letter code"), "{bad}: {err}");
        }
    }

    #[test]
    fn weights() {
        let cases = [
            ("350g", Some(350.0)),
            ("0,03 kg", Some(30.0)),
            ("0.03kg", Some(30.0)),
            ("1.2 KG", Some(1200.0)),
            ("0g", Some(0.0)),
            ("350", None),
            ("-5g", None),
            ("kg", None),
            ("1..2kg", None),
            ("350 г", Some(350.0)),
            ("0,086 кг", Some(86.0)),
            ("1,250 кг.", Some(1250.0)),
            ("120 гр", Some(120.0)),
            ("0.5公斤", Some(500.0)),
            ("86克", Some(86.0)),
            ("1e9kg", None),
            ("1.352 LB", Some(1.352 * 453.592_37)),
            ("3.50 kgs", Some(3500.0)),
            ("5 lbs", Some(5.0 * 453.592_37)),
            ("8 oz", Some(8.0 * 28.349_523_125)),
            ("5 l", None),
        ];
        for (input, want) in cases {
            assert_eq!(Grams::parse(input).ok().map(|g| g.0), want, "{input}");
        }
    }

    #[test]
    fn weight_display() {
        assert_eq!(Grams(350.0).to_string(), "350 g");
        assert_eq!(Grams(1200.0).to_string(), "1.2 kg");
        assert_eq!(Grams(30.5).to_string(), "30.5 g");
    }

    #[test]
    fn prices() {
        assert_eq!(parse_price("12,9").unwrap(), "12.90");
        assert_eq!(parse_price("007").unwrap(), "7");
        assert!(parse_price("12.999").is_err());
        assert!(parse_price("-1").is_err());
        assert!(parse_price("").is_err());
    }

    #[test]
    fn codes_round_trip() {
        for stage in Stage::ALL {
            assert_eq!(Stage::from_code(stage.code()), Some(*stage));
        }
        assert_eq!(Stage::ALL.len(), 23);
        assert_eq!(Source::from_code("nope"), None);
    }

    #[test]
    fn tracking_normalised() {
        assert_eq!(normalize_tracking(" rs 4731-0258 0cn ").unwrap(), "RS473102580CN");
        assert!(normalize_tracking("RS47€").is_err());
        assert!(normalize_tracking("  ").is_err());
    }
}
