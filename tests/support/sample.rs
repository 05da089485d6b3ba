//! Synthetic phone screenshots for tests and benchmarks: what a buyer attaches (tracking
//! pages, seller chats, order pages), drawn at iPhone size with real anti-aliased text in the
//! bundled fonts, flat UI blocks and a photo-like product area (smooth shading with sensor
//! noise). They compress like real screenshots: neither flat colour nor pure noise.
//!
//! Deterministic: the same `seed` gives the same pixels. `cargo run --release --example
//! screenshots -- DIR 40` writes a set of them as PNG files.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgb, RgbImage};

use dossier::pdf::fonts::FontKind;

/// Width of an iPhone 12–15 screenshot.
pub const WIDTH: u32 = 1170;
/// Height of an iPhone 12–15 screenshot.
pub const HEIGHT: u32 = 2532;

const LINES: &[&str] = &[
    "Departed from departure country/region",
    "Hand over to airline",
    "Export customs clearance complete",
    "Arrived at sorting center",
    "Received by logistics company",
    "Your parcel is on the way. Please wait a little longer.",
    "Hello. My order has had no tracking update for 5 weeks.",
    "Buyer protection ends in 7 days. Please extend it.",
    "Dear friend, thank you for your patience.",
    "Delivery is slow now because there are many orders.",
    "Принято в отделении связи",
    "Покинуло место международного обмена",
    "已离开始发国/地区",
    "运输中 包裹已到达分拣中心",
    "Order number 8123456789012345 · Tracking RS473102580CN",
    "USB-C hub 7-in-1 (HDMI 4K, USB 3.0, SD/TF), grey · US $23.48",
    "Open dispute · Track order · Confirm receipt",
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.next() % u64::from(n.max(1))) as u32
    }
}

/// Size in pixels, weight and colour of a run of text.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    color: [u8; 3],
}

struct Pen<'f> {
    latin: FontRef<'f>,
    bold: FontRef<'f>,
    cjk: FontRef<'f>,
}

impl Pen<'static> {
    fn new() -> Option<Self> {
        let face = |kind: FontKind| {
            let (bytes, index) = kind.bytes();
            FontRef::try_from_slice_and_index(bytes, index).ok()
        };
        Some(Pen { latin: face(FontKind::Regular)?, bold: face(FontKind::Bold)?, cjk: face(FontKind::Cjk)? })
    }

    /// Draws `text` with its baseline at `y`, clipped at `max_x`; falls back to the CJK face
    /// per character.
    fn text(&self, img: &mut RgbImage, (x, y): (f32, f32), style: Style, text: &str, max_x: f32) {
        let Style { size, bold, color } = style;
        let main = if bold { &self.bold } else { &self.latin };
        let mut cursor = x;
        for c in text.chars() {
            let font = if main.glyph_id(c).0 == 0 { &self.cjk } else { main };
            let scaled = font.as_scaled(PxScale::from(size));
            let id = font.glyph_id(c);
            let advance = scaled.h_advance(id);
            if cursor + advance > max_x {
                break;
            }
            let glyph = id.with_scale_and_position(size, point(cursor, y));
            if let Some(outline) = font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|gx, gy, coverage| {
                    let (px, py) = (bounds.min.x as i64 + i64::from(gx), bounds.min.y as i64 + i64::from(gy));
                    if px < 0 || py < 0 || px >= i64::from(img.width()) || py >= i64::from(img.height()) {
                        return;
                    }
                    let under = img.get_pixel_mut(px as u32, py as u32);
                    for k in 0..3 {
                        let a = coverage.clamp(0.0, 1.0);
                        under[k] = (f32::from(under[k]) * (1.0 - a) + f32::from(color[k]) * a) as u8;
                    }
                });
            }
            cursor += advance;
        }
    }
}

fn fill(img: &mut RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, color: [u8; 3]) {
    for y in y0..y1.min(img.height()) {
        for x in x0..x1.min(img.width()) {
            img.put_pixel(x, y, Rgb(color));
        }
    }
}

/// A product photo: two-colour shading, soft light blobs and per-pixel sensor noise.
fn photo(img: &mut RgbImage, rng: &mut Rng, x0: u32, y0: u32, x1: u32, y1: u32) {
    let a = [rng.below(200) as f32 + 30.0, rng.below(200) as f32 + 30.0, rng.below(200) as f32 + 30.0];
    let b = [rng.below(200) as f32 + 30.0, rng.below(200) as f32 + 30.0, rng.below(200) as f32 + 30.0];
    let (cx, cy) = (x0 + rng.below(x1 - x0), y0 + rng.below(y1 - y0));
    let radius = 150.0 + rng.below(250) as f32;
    let mut noise = rng.next();
    for y in y0..y1.min(img.height()) {
        for x in x0..x1.min(img.width()) {
            let t = (y - y0) as f32 / (y1 - y0) as f32;
            let (dx, dy) = (x as f32 - cx as f32, y as f32 - cy as f32);
            let light = (1.0 - (dx * dx + dy * dy).sqrt() / radius).max(0.0) * 70.0;
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            let grain = (noise % 13) as f32 - 6.0;
            let mut px = [0u8; 3];
            for k in 0..3 {
                px[k] = (a[k] * (1.0 - t) + b[k] * t + light + grain).clamp(0.0, 255.0) as u8;
            }
            img.put_pixel(x, y, Rgb(px));
        }
    }
}

/// Screenshot number `seed`: a tracking page, a seller chat or an order page.
pub fn screenshot(seed: u64) -> RgbImage {
    let mut rng = Rng(seed.wrapping_mul(7919).wrapping_add(17));
    let (w, h) = (WIDTH, HEIGHT);
    let background = [242, 242, 245];
    let mut img = RgbImage::from_pixel(w, h, Rgb(background));
    let Some(pen) = Pen::new() else { return img };
    let accent = [[255, 94, 20], [230, 40, 50], [20, 110, 230], [30, 150, 90]][rng.below(4) as usize];
    let wf = w as f32;
    // status bar and header
    fill(&mut img, 0, 0, w, 140, [255, 255, 255]);
    let clock = format!("{:02}:{:02}", 8 + rng.below(12), rng.below(60));
    pen.text(&mut img, (80.0, 100.0), Style { size: 48.0, bold: true, color: [20, 20, 20] }, &clock, wf);
    fill(&mut img, w - 160, 60, w - 70, 100, [40, 40, 40]);
    fill(&mut img, 0, 140, w, 330, accent);
    let titles = ["Order details", "Tracking", "Chat with seller", "物流详情", "Отслеживание"];
    let title = titles[rng.below(titles.len() as u32) as usize];
    pen.text(&mut img, (90.0, 260.0), Style { size: 64.0, bold: true, color: [255, 255, 255] }, title, wf - 60.0);
    // photo-like product area
    let photo_h = 500 + rng.below(400);
    photo(&mut img, &mut rng, 60, 380, w - 60, 380 + photo_h);
    // cards of text
    let mut y = 380 + photo_h + 50;
    while y + 400 < h - 260 {
        let lines = 3 + rng.below(5);
        let card_h = 70 + lines * 70;
        fill(&mut img, 40, y, w - 40, y + card_h, [255, 255, 255]);
        fill(&mut img, 80, y + 50, 110, y + 80, accent);
        for i in 0..lines {
            let text = LINES[rng.below(LINES.len() as u32) as usize];
            let style = if i == 0 {
                Style { size: 46.0, bold: true, color: [25, 25, 25] }
            } else {
                Style { size: 40.0, bold: false, color: [90, 90, 95] }
            };
            pen.text(&mut img, (140.0, (y + 90 + i * 70) as f32), style, text, wf - 70.0);
        }
        y += card_h + 40;
    }
    // bottom buttons
    fill(&mut img, 0, h - 240, w, h, [255, 255, 255]);
    for (i, label) in ["Track order", "Open dispute"].iter().enumerate() {
        let x0 = 60 + i as u32 * 540;
        fill(&mut img, x0, h - 200, x0 + 500, h - 80, if i == 1 { accent } else { [225, 225, 230] });
        let color = if i == 1 { [255, 255, 255] } else { [30, 30, 30] };
        let style = Style { size: 44.0, bold: true, color };
        pen.text(&mut img, (x0 as f32 + 90.0, (h - 122) as f32), style, label, (x0 + 490) as f32);
    }
    img
}
