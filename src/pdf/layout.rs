//! Lays a [`Dossier`] out on A4 pages: positioned text runs, lines and dots. Coordinates are
//! points from the top-left corner; the renderer flips them. Text is wrapped by measured
//! width and flows across pages; a heading never ends a page (it moves with the first lines
//! of what it heads).

use super::fonts::{FontKind, Fonts};
use super::model::{Dossier, EntryKind, EvidenceItem};
use crate::model::{Severity, Stage};

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
/// A4 in points.
pub const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 50.0;
const BOTTOM: f32 = PAGE_H - 60.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

/// An RGB colour, 0–1.
pub type Rgb = (f32, f32, f32);
const BLACK: Rgb = (0.1, 0.1, 0.1);
const GREY: Rgb = (0.45, 0.45, 0.45);
const RED: Rgb = (0.78, 0.12, 0.12);
const AMBER: Rgb = (0.8, 0.5, 0.0);

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One run of text in one face; `y` is the baseline.
    Text { x: f32, y: f32, size: f32, font: FontKind, color: Rgb, text: String },
    /// A straight line.
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb },
    /// A filled circle.
    Dot { x: f32, y: f32, r: f32, color: Rgb },
    /// The image of evidence item `index`, scaled into the box whose top-left corner is (x, y).
    Image { x: f32, y: f32, w: f32, h: f32, index: usize },
}

/// How an evidence item appears in the gallery.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Its image, upright pixel size.
    Image {
        /// Pixels.
        width: u32,
        /// Pixels.
        height: u32,
    },
    /// Listed only, with the reason (not an image, unreadable, left out).
    Listed(String),
}

const GUTTER: f32 = 18.0;
/// Width of one of the two gallery columns.
const COLUMN: f32 = (WIDTH - GUTTER) / 2.0;
const TALL_MAX_H: f32 = 560.0;
const WIDE_MAX_H: f32 = 380.0;

/// Tall images (phone screenshots) go two to a row.
fn is_tall(width: u32, height: u32) -> bool {
    f64::from(height) >= 1.3 * f64::from(width)
}

/// The box, in points, an upright `width`×`height` image is printed in: a column for tall
/// images, the text width for others, and never above one point per pixel (small images are
/// not blown up).
pub fn image_box(width: u32, height: u32) -> (f32, f32) {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let (max_w, max_h) = if is_tall(width, height) { (COLUMN, TALL_MAX_H) } else { (WIDTH, WIDE_MAX_H) };
    let scale = (max_w / w).min(max_h / h).min(1.0);
    (w * scale, h * scale)
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What is drawn on it.
    pub items: Vec<Item>,
}

/// The pages and where each section starts (for bookmarks).
#[derive(Debug, Clone)]
pub struct Layout {
    /// The pages, footers included.
    pub pages: Vec<Page>,
    /// (section title, 1-based page).
    pub sections: Vec<(String, usize)>,
}

struct Flow<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    y: f32,
    sections: Vec<(String, usize)>,
}

impl<'f> Flow<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Flow { fonts, pages: vec![Page::default()], y: MARGIN, sections: Vec::new() }
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = MARGIN;
    }

    /// Makes room for `height` points, starting a new page when they do not fit.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    /// Draws `text` at (x, baseline y), split into runs by font fallback.
    fn text_at(&mut self, x: f32, y: f32, size: f32, font: FontKind, color: Rgb, text: &str) -> f32 {
        let mut cursor = x;
        for (kind, run) in self.fonts.runs(font, text) {
            let width = self.fonts.width(kind, &run, size);
            self.page().items.push(Item::Text { x: cursor, y, size, font: kind, color, text: run });
            cursor += width;
        }
        cursor - x
    }

    /// Breaks `text` into lines no wider than `width`, at spaces where it can, anywhere
    /// (between characters) where a word alone is too wide — CJK has no spaces.
    fn wrap(&self, text: &str, font: FontKind, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in paragraph.split_inclusive(' ') {
                let word_w = self.fonts.width(font, word, size);
                if line_w + word_w <= width || line.is_empty() && word_w <= width {
                    line.push_str(word);
                    line_w += word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(line.trim_end().to_string());
                    line = String::new();
                    line_w = 0.0;
                }
                for c in word.chars() {
                    let w = self.fonts.width(font, c.encode_utf8(&mut [0; 4]), size);
                    if line_w + w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += w;
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    /// A wrapped paragraph at `x` of `width`, flowing across pages.
    fn paragraph(&mut self, x: f32, width: f32, size: f32, font: FontKind, color: Rgb, text: &str) {
        let leading = size * 1.35;
        for line in self.wrap(text, font, size, width) {
            self.room(leading);
            self.y += leading;
            let y = self.y - size * 0.3;
            self.text_at(x, y, size, font, color, &line);
        }
    }

    /// A section heading, kept with at least `keep` points of what follows; bookmarked.
    fn heading(&mut self, title: &str, keep: f32) {
        self.room(40.0 + keep);
        self.y += if self.y > MARGIN { 26.0 } else { 8.0 };
        let y = self.y;
        self.text_at(MARGIN, y, 15.0, FontKind::Bold, BLACK, title);
        self.y += 6.0;
        let y = self.y;
        self.page().items.push(Item::Line { x1: MARGIN, y1: y, x2: PAGE_W - MARGIN, y2: y, width: 0.6, color: GREY });
        self.y += 4.0;
        let page = self.pages.len();
        self.sections.push((title.to_string(), page));
    }

    /// "label: value" rows with the values aligned.
    fn rows(&mut self, rows: &[(String, String)], label_w: f32) {
        for (label, value) in rows {
            let lines = self.wrap(value, FontKind::Regular, 10.0, WIDTH - label_w);
            self.room(14.0 * lines.len().min(3) as f32);
            for (i, line) in lines.iter().enumerate() {
                self.room(14.0);
                self.y += 14.0;
                let y = self.y - 3.0;
                if i == 0 {
                    self.text_at(MARGIN, y, 10.0, FontKind::Bold, GREY, label);
                }
                self.text_at(MARGIN + label_w, y, 10.0, FontKind::Regular, BLACK, line);
            }
        }
    }
}

/// Dot colour of a stage: origin blue, in the air/abroad violet, destination green,
/// delivered dark green, trouble red, unknown grey.
fn stage_color(stage: Option<Stage>) -> Rgb {
    use Stage as S;
    match stage {
        None => (0.55, 0.55, 0.55),
        Some(S::OrderPlaced | S::InfoReceived | S::Unknown | S::CarrierUpdate | S::InTransit) => (0.6, 0.6, 0.6),
        Some(S::Accepted | S::OriginSorting | S::ExportCustoms) => (0.15, 0.4, 0.8),
        Some(S::LinehaulHandover | S::DepartedOrigin | S::TransitHub) => (0.5, 0.3, 0.75),
        Some(S::Delivered) => (0.1, 0.5, 0.2),
        Some(S::Returned | S::Returning | S::Exception | S::DeliveryFailed) => RED,
        Some(_) => (0.2, 0.62, 0.35),
    }
}

/// Lays out every section of `d`, then adds "order … · page n of N" footers.
/// `shown` says, for each evidence item in order, whether its image is drawn and at what
/// upright pixel size.
pub fn lay_out(d: &Dossier, fonts: &Fonts, shown: &[Shown]) -> Layout {
    let mut f = Flow::new(fonts);
    f.y += 18.0;
    let y = f.y;
    f.text_at(MARGIN, y, 18.0, FontKind::Bold, BLACK, &d.title);
    f.y += 6.0;
    f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, GREY, &format!("Prepared on {} with {}", d.generated, d.tool));

    f.heading("1. Summary", 60.0);
    f.rows(&d.summary.facts, 110.0);
    let tracking: Vec<(String, String)> =
        d.summary.tracking.iter().map(|(n, v)| ("Tracking number".to_string(), format!("{n} ({v})"))).collect();
    f.rows(&tracking, 110.0);
    f.y += 6.0;
    f.paragraph(MARGIN, WIDTH, 10.5, FontKind::Bold, BLACK, &d.summary.protection);
    f.y += 4.0;
    f.paragraph(MARGIN, WIDTH, 10.5, FontKind::Regular, BLACK, &d.summary.description);
    f.y += 4.0;
    f.paragraph(MARGIN, WIDTH, 10.5, FontKind::Bold, BLACK, &format!("Next: {}", d.summary.next_action));

    f.heading("2. Red flags", 40.0);
    if d.flags.is_empty() {
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, "No red flag was found.");
    }
    for flag in &d.flags {
        let color = match flag.severity {
            Severity::Critical => RED,
            Severity::Warning => AMBER,
            Severity::Info => GREY,
        };
        f.room(40.0);
        f.y += 6.0;
        f.paragraph(
            MARGIN,
            WIDTH,
            10.5,
            FontKind::Bold,
            color,
            &format!("{} · {}", flag.severity.to_string().to_uppercase(), flag.code),
        );
        f.paragraph(MARGIN + 12.0, WIDTH - 12.0, 10.0, FontKind::Regular, BLACK, &flag.message);
        for fact in &flag.facts {
            f.paragraph(MARGIN + 12.0, WIDTH - 12.0, 9.0, FontKind::Regular, GREY, &format!("– {fact}"));
        }
        if !flag.evidence.is_empty() {
            f.paragraph(
                MARGIN + 12.0,
                WIDTH - 12.0,
                9.0,
                FontKind::Regular,
                GREY,
                &format!("Evidence: {}", flag.evidence.join(", ")),
            );
        }
    }

    f.heading("3. Timeline", 60.0);
    timeline(&mut f, d);

    f.heading("4. Correspondence", 40.0);
    if d.correspondence.is_empty() {
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, "No message is recorded.");
    }
    for letter in &d.correspondence {
        f.room(36.0);
        f.y += 6.0;
        let head = match &letter.evidence {
            Some(e) => format!("{} · from {} · screenshot {e}", letter.at, letter.from),
            None => format!("{} · from {}", letter.at, letter.from),
        };
        f.paragraph(MARGIN, WIDTH, 9.5, FontKind::Bold, GREY, &head);
        f.paragraph(MARGIN + 12.0, WIDTH - 12.0, 10.0, FontKind::Regular, BLACK, &letter.text);
    }

    gallery(&mut f, d, shown);

    f.heading("6. Integrity", 60.0);
    f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, &d.integrity.how_to_check);
    f.y += 4.0;
    for e in &d.evidence {
        f.paragraph(
            MARGIN,
            WIDTH,
            9.0,
            FontKind::Regular,
            BLACK,
            &format!("{}  {}  {} bytes", e.reference, e.sha256, e.size),
        );
    }
    f.y += 4.0;
    let log = format!("Event log: {} entries, head {}", d.integrity.log_entries, d.integrity.log_head);
    f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, BLACK, &log);
    f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, BLACK, &format!("Generated {} by {}", d.generated, d.tool));

    let total = f.pages.len();
    for (i, page) in f.pages.iter_mut().enumerate() {
        let text = format!("{} · page {} of {total}", d.footer, i + 1);
        let width = fonts.width(FontKind::Regular, &text, 8.5);
        let mut x = PAGE_W - MARGIN - width;
        for (kind, run) in fonts.runs(FontKind::Regular, &text) {
            let w = fonts.width(kind, &run, 8.5);
            page.items.push(Item::Text { x, y: PAGE_H - 30.0, size: 8.5, font: kind, color: GREY, text: run });
            x += w;
        }
    }
    Layout { pages: f.pages, sections: f.sections }
}

/// One evidence card: its text lines (size, face, colour, text) and its image box.
struct Card {
    lines: Vec<(f32, FontKind, Rgb, String)>,
    image: Option<(f32, f32)>,
    /// Text too long to keep beside its image on one page (a long note): it flows across
    /// pages and the image follows it.
    long: bool,
}

/// Text taller than this makes a card [`Card::long`].
const LONG_CARD_TEXT: f32 = 220.0;
/// Room kept above a card for the section heading that may have to stay with it.
const HEADING_ROOM: f32 = 50.0;

impl Card {
    fn new(f: &Flow<'_>, e: &EvidenceItem, shown: Option<&Shown>, width: f32) -> Card {
        let mut lines = Vec::new();
        let mut add = |size: f32, font: FontKind, color: Rgb, text: &str| {
            for line in f.wrap(text, font, size, width) {
                lines.push((size, font, color, line));
            }
        };
        add(10.5, FontKind::Bold, BLACK, &format!("{} · {}", e.reference, e.kind));
        let mut caption = format!("{} · {} · {} bytes", e.file_name, e.media_type, e.size);
        if let Some(taken) = &e.taken {
            caption.push_str(&format!(" · captured {taken}"));
        }
        caption.push_str(&format!(" · attached {} · SHA-256 {}…", e.added, &e.sha256[..e.sha256.len().min(16)]));
        add(8.5, FontKind::Regular, GREY, &caption);
        if let Some(note) = &e.note {
            add(9.5, FontKind::Regular, BLACK, note);
        }
        let image = match shown {
            Some(Shown::Image { width: w, height: h }) => {
                let (bw, bh) = image_box(*w, *h);
                let text: f32 = lines.iter().map(|l| l.0 * 1.35).sum();
                // The card (heading room, text, gap, image) fits one page; a long card's
                // image has a page of its own at most.
                let room = if text > LONG_CARD_TEXT {
                    BOTTOM - MARGIN - 16.0
                } else {
                    BOTTOM - MARGIN - HEADING_ROOM - text - 16.0
                };
                let scale = (room / bh).min(1.0);
                Some((bw * scale, bh * scale))
            }
            Some(Shown::Listed(reason)) => {
                add(9.0, FontKind::Regular, RED, reason);
                None
            }
            None => None,
        };
        let long = lines.iter().map(|l| l.0 * 1.35).sum::<f32>() > LONG_CARD_TEXT;
        Card { lines, image, long }
    }

    fn height(&self) -> f32 {
        let text: f32 = self.lines.iter().map(|l| l.0 * 1.35).sum();
        text + self.image.map_or(0.0, |(_, h)| h + 6.0)
    }

    /// Draws a long card at the flow's position: its text flows over pages, then the image
    /// goes where it fits.
    fn flow(&self, f: &mut Flow<'_>, index: usize) {
        for (size, font, color, text) in &self.lines {
            f.room(size * 1.35);
            f.y += size * 1.35;
            let y = f.y - size * 0.3;
            f.text_at(MARGIN, y, *size, *font, *color, text);
        }
        if let Some((w, h)) = self.image {
            f.room(h + 6.0);
            f.y += 6.0;
            let top = f.y;
            self.frame(f, MARGIN, top, (w, h), index);
            f.y += h + 6.0;
        }
    }

    fn frame(&self, f: &mut Flow<'_>, x: f32, y: f32, (w, h): (f32, f32), index: usize) {
        f.page().items.push(Item::Image { x, y, w, h, index });
        let grey = (0.75, 0.75, 0.75);
        for (x1, y1, x2, y2) in [(x, y, x + w, y), (x + w, y, x + w, y + h), (x + w, y + h, x, y + h), (x, y + h, x, y)]
        {
            f.page().items.push(Item::Line { x1, y1, x2, y2, width: 0.5, color: grey });
        }
    }

    fn draw(&self, f: &mut Flow<'_>, x: f32, top: f32, index: usize) {
        let mut y = top;
        for (size, font, color, text) in &self.lines {
            y += size * 1.35;
            f.text_at(x, y - size * 0.3, *size, *font, *color, text);
        }
        if let Some((w, h)) = self.image {
            y += 6.0;
            f.page().items.push(Item::Image { x, y, w, h, index });
            let grey = (0.75, 0.75, 0.75);
            for (x1, y1, x2, y2) in
                [(x, y, x + w, y), (x + w, y, x + w, y + h), (x + w, y + h, x, y + h), (x, y + h, x, y)]
            {
                f.page().items.push(Item::Line { x1, y1, x2, y2, width: 0.5, color: grey });
            }
        }
    }
}

/// The cards of the gallery row starting at evidence item `i`: two tall images side by side,
/// anything else alone.
fn row(f: &Flow<'_>, d: &Dossier, shown: &[Shown], i: usize) -> (Card, Option<Card>) {
    let tall = |i: usize| matches!(shown.get(i), Some(Shown::Image { width, height }) if is_tall(*width, *height));
    let first = Card::new(f, &d.evidence[i], shown.get(i), if tall(i) { COLUMN } else { WIDTH });
    if first.long {
        return (Card::new(f, &d.evidence[i], shown.get(i), WIDTH), None);
    }
    let second = (tall(i) && i + 1 < d.evidence.len() && tall(i + 1))
        .then(|| Card::new(f, &d.evidence[i + 1], shown.get(i + 1), COLUMN))
        .filter(|card| !card.long);
    (first, second)
}

/// Section 5 with its heading: a card per evidence file, tall images two to a row. The
/// heading stays with the first row.
fn gallery(f: &mut Flow<'_>, d: &Dossier, shown: &[Shown]) {
    if d.evidence.is_empty() {
        f.heading("5. Evidence", 40.0);
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, "No evidence file is attached.");
        return;
    }
    let mut i = 0;
    while i < d.evidence.len() {
        let (first, second) = row(f, d, shown, i);
        if first.long {
            if i == 0 {
                f.heading("5. Evidence", 60.0);
            }
            f.y += 10.0;
            first.flow(f, i);
            i += 1;
            continue;
        }
        let height = first.height().max(second.as_ref().map_or(0.0, Card::height));
        if i == 0 {
            f.heading("5. Evidence", height + 10.0);
        }
        f.room(height + 10.0);
        f.y += 10.0;
        let top = f.y;
        first.draw(f, MARGIN, top, i);
        if let Some(second) = &second {
            second.draw(f, MARGIN + COLUMN + GUTTER, top, i + 1);
        }
        f.y = top + height + 6.0;
        i += if second.is_some() { 2 } else { 1 };
    }
}

/// The drawn timeline: a vertical line, a dot per event coloured by stage, and each silence
/// between statuses as a gap labelled with its length (red when over the threshold).
fn timeline(f: &mut Flow<'_>, d: &Dossier) {
    const LINE_X: f32 = MARGIN + 70.0;
    const TEXT_X: f32 = LINE_X + 14.0;
    if d.timeline.is_empty() {
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, "Nothing is recorded yet.");
        return;
    }
    for entry in &d.timeline {
        if let Some(days) = entry.gap_days.filter(|d| *d >= 1) {
            let gap = 16.0 + (days.min(30) as f32) * 1.2;
            f.room(gap + 28.0);
            let (top, color) = (f.y, if entry.gap_over { RED } else { GREY });
            f.y += gap;
            let y = f.y;
            f.page().items.push(Item::Line { x1: LINE_X, y1: top, x2: LINE_X, y2: y, width: 1.2, color });
            let label = format!("{days} day{} without news", if days == 1 { "" } else { "s" });
            f.text_at(TEXT_X, top + gap / 2.0 + 3.0, 8.5, FontKind::Bold, color, &label);
        }
        let lines = f.wrap(&entry.text, FontKind::Regular, 9.5, PAGE_W - MARGIN - TEXT_X);
        let height = 13.0 * (lines.len() as f32 + 1.0) + 4.0;
        f.room(height.min(200.0));
        let (top, page) = (f.y, f.pages.len());
        let color = match entry.kind {
            EntryKind::Status => stage_color(entry.stage),
            EntryKind::Message => (0.85, 0.55, 0.1),
            EntryKind::Evidence => (0.1, 0.55, 0.6),
        };
        f.y += 13.0;
        let y = f.y;
        f.page().items.push(Item::Dot { x: LINE_X, y: y - 3.5, r: 3.5, color });
        let date = entry.at.split(' ').next().unwrap_or_default().to_string();
        f.text_at(MARGIN, y, 8.5, FontKind::Regular, GREY, &date);
        let head = match (entry.kind, entry.stage, &entry.place) {
            (EntryKind::Status, Some(stage), Some(place)) => format!("{} · {stage} · {place}", entry.at),
            (EntryKind::Status, Some(stage), None) => format!("{} · {stage}", entry.at),
            (EntryKind::Message, ..) => format!("{} · message", entry.at),
            (EntryKind::Evidence, ..) => format!("{} · evidence", entry.at),
            _ => entry.at.clone(),
        };
        f.text_at(TEXT_X, y, 8.5, FontKind::Bold, GREY, &head);
        for line in lines {
            f.room(13.0);
            f.y += 13.0;
            let y = f.y;
            f.text_at(TEXT_X, y, 9.5, FontKind::Regular, BLACK, &line);
        }
        f.y += 4.0;
        let bottom = f.y;
        if f.pages.len() == page {
            f.page().items.push(Item::Line { x1: LINE_X, y1: top, x2: LINE_X, y2: bottom, width: 0.8, color: GREY });
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pdf::model::{Integrity, Letter, Summary, TimelineEntry};

    /// Each text run's box on `page` (x from, x to, y top, y bottom, text), ascenders and
    /// descenders included.
    fn text_boxes<'p>(fonts: &Fonts, page: &'p Page) -> Vec<(f32, f32, f32, f32, &'p str)> {
        page.items
            .iter()
            .filter_map(|item| match item {
                Item::Text { x, y, size, font, text, .. } => {
                    Some((*x, *x + fonts.width(*font, text, *size), y - size * 0.8, y + size * 0.25, text.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    /// A dossier with `n` timeline entries of every kind, short and very long texts in three
    /// scripts, and silences from none to months.
    /// Evidence item `i` (`E{i+1}`): a tracker screenshot with `note`.
    fn screenshot(i: usize, note: Option<String>) -> crate::pdf::model::EvidenceItem {
        crate::pdf::model::EvidenceItem {
            reference: format!("E{}", i + 1),
            kind: "tracker".into(),
            note,
            taken: None,
            added: "2026-11-22".into(),
            sha256: "c".repeat(64),
            size: 1000,
            media_type: "image/png".into(),
            file_name: format!("shot-{i}.png"),
            pixels: None,
        }
    }

    fn long_case(n: usize) -> Dossier {
        let texts = [
            "Arrived at sorting center",
            "已离开始发国/地区，运输中，包裹已交航空公司，请耐心等待。已离开始发国/地区，运输中，包裹已交航空公司，请耐心等待。",
            "Прибыло в место международного обмена, передано таможне для оформления",
            "The parcel has left the export hub and is on its way to the airline. The next update is expected when it \
             arrives in the destination country, which may take several weeks at busy times of the year, so this line \
             is long enough to wrap over several lines of the timeline and test how it flows.",
        ];
        let timeline = (0..n)
            .map(|i| TimelineEntry {
                kind: [EntryKind::Status, EntryKind::Status, EntryKind::Message, EntryKind::Evidence][i % 4],
                at: format!("2026-{:02}-{:02} 10:{:02} +08:00", 1 + i % 12, 1 + i % 28, i % 60),
                stage: (i % 4 < 2).then_some(Stage::InTransit),
                text: format!("{} #{i}", texts[i % texts.len()]),
                place: (i % 3 == 0).then(|| "Shenzhen".to_string()),
                gap_days: [None, Some(0), Some(1), Some(2), Some(9), Some(45)][i % 6],
                gap_over: i % 6 == 5,
            })
            .collect();
        Dossier {
            title: "Dispute dossier: aliexpress order 1".into(),
            footer: "order 1".into(),
            generated: "2026-11-24T12:00:00+03:00".into(),
            tool: "dossier test".into(),
            summary: Summary {
                facts: vec![("Item".into(), "USB hub".into())],
                tracking: vec![],
                protection: "Protection ends 2026-11-29".into(),
                description: "Silent since October.".into(),
                next_action: "Ask for an extension".into(),
            },
            flags: vec![],
            timeline,
            correspondence: vec![Letter {
                at: "2026-11-06".into(),
                from: "me".into(),
                text: texts[3].into(),
                evidence: None,
            }],
            evidence: vec![],
            integrity: Integrity { log_entries: 3, log_head: "ab".repeat(32), how_to_check: "sha256sum FILE".into() },
        }
    }

    #[test]
    fn three_hundred_statuses_flow_over_pages_without_overlap_or_loss() {
        let fonts = Fonts::load();
        let d = long_case(300);
        let layout = lay_out(&d, &fonts, &[]);
        assert!(layout.pages.len() >= 10, "{} pages", layout.pages.len());
        let mut body = String::new();
        for (p, page) in layout.pages.iter().enumerate() {
            let boxes = text_boxes(&fonts, page);
            for (i, a) in boxes.iter().enumerate() {
                assert!(
                    a.0 >= MARGIN - 0.5 && a.1 <= PAGE_W - MARGIN + 0.5,
                    "page {}: {a:?} outside the margins",
                    p + 1
                );
                assert!(a.2 >= MARGIN - 20.0 && a.3 <= PAGE_H - 20.0, "page {}: {a:?} off the page", p + 1);
                for b in &boxes[i + 1..] {
                    let apart = a.1 <= b.0 + 0.5 || b.1 <= a.0 + 0.5 || a.3 <= b.2 + 0.5 || b.3 <= a.2 + 0.5;
                    assert!(apart, "page {}: {a:?} overlaps {b:?}", p + 1);
                }
                if a.3 < PAGE_H - 30.0 {
                    body.push_str(a.4);
                }
            }
            let footer = format!("order 1 · page {} of {}", p + 1, layout.pages.len());
            let last: String = boxes.iter().filter(|b| b.3 > PAGE_H - 30.0).map(|b| b.4).collect();
            assert_eq!(last, footer);
        }
        let squashed: String = body.split_whitespace().collect();
        for entry in &d.timeline {
            let want: String = entry.text.split_whitespace().collect();
            assert!(squashed.contains(&want), "lost: {}", entry.text);
        }
    }

    #[test]
    fn gallery_puts_tall_images_two_to_a_row_inside_the_margins_without_overlap() {
        let fonts = Fonts::load();
        let mut d = long_case(3);
        let shown = vec![
            Shown::Image { width: 1170, height: 2532 },
            Shown::Image { width: 1170, height: 2532 },
            Shown::Image { width: 4000, height: 3000 },
            Shown::Listed("Not shown: the image cannot be decoded.".into()),
            Shown::Image { width: 750, height: 1334 },
            Shown::Image { width: 120, height: 90 },
        ];
        d.evidence =
            (0..shown.len()).map(|i| screenshot(i, Some("Tracking page on the day it went silent".into()))).collect();
        let layout = lay_out(&d, &fonts, &shown);
        let mut placed = Vec::new();
        for (p, page) in layout.pages.iter().enumerate() {
            let texts = text_boxes(&fonts, page);
            let images: Vec<(usize, f32, f32, f32, f32)> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Image { x, y, w, h, index } => Some((*index, *x, *x + w, *y, *y + h)),
                    _ => None,
                })
                .collect();
            for (i, a) in images.iter().enumerate() {
                assert!(a.1 >= MARGIN && a.2 <= PAGE_W - MARGIN + 0.01 && a.3 >= MARGIN && a.4 <= BOTTOM, "{a:?}");
                for b in &images[i + 1..] {
                    assert!(a.2 <= b.1 || b.2 <= a.1 || a.4 <= b.3 || b.4 <= a.3, "page {}: {a:?} / {b:?}", p + 1);
                }
                for t in &texts {
                    assert!(a.2 <= t.0 || t.1 <= a.1 || a.4 <= t.2 || t.3 <= a.3, "page {}: {a:?} / {t:?}", p + 1);
                }
                placed.push((a.0, p, a.1, a.3, a.2 - a.1));
            }
        }
        let indexes: Vec<usize> = placed.iter().map(|p| p.0).collect();
        assert_eq!(indexes, [0, 1, 2, 4, 5], "every image once, the unreadable one not");
        let (first, second) = (placed[0], placed[1]);
        assert_eq!((first.1, first.3), (second.1, second.3), "the two screenshots share a row");
        assert!((first.4 - COLUMN).abs() < 0.01 && second.2 > first.2 + COLUMN);
        assert!((placed[2].4 - WIDTH).abs() < 0.01, "a wide photo takes the text width");
        assert!((placed[4].4 - 120.0).abs() < 0.01, "a small image is not blown up");
    }

    #[test]
    fn long_notes_flow_over_pages_and_the_evidence_heading_keeps_its_first_card() {
        let fonts = Fonts::load();
        let mut d = long_case(0);
        let words = |n: usize| (0..n).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ");
        // 80 words make a card just short of "long": the heading must still fit above it.
        let notes = [Some(words(80)), Some(words(1500)), None, None];
        d.evidence = notes.iter().enumerate().map(|(i, note)| screenshot(i, note.clone())).collect();
        let shown = vec![Shown::Image { width: 1170, height: 2532 }; 4];
        let layout = lay_out(&d, &fonts, &shown);
        let mut text = String::new();
        let mut images = 0;
        for (p, page) in layout.pages.iter().enumerate() {
            let texts = text_boxes(&fonts, page);
            for t in &texts {
                assert!(t.3 <= PAGE_H - 20.0 && (t.3 > PAGE_H - 30.0 || t.3 <= BOTTOM + 3.0), "page {}: {t:?}", p + 1);
                text.push_str(t.4);
                text.push(' ');
            }
            for item in &page.items {
                if let Item::Image { x, y, w, h, .. } = item {
                    images += 1;
                    assert!(
                        *y >= MARGIN && y + h <= BOTTOM && *x >= MARGIN && x + w <= PAGE_W - MARGIN + 0.01,
                        "{item:?}"
                    );
                    for t in &texts {
                        assert!(
                            x + w <= t.0 || t.1 <= *x || y + h <= t.2 || t.3 <= *y,
                            "page {}: {item:?} / {t:?}",
                            p + 1
                        );
                    }
                }
            }
            if texts.iter().any(|t| t.4 == "5. Evidence") {
                assert!(texts.iter().any(|t| t.4.starts_with("E1")), "the heading on page {} is alone", p + 1);
            }
        }
        assert_eq!(images, 4);
        for i in 0..1500 {
            assert!(text.contains(&format!("word{i} ")), "word{i} is lost");
        }
    }
}
