//! Lays a [`Dossier`] out on A4 pages: positioned text runs, lines and dots. Coordinates are
//! points from the top-left corner; the renderer flips them. Text is wrapped by measured
//! width and flows across pages; a heading never ends a page (it moves with the first lines
//! of what it heads).

use super::fonts::{FontKind, Fonts};
use super::model::{Chart, Dossier, EntryKind, EvidenceItem};
use super::words::{self, Label, Words};
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
    /// Its text, set in the page (chat exports, e-mails).
    Text(String),
    /// Listed only, with a remark (empty when the item's own remarks say it all).
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
/// upright pixel size, or which text it shows.
pub fn lay_out(d: &Dossier, fonts: &Fonts, shown: &[Shown]) -> Layout {
    let w = words::of(&d.lang);
    let mut f = Flow::new(fonts);
    f.y += 4.0;
    f.paragraph(MARGIN, WIDTH, 17.0, FontKind::Bold, BLACK, &d.title);
    f.y += 2.0;
    f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, GREY, &d.prepared);

    f.heading(w.label(Label::Summary), 60.0);
    f.rows(&d.summary.facts, 110.0);
    f.rows(&d.summary.tracking, 110.0);
    f.y += 6.0;
    f.paragraph(MARGIN, WIDTH, 10.5, FontKind::Bold, BLACK, &d.summary.protection);
    f.y += 6.0;
    chart(&mut f, &d.summary.chart);
    f.y += 4.0;
    f.paragraph(MARGIN, WIDTH, 10.5, FontKind::Regular, BLACK, &d.summary.description);
    f.y += 4.0;
    f.paragraph(
        MARGIN,
        WIDTH,
        10.5,
        FontKind::Bold,
        BLACK,
        &format!("{}: {}", w.label(Label::Request), d.summary.request),
    );

    f.heading(w.label(Label::RedFlags), 40.0);
    if d.flags.is_empty() {
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, w.label(Label::NoFlags));
    }
    for flag in &d.flags {
        let color = match flag.severity {
            Severity::Critical => RED,
            Severity::Warning => AMBER,
            Severity::Info => GREY,
        };
        f.room(40.0);
        f.y += 6.0;
        f.paragraph(MARGIN, WIDTH, 10.5, FontKind::Bold, color, &flag.title);
        f.paragraph(MARGIN + 12.0, WIDTH - 12.0, 10.0, FontKind::Regular, BLACK, &flag.text);
        if let Some(evidence) = &flag.evidence {
            f.paragraph(MARGIN + 12.0, WIDTH - 12.0, 9.0, FontKind::Regular, GREY, evidence);
        }
    }

    f.heading(w.label(Label::Timeline), 60.0);
    if let Some(note) = &d.timeline.note {
        f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, GREY, note);
    }
    timeline(&mut f, d, w.label(Label::NothingRecorded));

    f.heading(w.label(Label::Correspondence), 40.0);
    if d.correspondence.is_empty() {
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, w.label(Label::NoMessages));
    }
    for letter in &d.correspondence {
        f.room(36.0);
        f.y += 6.0;
        f.paragraph(MARGIN, WIDTH, 9.5, FontKind::Bold, GREY, &letter.head);
        f.paragraph(MARGIN + 12.0, WIDTH - 12.0, 10.0, FontKind::Regular, BLACK, &letter.text);
    }

    gallery(&mut f, d, shown, w);

    f.heading(w.label(Label::Integrity), 60.0);
    for paragraph in &d.integrity.how_to_check {
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, paragraph);
        f.y += 3.0;
    }
    if !d.integrity.files.is_empty() {
        f.y += 4.0;
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Bold, BLACK, w.label(Label::FilesHeading));
        for (line, sha256) in &d.integrity.files {
            f.y += 2.0;
            f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, BLACK, line);
            f.paragraph(MARGIN + 12.0, WIDTH - 12.0, 8.5, FontKind::Regular, GREY, sha256);
        }
    }
    if !d.integrity.not_attached.is_empty() {
        f.y += 4.0;
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Bold, BLACK, w.label(Label::NotAttachedHeading));
        for line in &d.integrity.not_attached {
            f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, BLACK, line);
        }
    }
    f.y += 4.0;
    f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, BLACK, &d.integrity.log);
    f.paragraph(MARGIN, WIDTH, 9.0, FontKind::Regular, BLACK, &d.prepared);

    let total = f.pages.len();
    for (i, page) in f.pages.iter_mut().enumerate() {
        let text = format!("{} · {}", d.footer, w.page(i + 1, total));
        let width = fonts.width(FontKind::Regular, &text, 8.5);
        let mut x = (PAGE_W - MARGIN - width).max(MARGIN);
        for (kind, run) in fonts.runs(FontKind::Regular, &text) {
            let w = fonts.width(kind, &run, 8.5);
            page.items.push(Item::Text { x, y: PAGE_H - 30.0, size: 8.5, font: kind, color: GREY, text: run });
            x += w;
        }
    }
    Layout { pages: f.pages, sections: f.sections }
}

/// Height of the journey chart.
const CHART_H: f32 = 96.0;

/// The journey chart: a line from the first day to the last, to scale in days; a dot per
/// mark with its label above (rows chosen so labels never overlap, a label that fits no
/// row is left out, its dot stays); the silence in red (amber while within the usual
/// time); today and the protection end as upright lines labelled below the axis.
fn chart(f: &mut Flow<'_>, c: &Chart) {
    f.room(CHART_H + 6.0);
    let top = f.y;
    let axis_y = top + 58.0;
    let (x0, x1) = (MARGIN + 4.0, PAGE_W - MARGIN - 4.0);
    let span = (c.to - c.from).num_days().max(1) as f32;
    let x_of = |d: chrono::NaiveDate| x0 + (x1 - x0) * ((d - c.from).num_days() as f32 / span).clamp(0.0, 1.0);
    let light = (0.7, 0.7, 0.7);
    f.page().items.push(Item::Line { x1: x0, y1: axis_y, x2: x1, y2: axis_y, width: 1.0, color: light });
    for (day, label) in &c.ticks {
        let x = x_of(*day);
        f.page().items.push(Item::Line { x1: x, y1: axis_y, x2: x, y2: axis_y + 3.0, width: 0.5, color: light });
        let width = f.fonts.width(FontKind::Regular, label, 6.5);
        let lx = (x - width / 2.0).clamp(MARGIN, PAGE_W - MARGIN - width);
        f.text_at(lx, axis_y + 11.0, 6.5, FontKind::Regular, GREY, label);
    }
    if let Some((from, to, label, over)) = &c.silence {
        let color = if *over { RED } else { AMBER };
        let (a, b) = (x_of(*from), x_of(*to));
        f.page().items.push(Item::Line { x1: a, y1: axis_y, x2: b, y2: axis_y, width: 3.5, color });
        let width = f.fonts.width(FontKind::Bold, label, 8.0);
        let lx = ((a + b - width) / 2.0).clamp(MARGIN, PAGE_W - MARGIN - width);
        f.text_at(lx, axis_y - 6.0, 8.0, FontKind::Bold, color, label);
    }
    // Stage labels go in rows above the axis, nearest first, each at its dot. A label
    // takes the first row where it clears the row's last label and where its leader line
    // crosses no label of a lower row; one that fits no row is left out (its dot stays).
    let rows_y = [axis_y - 18.0, axis_y - 30.0, axis_y - 42.0, axis_y - 54.0];
    let mut row_end = [f32::MIN; 4];
    // Labels under the axis (order, shipment, today, protection end): (x, label, colour, face).
    let mut below: Vec<(f32, String, Rgb, FontKind)> = Vec::new();
    for (day, label, stage) in &c.marks {
        let x = x_of(*day);
        f.page().items.push(Item::Dot { x, y: axis_y, r: 3.0, color: stage_color(*stage) });
        if label.is_empty() {
            continue;
        }
        if stage.is_none() {
            below.push((x, label.clone(), GREY, FontKind::Regular));
            continue;
        }
        let width = f.fonts.width(FontKind::Regular, label, 7.0);
        let lx = (x - 2.0).clamp(MARGIN, PAGE_W - MARGIN - width);
        let free = |r: usize| lx > row_end[r] + 4.0 && row_end[..r].iter().all(|end| *end < x - 1.0);
        if let Some(row) = (0..rows_y.len()).find(|&r| free(r)) {
            row_end[row] = lx + width;
            let leader = Item::Line { x1: x, y1: axis_y - 3.0, x2: x, y2: rows_y[row] + 2.0, width: 0.3, color: light };
            f.page().items.push(leader);
            f.text_at(lx, rows_y[row], 7.0, FontKind::Regular, BLACK, label);
        }
    }
    // Today and the protection end: dashed upright lines.
    let upright = [Some((c.today.0, c.today.1.clone(), BLACK)), c.protection.clone().map(|(d, l)| (d, l, RED))];
    for (day, label, color) in upright.into_iter().flatten() {
        let x = x_of(day);
        let mut y = axis_y - 60.0;
        while y < axis_y + 16.0 {
            let dash = Item::Line { x1: x, y1: y, x2: x, y2: (y + 3.0).min(axis_y + 16.0), width: 0.8, color };
            f.page().items.push(dash);
            y += 5.0;
        }
        below.push((x, label, color, FontKind::Bold));
    }
    // The labels under the axis, left to right, each in the first of two rows it fits.
    below.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut below_end = [f32::MIN; 2];
    for (x, label, color, face) in below {
        let width = f.fonts.width(face, &label, 7.5);
        let lx = (x - width / 2.0).clamp(MARGIN, PAGE_W - MARGIN - width);
        let row = if lx > below_end[0] + 6.0 { 0 } else { 1 };
        below_end[row] = lx + width;
        f.text_at(lx, axis_y + 22.0 + 10.0 * row as f32, 7.5, face, color, &label);
    }
    f.y = top + CHART_H;
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
    fn new(f: &Flow<'_>, e: &EvidenceItem, shown: Option<&Shown>, width: f32, w: &dyn Words) -> Card {
        let mut lines = Vec::new();
        let mut add = |size: f32, font: FontKind, color: Rgb, text: &str| {
            for line in f.wrap(text, font, size, width) {
                lines.push((size, font, color, line));
            }
        };
        add(10.5, FontKind::Bold, BLACK, &e.title);
        add(8.5, FontKind::Regular, GREY, &e.caption);
        if let Some(note) = &e.note {
            add(9.5, FontKind::Regular, BLACK, note);
        }
        for remark in &e.remarks {
            add(8.5, FontKind::Regular, GREY, remark);
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
            Some(Shown::Text(text)) => {
                add(9.0, FontKind::Bold, GREY, w.label(Label::TextFollows));
                add(8.5, FontKind::Regular, BLACK, text);
                None
            }
            Some(Shown::Listed(remark)) if !remark.is_empty() => {
                add(9.0, FontKind::Regular, RED, remark);
                None
            }
            _ => None,
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
fn row(f: &Flow<'_>, d: &Dossier, shown: &[Shown], i: usize, w: &dyn Words) -> (Card, Option<Card>) {
    let tall = |i: usize| matches!(shown.get(i), Some(Shown::Image { width, height }) if is_tall(*width, *height));
    let first = Card::new(f, &d.evidence[i], shown.get(i), if tall(i) { COLUMN } else { WIDTH }, w);
    if first.long {
        return (Card::new(f, &d.evidence[i], shown.get(i), WIDTH, w), None);
    }
    let second = (tall(i) && i + 1 < d.evidence.len() && tall(i + 1))
        .then(|| Card::new(f, &d.evidence[i + 1], shown.get(i + 1), COLUMN, w))
        .filter(|card| !card.long);
    (first, second)
}

/// Section 5 with its heading: a card per evidence file, tall images two to a row. The
/// heading stays with the first row. A row of images that does not fit the rest of a page
/// is drawn smaller there when at least 40% of its height fits, so pages are not left
/// mostly empty.
fn gallery(f: &mut Flow<'_>, d: &Dossier, shown: &[Shown], w: &dyn Words) {
    let heading = w.label(Label::Evidence);
    if d.evidence.is_empty() {
        f.heading(heading, 40.0);
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, w.label(Label::NoEvidence));
        return;
    }
    let mut i = 0;
    while i < d.evidence.len() {
        let (mut first, mut second) = row(f, d, shown, i, w);
        if first.long {
            if i == 0 {
                f.heading(heading, 60.0);
            }
            f.y += 10.0;
            first.flow(f, i);
            i += 1;
            continue;
        }
        let mut height = first.height().max(second.as_ref().map_or(0.0, Card::height));
        let left = BOTTOM - f.y - 10.0 - if i == 0 { HEADING_ROOM } else { 0.0 };
        if height > left && f.y > MARGIN {
            let fits = |card: &Card| card.height() - card.image.map_or(0.0, |(_, h)| h);
            let text = fits(&first).max(second.as_ref().map_or(0.0, fits));
            let image = height - text;
            if image > 0.0 && left - text >= image * 0.4 {
                let scale = (left - text) / image;
                for card in std::iter::once(&mut first).chain(second.as_mut()) {
                    card.image = card.image.map(|(w, h)| (w * scale, h * scale));
                }
                height = first.height().max(second.as_ref().map_or(0.0, Card::height));
            }
        }
        if i == 0 {
            f.heading(heading, height + 10.0);
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

/// The drawn timeline: a vertical line, a dot per entry coloured by stage (messages amber,
/// evidence teal, today black), and between two entries a day or more apart a gap labelled
/// with its length (red when it lies in a silence over the stage's threshold).
fn timeline(f: &mut Flow<'_>, d: &Dossier, empty: &str) {
    const LINE_X: f32 = MARGIN + 70.0;
    const TEXT_X: f32 = LINE_X + 14.0;
    if d.timeline.entries.iter().all(|e| e.kind == EntryKind::Now) {
        f.paragraph(MARGIN, WIDTH, 10.0, FontKind::Regular, BLACK, empty);
        return;
    }
    for entry in &d.timeline.entries {
        if let Some(gap) = &entry.gap {
            let height = 16.0 + (gap.days.min(30) as f32) * 1.2;
            f.room(height + 28.0);
            let (top, color) = (f.y, if gap.over { RED } else { GREY });
            f.y += height;
            let y = f.y;
            f.page().items.push(Item::Line { x1: LINE_X, y1: top, x2: LINE_X, y2: y, width: 1.2, color });
            f.text_at(TEXT_X, top + height / 2.0 + 3.0, 8.5, FontKind::Bold, color, &gap.label);
        }
        let lines = f.wrap(&entry.text, FontKind::Regular, 9.5, PAGE_W - MARGIN - TEXT_X);
        let head = f.wrap(&entry.head, FontKind::Bold, 8.5, PAGE_W - MARGIN - TEXT_X);
        let head_color = if entry.kind == EntryKind::Now { BLACK } else { GREY };
        let height = 13.0 * (lines.len() + head.len().max(1)) as f32 + 4.0;
        f.room(height.min(200.0));
        let (top, page) = (f.y, f.pages.len());
        let color = match entry.kind {
            EntryKind::Status => stage_color(entry.stage),
            EntryKind::Message => (0.85, 0.55, 0.1),
            EntryKind::Evidence => (0.1, 0.55, 0.6),
            EntryKind::Now => BLACK,
        };
        f.y += 13.0;
        let y = f.y;
        f.page().items.push(Item::Dot { x: LINE_X, y: y - 3.5, r: 3.5, color });
        f.text_at(MARGIN, y, 8.5, FontKind::Regular, GREY, &entry.date);
        for (i, line) in head.iter().enumerate() {
            if i > 0 {
                f.room(13.0);
                f.y += 13.0;
            }
            let y = f.y;
            f.text_at(TEXT_X, y, 8.5, FontKind::Bold, head_color, line);
        }
        for line in lines.iter().filter(|_| !entry.text.is_empty()) {
            f.room(13.0);
            f.y += 13.0;
            let y = f.y;
            f.text_at(TEXT_X, y, 9.5, FontKind::Regular, BLACK, line);
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
    use crate::pdf::model::{Chart, Gap, Integrity, Letter, Show, Summary, Timeline, TimelineEntry};

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

    /// Evidence item `i` (`E{i+1}`): a tracker screenshot with `note`.
    fn screenshot(i: usize, note: Option<String>) -> crate::pdf::model::EvidenceItem {
        crate::pdf::model::EvidenceItem {
            reference: format!("E{}", i + 1),
            title: format!("E{} · Tracking page", i + 1),
            caption: format!("shot-{i}.png · image/png · recorded 22 Nov 2026 · SHA-256 cccccccccccccccc…"),
            note,
            show: Show::Image,
            remarks: Vec::new(),
            file_name: format!("shot-{i}.png"),
            media_type: "image/png".into(),
            sha256: "c".repeat(64),
            size: 1000,
        }
    }

    /// A dossier with `n` timeline entries of every kind, short and very long texts in three
    /// scripts, and silences from none to months.
    fn long_case(n: usize) -> Dossier {
        let texts = [
            "Arrived at sorting center",
            "已离开始发国/地区，运输中，包裹已交航空公司，请耐心等待。已离开始发国/地区，运输中，包裹已交航空公司，请耐心等待。",
            "Прибыло в место международного обмена, передано таможне для оформления",
            "The parcel has left the export hub and is on its way to the airline. The next update is expected when it \
             arrives in the destination country, which may take several weeks at busy times of the year, so this line \
             is long enough to wrap over several lines of the timeline and test how it flows.",
        ];
        let entries = (0..n)
            .map(|i| TimelineEntry {
                kind: [EntryKind::Status, EntryKind::Status, EntryKind::Message, EntryKind::Evidence][i % 4],
                date: format!("{} Nov 2026", 1 + i % 28),
                head: format!("10:{:02} · In transit{}", i % 60, if i % 3 == 0 { " · Shenzhen" } else { "" }),
                stage: (i % 4 < 2).then_some(Stage::InTransit),
                text: format!("{} #{i}", texts[i % texts.len()]),
                gap: [None, Some(1), Some(2), Some(9), Some(45)][i % 5].map(|days| Gap {
                    days,
                    label: format!("{days} days"),
                    over: days > 30,
                }),
            })
            .collect();
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        Dossier {
            lang: "en".into(),
            title: "Dispute dossier: AliExpress order 1".into(),
            footer: "order 1".into(),
            prepared: "Prepared on 24 Nov 2026 with dossier test".into(),
            tool: "dossier test".into(),
            summary: Summary {
                facts: vec![("Item".into(), "USB hub".into())],
                tracking: vec![],
                protection: "Protection ends 2026-11-29".into(),
                chart: Chart {
                    from: day(1),
                    to: day(29),
                    marks: vec![(day(2), "accepted".into(), Some(Stage::Accepted))],
                    silence: Some((day(3), day(24), "21 days without movement".into(), false)),
                    today: (day(24), "today 24 Nov".into()),
                    protection: Some((day(29), "protection ends 29 Nov".into())),
                    ticks: vec![(day(1), "1 Nov".into()), (day(15), "15 Nov".into())],
                },
                description: "Silent since October.".into(),
                request: "The buyer asks for a full refund.".into(),
            },
            flags: vec![],
            timeline: Timeline { note: None, entries },
            correspondence: vec![Letter { head: "6 Nov 2026 · from the buyer".into(), text: texts[3].into() }],
            evidence: vec![],
            integrity: Integrity {
                how_to_check: vec!["sha256sum FILE".into()],
                files: vec![],
                not_attached: vec![],
                log: "Event log".into(),
            },
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
        for entry in &d.timeline.entries {
            let want: String = entry.text.split_whitespace().collect();
            assert!(squashed.contains(&want), "lost: {}", entry.text);
        }
    }

    #[test]
    fn long_order_and_tracking_numbers_stay_inside_the_margins() {
        let fonts = Fonts::load();
        let mut d = long_case(2);
        let number = "PO-211-08374619238471923";
        d.title = format!("Dispute dossier: Temu order {number}");
        d.summary.facts.push(("Order number".into(), number.into()));
        d.summary.tracking = ["RS482150773CN", "LP00512345678901234567", "YT2512345678901234"]
            .iter()
            .map(|n| {
                (
                    "Tracking number".to_string(),
                    format!("{n} (international postal number (UPU S10), check digit correct)"),
                )
            })
            .collect();
        d.footer = format!("Temu order {number}");
        let layout = lay_out(&d, &fonts, &[]);
        let page = &layout.pages[0];
        let boxes = text_boxes(&fonts, page);
        for b in &boxes {
            assert!(b.0 >= MARGIN - 0.5 && b.1 <= PAGE_W - MARGIN + 0.5, "{b:?} outside the margins");
        }
        let all: String = boxes.iter().map(|b| b.4).collect();
        for whole in [number, "RS482150773CN", "LP00512345678901234567", "YT2512345678901234"] {
            assert!(all.contains(whole), "{whole} is not whole on page 1");
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
            Shown::Listed("The image could not be decoded.".into()),
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
