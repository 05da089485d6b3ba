//! Turns a [`Layout`] into PDF bytes. The only code that knows printpdf.
//!
//! Fonts are subset to the characters the pages use before they are embedded (allsorts),
//! so a text-only dossier stays small even with a CJK face bundled. Everything is added in
//! a fixed order on one thread and the dates come from `--now`: the same input gives the
//! same bytes.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, DictItem, ExternalStream, ExternalXObject, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Px, Rgb, TextItem,
    TextMatrix, WindingOrder, XObjectId, XObjectTransform,
};

use super::fonts::FontKind;
use super::images::Picture;
use super::layout::{Item, Layout, PAGE_H};
use crate::error::{Error, Result};

/// Document metadata.
pub struct Meta<'a> {
    /// Title.
    pub title: &'a str,
    /// Subject line.
    pub subject: &'a str,
    /// Creation date, seconds since the epoch (from `--now`).
    pub created: i64,
    /// "dossier VERSION".
    pub creator: &'a str,
}

/// A face cut down to `chars` (plus .notdef), parsed for printpdf.
fn subset(kind: FontKind, chars: &BTreeSet<char>) -> Result<ParsedFont> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let (bytes, index) = kind.bytes();
    let failed = |what: &str| Error::internal(format!("the bundled font {kind:?} could not be {what}"));
    let face = ttf_parser::Face::parse(bytes, index).map_err(|_| failed("read"))?;
    let mut ids: Vec<u16> = chars.iter().filter_map(|c| face.glyph_index(*c)).map(|g| g.0).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.retain(|g| *g != 0);
    ids.insert(0, 0);
    let scope = ReadScope::new(bytes);
    let data = scope.read::<FontData<'_>>().map_err(|_| failed("read"))?;
    let provider = data.table_provider(index as usize).map_err(|_| failed("read"))?;
    let cut = allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|_| failed("subset"))?;
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(&cut, 0, &mut warnings).ok_or_else(|| failed("parsed after subsetting"))
}

fn color((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_H - y) }, bezier: false }
}

/// A filled circle: four cubic Bézier quarters.
fn circle(x: f32, y: f32, r: f32) -> Polygon {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    let (cx, cy) = (x, y);
    let p = |x: f32, y: f32, bezier: bool| LinePoint { p: Point { x: Pt(x), y: Pt(PAGE_H - y) }, bezier };
    let points = vec![
        p(cx + r, cy, false),
        p(cx + r, cy + k, true),
        p(cx + k, cy + r, true),
        p(cx, cy + r, false),
        p(cx - k, cy + r, true),
        p(cx - r, cy + k, true),
        p(cx - r, cy, false),
        p(cx - r, cy - k, true),
        p(cx - k, cy - r, true),
        p(cx, cy - r, false),
        p(cx + k, cy - r, true),
        p(cx + r, cy - k, true),
        p(cx + r, cy, false),
    ];
    Polygon { rings: vec![PolygonRing { points }], mode: PaintMode::Fill, winding_order: WindingOrder::NonZero }
}

/// A `DCTDecode` image XObject holding `bytes` as they are.
fn jpeg_xobject(bytes: &[u8], width: u32, height: u32, gray: bool) -> ExternalXObject {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(width))),
        ("Height".to_string(), DictItem::Int(i64::from(height))),
        ("ColorSpace".to_string(), name(if gray { "DeviceGray" } else { "DeviceRGB" })),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
        ("Filter".to_string(), name("DCTDecode")),
    ]);
    ExternalXObject {
        stream: ExternalStream { dict, content: bytes.to_vec(), compress: false },
        width: Some(Px(width as usize)),
        height: Some(Px(height as usize)),
        dpi: None,
    }
}

/// An original file embedded in the PDF (SPEC §7): its exact bytes under its name, with its
/// SHA-256 in the description.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The name a reader shows and extracts it under.
    pub name: String,
    /// "E3 · SHA-256 …".
    pub description: String,
    /// The media type.
    pub media_type: String,
    /// The exact bytes.
    pub bytes: Vec<u8>,
}

/// A PDF text string: plain when ASCII, else UTF-16BE with its byte-order mark.
fn text_string(text: &str) -> lopdf::Object {
    if text.is_ascii() {
        return lopdf::Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Adds `files` to the document's EmbeddedFiles name tree, in the order given (the tree's
/// keys are numbered, so they sort in that order). Already-compressed formats are stored
/// as they are; text is deflated.
fn attach(doc: &mut lopdf::Document, files: &[Attachment]) -> Result<()> {
    use lopdf::{Dictionary, Object, Stream};
    let mut names = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let mut params = Dictionary::new();
        params.set("Size", Object::Integer(file.bytes.len() as i64));
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
        dict.set("Subtype", Object::Name(file.media_type.as_bytes().to_vec()));
        dict.set("Params", Object::Dictionary(params));
        let packed = file.media_type.starts_with("image/jpeg")
            || file.media_type.starts_with("image/png")
            || file.media_type.starts_with("image/webp")
            || file.media_type.starts_with("video/")
            || file.media_type == "application/pdf"
            || file.media_type == "application/zip";
        let mut stream = Stream::new(dict, file.bytes.clone()).with_compression(!packed);
        if !packed {
            let _ = stream.compress();
        }
        let stream = doc.add_object(stream);
        let mut ef = Dictionary::new();
        ef.set("F", Object::Reference(stream));
        ef.set("UF", Object::Reference(stream));
        let mut spec = Dictionary::new();
        spec.set("Type", Object::Name(b"Filespec".to_vec()));
        spec.set("F", text_string(&file.name));
        spec.set("UF", text_string(&file.name));
        spec.set("Desc", text_string(&file.description));
        spec.set("EF", Object::Dictionary(ef));
        spec.set("AFRelationship", Object::Name(b"Source".to_vec()));
        let spec = doc.add_object(spec);
        names.push(Object::string_literal(format!("{i:05}")));
        names.push(Object::Reference(spec));
    }
    let mut tree = Dictionary::new();
    tree.set("Names", Object::Array(names));
    let mut dict = Dictionary::new();
    dict.set("EmbeddedFiles", Object::Dictionary(tree));
    let catalog = doc.catalog_mut().map_err(|e| Error::internal(format!("PDF catalog: {e}")))?;
    catalog.set("Names", Object::Dictionary(dict));
    Ok(())
}

/// Renders the pages, bookmarks and metadata, and embeds `attachments`. `pictures[i]` is the
/// image of evidence item `i`; an image item without a picture is left blank (used to
/// measure the text alone).
pub fn render(layout: &Layout, meta: &Meta<'_>, pictures: &[Picture], attachments: &[Attachment]) -> Result<Vec<u8>> {
    let mut used: BTreeMap<FontKind, BTreeSet<char>> = BTreeMap::new();
    for item in layout.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text { font, text, .. } = item {
            used.entry(*font).or_default().extend(text.chars());
        }
    }
    let mut doc = PdfDocument::new(meta.title);
    let mut ids: BTreeMap<FontKind, FontId> = BTreeMap::new();
    for kind in FontKind::ALL {
        if let Some(chars) = used.get(&kind) {
            ids.insert(kind, doc.add_font(&subset(kind, chars)?));
        }
    }
    let drawn: BTreeSet<usize> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| if let Item::Image { index, .. } = item { Some(*index) } else { None })
        .collect();
    let mut images: BTreeMap<usize, XObjectId> = BTreeMap::new();
    for index in drawn {
        if let Some(Picture::Jpeg { bytes, width, height, gray, .. }) = pictures.get(index) {
            images.insert(index, doc.add_xobject(&jpeg_xobject(bytes, *width, *height, *gray)));
        }
    }
    let pages = layout
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            for item in &page.items {
                match item {
                    Item::Text { x, y, size, font, color: c, text } => {
                        let Some(id) = ids.get(font) else { continue };
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFillColor { col: color(*c) });
                        ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(*size) });
                        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(PAGE_H - *y)) });
                        ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                        ops.push(Op::EndTextSection);
                    }
                    Item::Line { x1, y1, x2, y2, width, color: c } => {
                        ops.push(Op::SetOutlineColor { col: color(*c) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        ops.push(Op::DrawLine {
                            line: Line { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false },
                        });
                    }
                    Item::Dot { x, y, r, color: c } => {
                        ops.push(Op::SetFillColor { col: color(*c) });
                        ops.push(Op::DrawPolygon { polygon: circle(*x, *y, *r) });
                    }
                    Item::Image { x, y, w, h, index } => {
                        let Some(id) = images.get(index) else { continue };
                        let transform = XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(PAGE_H - *y - *h)),
                            scale_x: Some(*w),
                            scale_y: Some(*h),
                            no_auto_scale: true,
                            ..XObjectTransform::default()
                        };
                        ops.push(Op::UseXobject { id: id.clone(), transform });
                    }
                }
            }
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    doc.with_pages(pages);
    for (title, page) in &layout.sections {
        doc.add_bookmark(title, *page);
    }
    let created = printpdf::OffsetDateTime::from_unix_timestamp(meta.created)
        .map_err(|e| Error::internal(format!("creation date: {e}")))?;
    let info = &mut doc.metadata.info;
    info.subject = meta.subject.to_string();
    info.creator = meta.creator.to_string();
    info.producer = meta.creator.to_string();
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    let mut warnings = Vec::new();
    let options = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    if attachments.is_empty() {
        return Ok(doc.save(&options, &mut warnings));
    }
    // What `save` does, with the attachments added between building and writing.
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    if options.optimize {
        pdf.compress();
    }
    attach(&mut pdf, attachments)?;
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|e| Error::internal(format!("writing the PDF: {e}")))?;
    Ok(bytes)
}
