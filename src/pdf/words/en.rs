//! The English dossier.

use chrono::{Datelike, NaiveDate};

use super::{Label, NotAttached, Reason, Words, capitalised, join};
use crate::model::{ActionCode, EvidenceKind, FlagCode, Grams, Sender, Severity, Stage};
use crate::rules::{About, Basis, Protection};
use crate::tracking::{Format, Verdict};

/// English.
pub struct En;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n.abs() == 1 { one } else { many })
}

impl Words for En {
    fn code(&self) -> &'static str {
        "en"
    }

    fn label(&self, label: Label) -> &'static str {
        use Label as L;
        match label {
            L::Summary => "1. Summary",
            L::RedFlags => "2. Red flags",
            L::Timeline => "3. Timeline",
            L::Correspondence => "4. Correspondence",
            L::Evidence => "5. Evidence",
            L::Integrity => "6. Integrity",
            L::Platform => "Platform",
            L::OrderNumber => "Order number",
            L::Item => "Item",
            L::Store => "Store",
            L::Price => "Price",
            L::Ordered => "Ordered",
            L::Shipped => "Shipped",
            L::Shipping => "Shipping",
            L::Destination => "Delivery address",
            L::ItemWeight => "Item weight",
            L::CurrentStage => "Current stage",
            L::TrackingNumber => "Tracking number",
            L::Protection => "Buyer protection",
            L::Request => "Request",
            L::NoFlags => "The checks found no red flag.",
            L::NothingRecorded => "No tracking status, message or evidence is recorded.",
            L::NoMessages => "No correspondence is recorded.",
            L::NoEvidence => "No evidence file is attached.",
            L::ChartOrdered => "ordered",
            L::ChartShipped => "shipped",
            L::ChartToday => "today",
            L::ChartProtection => "protection ends",
            L::ChartProtectionEstimate => "protection ends (est.)",
            L::NowNoNews => "Today: no newer tracking status",
            L::TimesLocal => {
                "Times are local, as the tracker showed them; where the tracker gave a UTC offset, it is shown."
            }
            L::LeftOut => "Not shown in this PDF at the buyer's request; the original is kept unchanged.",
            L::TextFollows => "The text of the file:",
            L::Unreadable => "The image could not be decoded; the original is kept unchanged.",
            L::FilesHeading => "Evidence files (SHA-256, size)",
            L::NotAttachedHeading => "Originals not attached to this PDF",
            L::HowToExtract => {
                "The original files are attached to this PDF (in most readers: the attachments or paper-clip panel). \
                 Each attachment's description carries its SHA-256."
            }
            L::EvidenceRefs => "Evidence",
            L::OtherShop => "online shop",
            L::And => "and",
        }
    }

    fn date(&self, date: NaiveDate) -> String {
        format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
    }

    fn short_date(&self, date: NaiveDate) -> String {
        format!("{} {}", date.day(), MONTHS[date.month0() as usize])
    }

    fn days(&self, n: i64) -> String {
        plural(n, "day", "days")
    }

    fn stage(&self, stage: Stage) -> &'static str {
        use Stage as S;
        match stage {
            S::OrderPlaced => "Order placed",
            S::InfoReceived => "Carrier informed, parcel not yet handed over",
            S::Accepted => "Accepted by the carrier",
            S::OriginSorting => "Sorting in the origin country",
            S::ExportCustoms => "Export customs",
            S::LinehaulHandover => "Handed to the airline",
            S::DepartedOrigin => "Left the origin country",
            S::TransitHub => "At a transit hub",
            S::ArrivedDestination => "Arrived in the destination country",
            S::ImportCustoms => "Import customs",
            S::LastMileHandover => "Handed to the local delivery company",
            S::DestinationSorting => "Sorting in the destination country",
            S::AtLocalOffice => "At the local delivery office",
            S::OutForDelivery => "Out for delivery",
            S::DeliveryFailed => "Delivery attempt failed",
            S::AwaitingPickup => "Awaiting collection",
            S::Delivered => "Shown as delivered",
            S::InTransit => "In transit",
            S::CarrierUpdate => "Carrier or number changed",
            S::Returning => "Being returned to the sender",
            S::Returned => "Returned to the sender",
            S::Exception => "Problem reported by the carrier",
            S::Unknown => "Status not classified",
        }
    }

    fn stage_short(&self, stage: Stage) -> &'static str {
        use Stage as S;
        match stage {
            S::OrderPlaced => "ordered",
            S::InfoReceived => "label",
            S::Accepted => "accepted",
            S::OriginSorting => "sorting",
            S::ExportCustoms => "export",
            S::LinehaulHandover => "airline",
            S::DepartedOrigin => "left origin",
            S::TransitHub => "transit",
            S::ArrivedDestination => "arrived",
            S::ImportCustoms => "customs",
            S::LastMileHandover => "local carrier",
            S::DestinationSorting => "sorting",
            S::AtLocalOffice => "local office",
            S::OutForDelivery => "out for delivery",
            S::DeliveryFailed => "failed attempt",
            S::AwaitingPickup => "awaiting pick-up",
            S::Delivered => "delivered",
            S::InTransit => "in transit",
            S::CarrierUpdate => "new number",
            S::Returning => "returning",
            S::Returned => "returned",
            S::Exception => "problem",
            S::Unknown => "",
        }
    }

    fn kind(&self, kind: EvidenceKind) -> &'static str {
        match kind {
            EvidenceKind::Order => "Order page",
            EvidenceKind::Tracker => "Tracking page",
            EvidenceKind::Chat => "Correspondence",
            EvidenceKind::Delivery => "Delivery record",
            EvidenceKind::Post => "Post office's answer",
            EvidenceKind::Photo => "Photo",
            EvidenceKind::Customs => "Customs papers",
            EvidenceKind::Other => "Other",
        }
    }

    fn sender(&self, sender: Sender) -> &'static str {
        match sender {
            Sender::Me => "the buyer",
            Sender::Seller => "the seller",
            Sender::Platform => "the platform's support",
            Sender::Carrier => "the carrier",
        }
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Critical => "Critical",
            Severity::Warning => "Warning",
            Severity::Info => "Note",
        }
    }

    fn flag_title(&self, code: FlagCode) -> &'static str {
        use FlagCode as F;
        match code {
            F::NoFirstScan => "No carrier scan",
            F::Stalled => "No movement",
            F::StalledOverMonth => "No movement for over a month",
            F::DeliveredElsewhere => "Delivered to another place",
            F::DeliveredAutoclose => "Protection shortened by the delivery status",
            F::NotReceived => "Not received",
            F::WeightMismatch => "Weight does not fit the item",
            F::LetterServiceHeavyItem => "Letter service for a heavy item",
            F::InvalidTrackingNumber => "Tracking number fails its check",
            F::TrackingNumberReused => "Tracking number used on another order",
            F::NumberChanged => "New tracking number",
            F::WrongCountry => "Status in a third country",
            F::ScanBeforeOrder => "Carrier event older than the order",
            F::PickupWaiting => "Awaiting collection",
            F::TemplateReplies => "Only ready-made replies from the seller",
            F::ProtectionEnding => "Buyer protection ends soon",
            F::ProtectionExpired => "Buyer protection has ended",
            F::EvidenceMissing => "Evidence not yet collected",
        }
    }

    fn flag_text(&self, code: FlagCode, about: &About, status: &dyn Fn(usize) -> String) -> String {
        match about {
            About::NoFirstScan { since, waited, react } => format!(
                "The order was marked as shipped {} ago (on {}), and no carrier has scanned the parcel since. More than {} without a first scan is unusual.",
                self.days(*waited),
                self.date(since.date()),
                self.days(*react)
            ),
            About::Stalled { days, react, last, exported } => format!(
                "The tracking has shown no movement for {}{}. At this stage, more than {} is unusual. Last status: {}.",
                self.days(*days),
                if *exported { ", and no arrival in the destination country is recorded" } else { "" },
                self.days(*react),
                status(*last)
            ),
            About::OverMonth { days, last } => match last {
                Some(last) => format!(
                    "The last movement was {} ago: over a month without news. Last status: {}.",
                    self.days(*days),
                    status(*last)
                ),
                None => format!("No status at all in the {} since shipment.", self.days(*days)),
            },
            About::ScanBeforeOrder { first, ordered } => format!(
                "The carrier's first event ({}) is older than the order, placed on {}: the number may belong to another parcel.",
                status(*first),
                self.date(ordered.date())
            ),
            About::Manual { notes } => {
                let what = match code {
                    FlagCode::NotReceived => {
                        "The buyer states that the parcel was not received, although the tracking shows it as handed over."
                    }
                    _ => {
                        "The buyer states that the seller answers only with ready-made replies and gives no new information."
                    }
                };
                let mut text = what.to_string();
                for (date, note) in notes {
                    match note {
                        Some(note) => text.push_str(&format!(" Noted on {date}: “{note}”.")),
                        None => text.push_str(&format!(" Noted on {date}.")),
                    }
                }
                text
            }
            About::PickupWaiting { status: at } => format!(
                "The parcel is shown as waiting at a pick-up point; it is not delivered until collected. Status: {}.",
                status(*at)
            ),
            About::Elsewhere { status: at, postcode, place } => {
                let mut text =
                    format!("The tracking shows the parcel delivered or waiting at another place: {}.", status(*at));
                if let Some((found, home)) = postcode {
                    text.push_str(&format!(" The status names postcode {found}; the buyer's postcode is {home}."));
                }
                if let Some((found, city)) = place {
                    text.push_str(&format!(" The status names “{found}”; the buyer lives in {city}."));
                }
                text
            }
            About::Autoclose { status: at, until } => format!(
                "After a “delivered” status ({}), AliExpress usually ends buyer protection early; the estimated end is {}.",
                status(*at),
                self.date(*until)
            ),
            About::WrongCountry { status: at, country } => format!(
                "A status places the parcel in {country}, which is neither the origin nor the destination country: {}.",
                status(*at)
            ),
            About::Weight { status: at, weighed, item } => format!(
                "The carrier weighed the parcel at {}, but the item alone weighs {}: the parcel may not contain the item ordered. Status: {}.",
                self.weight(*weighed),
                self.weight(*item),
                status(*at)
            ),
            About::LetterService { number, item } => format!(
                "{number} is a number of a letter service, used for small, light items, but the item weighs {}.",
                self.weight(*item)
            ),
            About::InvalidNumber { number, suggestion } => {
                let mut text =
                    format!("{number} fails the check of its format, so it may not be a real tracking number.");
                if let Some(s) = suggestion {
                    text.push_str(&format!(" With one typing error corrected it would read {s}."));
                }
                text
            }
            About::Reused { number } => {
                format!(
                    "{number} is also the tracking number of another order the buyer placed: it may not identify this parcel."
                )
            }
            About::NumberChanged { status: at, silent } => {
                let mut text = "The parcel was given a new tracking number or carrier.".to_string();
                if let Some(at) = at {
                    text.push_str(&format!(" Status: {}.", status(*at)));
                }
                if !silent.is_empty() {
                    text.push_str(&format!(" No status is recorded yet under {}.", join(self, silent)));
                }
                text
            }
            About::Protection { until, days_left } if *days_left < 0 => format!(
                "Buyer protection ended on {}, {} ago, while the parcel had not been received.",
                self.date(*until),
                self.days(-days_left)
            ),
            About::Protection { until, days_left } => format!(
                "Buyer protection ends on {}, in {}, while the parcel has not been received.",
                self.date(*until),
                self.days(*days_left)
            ),
            About::EvidenceMissing { kinds } => {
                let kinds: Vec<String> = kinds.iter().map(|k| self.kind(*k).to_lowercase()).collect();
                format!("Not yet among the evidence: {}.", join(self, &kinds))
            }
        }
    }

    fn status_fact(&self, at: &str, text: &str, place: Option<&str>) -> String {
        match place {
            Some(place) => format!("{at}, “{text}” ({place})"),
            None => format!("{at}, “{text}”"),
        }
    }

    fn title(&self, platform: &str, number: &str) -> String {
        format!("Dispute dossier: {platform} order {number}")
    }

    fn footer(&self, platform: &str, number: &str) -> String {
        format!("{platform} order {number}")
    }

    fn page(&self, n: usize, total: usize) -> String {
        format!("page {n} of {total}")
    }

    fn prepared(&self, date: &str, tool: &str) -> String {
        format!("Prepared on {date} with {tool}")
    }

    fn verdict(&self, v: &Verdict) -> String {
        let format = match v.format {
            Format::S10 => "international postal number (UPU S10)",
            Format::Cainiao => "Cainiao number",
            Format::FourPx => "4PX number",
            Format::Yunexpress => "YunExpress number",
            Format::RuDomestic => "Russian Post domestic number",
            Format::Unknown => "number of a format not checked",
        };
        let mut parts = vec![format.to_string()];
        if let Some(carrier) = &v.carrier {
            parts.push(carrier.clone());
        }
        parts.push(
            match v.valid {
                Some(true) => "check digit correct",
                Some(false) => "fails its check",
                None => "no check digit to verify",
            }
            .to_string(),
        );
        parts.join(", ")
    }

    fn protection(&self, p: Option<&Protection>, platform: &str) -> String {
        let Some(p) = p else {
            return "The end of buyer protection is not recorded.".to_string();
        };
        let mut text = if p.days_left >= 0 {
            format!("Buyer protection ends on {} ({} left).", self.date(p.until), self.days(p.days_left))
        } else {
            format!("Buyer protection ended on {} ({} ago).", self.date(p.until), self.days(-p.days_left))
        };
        let from = |shipment: bool| if shipment { "shipment" } else { "the order" };
        text.push(' ');
        text.push_str(&match &p.source {
            Basis::Typed => "The date is the one shown on the order page.".to_string(),
            Basis::Days { days, from_shipment, start } => {
                format!(
                    "The platform gives {} from {} ({}).",
                    self.days(*days),
                    from(*from_shipment),
                    self.date(*start)
                )
            }
            Basis::Default { days, from_shipment, start } => format!(
                "Estimated: {platform}'s usual {} from {} ({}).",
                self.days(*days),
                from(*from_shipment),
                self.date(*start)
            ),
        });
        if let Some((days, delivered)) = p.cut {
            text.push_str(&format!(
                " AliExpress usually ends protection {} after a “delivered” status (here {}), so the end is an estimate.",
                self.days(days),
                self.date(delivered)
            ));
        }
        text
    }

    fn intro(&self, platform: &str, number: &str, item: Option<&str>, ordered: Option<&str>) -> String {
        let mut text = format!("The buyer placed {platform} order {number}");
        if let Some(item) = item {
            text.push_str(&format!(" for “{item}”"));
        }
        if let Some(ordered) = ordered {
            text.push_str(&format!(" on {ordered}"));
        }
        text.push('.');
        text
    }

    fn shipped(&self, date: &str) -> String {
        format!("The seller marked the order as shipped on {date}.")
    }

    fn latest(&self, count: usize, at: &str, text: &str, place: Option<&str>, stage: Stage) -> String {
        let statuses =
            if count == 1 { "One tracking status is".to_string() } else { format!("{count} tracking statuses are") };
        let place = place.map(|p| format!(" in {p}")).unwrap_or_default();
        format!(
            "{statuses} recorded. The latest, on {at}{place}, reads “{text}”. Stage reached: {}.",
            self.stage(stage).to_lowercase()
        )
    }

    fn no_status(&self) -> String {
        "No tracking status is recorded.".to_string()
    }

    fn silent(&self, days: i64, threshold: i64) -> String {
        format!(
            "Since then the tracking has shown no movement for {}; at this stage more than {} is unusual.",
            self.days(days),
            self.days(threshold)
        )
    }

    fn not_received(&self) -> String {
        "The buyer has not received the parcel.".to_string()
    }

    fn request(&self, action: ActionCode, reason: &Reason, by: &str, until: Option<&str>) -> String {
        let why = match reason {
            Reason::DeliveredNotReceived(Some(date)) => {
                format!(
                    "the tracking shows the parcel as delivered on {}, but the buyer has not received it",
                    self.date(*date)
                )
            }
            Reason::DeliveredNotReceived(None) => {
                "the tracking shows the parcel as delivered, but the buyer has not received it".to_string()
            }
            Reason::Returned => "the parcel is being sent back to the seller".to_string(),
            Reason::Silent(days) => {
                format!("the parcel has not arrived and the tracking has shown no movement for {}", self.days(*days))
            }
            Reason::NoScan(days) => {
                format!("no carrier has scanned the parcel in the {} since it was marked as shipped", self.days(*days))
            }
            Reason::Weight => "the carrier's weight does not fit the item ordered".to_string(),
            Reason::Reused => "the tracking number given is also the number of another order".to_string(),
            Reason::InvalidNumber => "the tracking number given fails its format check".to_string(),
            Reason::Pickup => "the parcel is waiting at a pick-up point".to_string(),
            Reason::Protection(days) if *days < 0 => {
                format!("buyer protection ended {} ago and the parcel has not been received", self.days(-days))
            }
            Reason::Protection(days) => {
                format!("buyer protection ends in {} and the parcel has not been received", self.days(*days))
            }
            Reason::Delivered(Some(date)) => {
                format!("the tracking shows the parcel as delivered on {}", self.date(*date))
            }
            Reason::Delivered(None) => "the tracking shows the parcel as delivered".to_string(),
            Reason::Closed => "the case is closed".to_string(),
            Reason::Nothing => "the parcel is in transit within the usual time".to_string(),
        };
        let until = until.map(|u| format!(" Buyer protection ends on {u}.")).unwrap_or_default();
        match action {
            ActionCode::OpenDispute | ActionCode::Escalate => {
                format!("The buyer asks for a full refund, because {why}.{until}")
            }
            ActionCode::AskExtension => {
                format!("The buyer asks for buyer protection to be extended, because {why}.{until}")
            }
            ActionCode::WriteSeller => {
                format!("The buyer asks the seller to account for the parcel by {by}, because {why}.{until}")
            }
            ActionCode::ContactPostOffice => {
                format!("The buyer is asking the local post office for the delivery record, because {why}.{until}")
            }
            ActionCode::CollectParcel => format!("No claim: {why}.{until}"),
            ActionCode::Wait => format!("No claim yet: {why}.{until}"),
            ActionCode::None => format!("No claim: {why}.{until}"),
        }
    }

    fn gap(&self, days: i64) -> String {
        self.days(days)
    }

    fn message_line(&self, sender: Sender) -> String {
        format!("{} wrote:", capitalised(self.sender(sender)))
    }

    fn captured_line(&self, reference: &str, kind: EvidenceKind) -> String {
        format!("{reference} captured ({})", self.kind(kind).to_lowercase())
    }

    fn letter_head(&self, at: &str, sender: Sender, screenshot: Option<&str>) -> String {
        match screenshot {
            Some(e) => format!("{at} · from {} · screenshot {e}", self.sender(sender)),
            None => format!("{at} · from {}", self.sender(sender)),
        }
    }

    fn caption(&self, file: &str, media: &str, taken: Option<&str>, added: &str, hash: &str) -> String {
        let taken = taken.map(|t| format!(" · taken {t}")).unwrap_or_default();
        format!("{file} · {media}{taken} · recorded {added} · SHA-256 {hash}…")
    }

    fn attached_as(&self, name: &str) -> String {
        format!("The original is attached to this PDF as “{name}”.")
    }

    fn not_shown(&self, media: &str, attached: bool) -> String {
        if attached {
            format!("A PDF cannot display this format ({media}); the original is attached to this PDF.")
        } else {
            format!("A PDF cannot display this format ({media}); the original is kept unchanged.")
        }
    }

    fn text_cut(&self, shown: usize, total: usize) -> String {
        format!("The first {shown} of {total} lines are shown; the whole file is the attached original.")
    }

    fn not_attached(&self, why: NotAttached, limit: &str) -> String {
        match why {
            NotAttached::SizeLimit => format!("not attached: with it the PDF would exceed its size limit of {limit}"),
            NotAttached::LeftOut => "not attached: left out at the buyer's request".to_string(),
            NotAttached::Off => "not attached: this edition carries no attachments".to_string(),
        }
    }

    fn how_to_check(&self) -> Vec<String> {
        vec![
            "Each evidence file was hashed with SHA-256 when it was recorded and has been kept unchanged since. \
             Anyone holding a copy of a file can compute its SHA-256 and compare it with the value listed below; \
             any change to the file, even of one byte, gives a different value."
                .to_string(),
            "On Linux: sha256sum FILE. On macOS: shasum -a 256 FILE. On Windows (PowerShell): \
             Get-FileHash FILE -Algorithm SHA256."
                .to_string(),
            "Every change to the case was recorded in an append-only log in which each entry carries the hash of \
             the one before; the hash of the newest entry is given below."
                .to_string(),
        ]
    }

    fn file_line(&self, reference: &str, name: &str, size: u64) -> String {
        format!("{reference} · {name} · {}", plural(size as i64, "byte", "bytes"))
    }

    fn log_line(&self, entries: i64, head: &str) -> String {
        format!("Event log: {}, newest entry {head}", plural(entries, "entry", "entries"))
    }

    fn chart_silence(&self, days: i64) -> String {
        format!("{} without movement", self.days(days))
    }

    fn weight(&self, grams: Grams) -> String {
        grams.to_string()
    }
}
