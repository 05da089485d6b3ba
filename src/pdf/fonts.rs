//! The fonts bundled in the binary and per-character fallback between them.
//!
//! DejaVu Sans (regular and bold; Latin, Cyrillic, Greek; Bitstream Vera licence) is tried
//! first, WenQuanYi Micro Hei (CJK; Apache-2.0) second. Licences are in `src/pdf/fonts/`.
//! A character neither has is written as U+FFFD (DejaVu has it), so nothing is silently
//! dropped from the page.

/// Which face a run of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontKind {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
    /// WenQuanYi Micro Hei (face 0 of the collection).
    Cjk,
}

impl FontKind {
    /// Every face, in a fixed order (resource ids follow it: deterministic output).
    pub const ALL: [FontKind; 3] = [FontKind::Regular, FontKind::Bold, FontKind::Cjk];

    /// The font file and the face index inside it.
    pub fn bytes(self) -> (&'static [u8], u32) {
        match self {
            FontKind::Regular => (include_bytes!("fonts/DejaVuSans.ttf"), 0),
            FontKind::Bold => (include_bytes!("fonts/DejaVuSans-Bold.ttf"), 0),
            FontKind::Cjk => (include_bytes!("fonts/wqy-microhei.ttc"), 0),
        }
    }
}

/// Parsed faces for measuring text.
pub struct Fonts {
    faces: Vec<(FontKind, ttf_parser::Face<'static>)>,
}

impl Fonts {
    /// Parses the bundled faces.
    pub fn load() -> Fonts {
        let faces = FontKind::ALL
            .iter()
            .filter_map(|kind| {
                let (bytes, index) = kind.bytes();
                ttf_parser::Face::parse(bytes, index).ok().map(|face| (*kind, face))
            })
            .collect();
        Fonts { faces }
    }

    fn face(&self, kind: FontKind) -> Option<&ttf_parser::Face<'static>> {
        self.faces.iter().find(|(k, _)| *k == kind).map(|(_, f)| f)
    }

    /// The face that draws `c` when the text asks for `want`, and the character actually
    /// drawn (U+FFFD when no bundled face has a glyph for it).
    pub fn pick(&self, want: FontKind, c: char) -> (FontKind, char) {
        let has = |kind: FontKind, c: char| self.face(kind).and_then(|f| f.glyph_index(c)).is_some();
        if has(want, c) {
            (want, c)
        } else if has(FontKind::Cjk, c) {
            (FontKind::Cjk, c)
        } else {
            (want, '\u{FFFD}')
        }
    }

    /// Advance width of `c` in `kind` at `size` points.
    pub fn advance(&self, kind: FontKind, c: char, size: f32) -> f32 {
        let Some(face) = self.face(kind) else { return size * 0.5 };
        let upem = f32::from(face.units_per_em().max(1));
        face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(size * 0.5, |a| f32::from(a) / upem * size)
    }

    /// Splits `text` into runs of one face each, with the characters to draw.
    pub fn runs(&self, want: FontKind, text: &str) -> Vec<(FontKind, String)> {
        let mut runs: Vec<(FontKind, String)> = Vec::new();
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            let (kind, drawn) = self.pick(want, c);
            match runs.last_mut() {
                Some((k, run)) if *k == kind => run.push(drawn),
                _ => runs.push((kind, drawn.to_string())),
            }
        }
        runs
    }

    /// Width of `text` in points, with fallback.
    pub fn width(&self, want: FontKind, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let (kind, drawn) = self.pick(want, c);
                self.advance(kind, drawn, size)
            })
            .sum()
    }
}
