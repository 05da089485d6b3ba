//! The dispute dossier (SPEC §7): [`model::assemble`] turns a case and its judgement into a
//! plain [`Dossier`] (no I/O), [`images::prepare`] makes its evidence images ready (reads
//! blobs and the cache), [`layout::lay_out`] places everything on A4 pages, and
//! [`render::render`] — the only code that knows printpdf — writes the PDF. [`build_pdf`]
//! walks the image steps until the PDF fits the size budget.

pub mod fonts;
pub mod images;
pub mod layout;
pub mod model;
pub mod render;
pub mod words;

use std::path::{Path, PathBuf};

pub use model::{Dossier, Show, assemble};

use crate::error::{Error, Result};
use images::{Picture, STEPS, Source, Step};
use layout::Shown;
use words::{Label, NotAttached};

/// How one evidence item enters the PDF.
#[derive(Debug, Clone)]
pub enum Input {
    /// An image file to show.
    Image(Source),
    /// A text file to set in the page.
    Text(String),
    /// Listed only; the remark says why (empty when the item's remarks say it).
    Listed(String),
}

/// An evidence original that may be attached to the PDF.
#[derive(Debug, Clone)]
pub struct Original {
    /// Where its bytes are (the blob).
    pub path: PathBuf,
    /// Why it is not attached whatever the size, if so.
    pub withheld: Option<NotAttached>,
}

/// A finished PDF.
#[derive(Debug)]
pub struct Pdf {
    /// The file.
    pub bytes: Vec<u8>,
    /// Its page count.
    pub pages: usize,
    /// The image step it was made at (None: no image in it).
    pub step: Option<Step>,
    /// Images drawn.
    pub images: usize,
    /// Of those, JPEG originals embedded unchanged.
    pub originals: usize,
    /// Evidence references whose original file is attached.
    pub attached: Vec<String>,
    /// Evidence references whose original is not attached.
    pub not_attached: Vec<String>,
}

/// About this many bytes of PDF objects per attachment besides its content.
const ATTACHMENT_OVERHEAD: usize = 600;

/// Builds the PDF of `dossier`, whose evidence items enter as `inputs` and `originals`
/// (same order), no larger than `max_size` bytes. `created` (seconds since the epoch) is
/// its creation date; `cache` the data home's cache directory; `progress` is told of each
/// image prepared.
///
/// Policy under `max_size`: the document and its images come first (images are scaled
/// down step by step until it fits); then the original files are attached, smallest first,
/// while the whole PDF still fits. What is not attached is said in the evidence card and in
/// the integrity appendix.
pub fn build_pdf(
    dossier: &Dossier,
    inputs: &[Input],
    originals: &[Original],
    created: i64,
    max_size: u64,
    cache: Option<&Path>,
    progress: &(dyn Fn() + Sync),
) -> Result<Pdf> {
    let fonts = fonts::Fonts::load();
    let w = words::of(&dossier.lang);
    let meta = render::Meta { title: &dossier.title, subject: &dossier.footer, created, creator: &dossier.tool };
    // The dossier with its remarks when the originals in `attached` are attached.
    let remarked = |attached: &[bool]| {
        let mut d = dossier.clone();
        let limit = fits_size(max_size);
        let names = attachment_names(dossier);
        for (i, e) in d.evidence.iter_mut().enumerate() {
            let on = attached.get(i).copied().unwrap_or(false);
            if e.show == Show::Listed
                && !matches!(originals.get(i).and_then(|o| o.withheld), Some(NotAttached::LeftOut))
            {
                e.remarks.push(w.not_shown(&e.media_type, on));
            } else if on {
                e.remarks.push(w.attached_as(&names[i]));
            }
            if !on {
                let why = originals.get(i).and_then(|o| o.withheld).unwrap_or(NotAttached::SizeLimit);
                d.integrity.not_attached.push(format!(
                    "{} · {} · {}",
                    e.reference,
                    e.file_name,
                    w.not_attached(why, &limit)
                ));
            }
        }
        d
    };
    let all: Vec<bool> = originals.iter().map(|o| o.withheld.is_none()).collect();
    let drafted = remarked(&all);
    let (at, sources): (Vec<usize>, Vec<Source>) = inputs
        .iter()
        .enumerate()
        .filter_map(|(i, input)| if let Input::Image(s) = input { Some((i, s.clone())) } else { None })
        .unzip();
    let prepare = |step: Step| -> Vec<Picture> {
        let mut pictures = vec![Picture::Unreadable(String::new()); inputs.len()];
        for (i, picture) in at.iter().zip(images::prepare(&sources, step, cache, progress)) {
            pictures[*i] = picture;
        }
        pictures
    };
    // How each item appears follows from its picture: a file that only fails at a lower
    // step (it cannot be decoded after all) is re-laid out as listed, never left as an
    // empty frame.
    let shown_of = |pictures: &[Picture]| -> Vec<Shown> {
        inputs
            .iter()
            .zip(pictures)
            .map(|(input, picture)| match (input, picture) {
                (Input::Listed(remark), _) => Shown::Listed(remark.clone()),
                (Input::Text(text), _) => Shown::Text(text.clone()),
                (Input::Image(_), Picture::Jpeg { upright: (width, height), .. }) => {
                    Shown::Image { width: *width, height: *height }
                }
                (Input::Image(_), Picture::Unreadable(_)) => Shown::Listed(w.label(Label::Unreadable).to_string()),
            })
            .collect()
    };
    let drawn = |shown: &[Shown]| shown.iter().filter(|s| matches!(s, Shown::Image { .. })).count();
    // 1. The document with its images, fitted to the budget as if every original were
    //    attached (their remarks are nearly the same length either way).
    let mut pictures =
        if at.is_empty() { vec![Picture::Unreadable(String::new()); inputs.len()] } else { prepare(STEPS[0]) };
    let mut shown = shown_of(&pictures);
    let layout = layout::lay_out(&drafted, &fonts, &shown);
    let text_only = render::render(&layout, &meta, &[], &[])?.len();
    if text_only as u64 > max_size {
        return Err(fits_error(text_only as u64, max_size, text_only, &[]));
    }
    let (mut step, mut document) = (None, text_only);
    if drawn(&shown) > 0 {
        // About 400 bytes of PDF objects per drawn image besides its JPEG.
        let total = |pictures: &[Picture]| {
            text_only + pictures.iter().filter(|p| p.size() > 0).map(|p| p.size() + 400).sum::<usize>()
        };
        let first = total(&pictures);
        let mut k = 0;
        loop {
            if total(&pictures) as u64 <= max_size || k + 1 == STEPS.len() {
                shown = shown_of(&pictures);
                let layout = layout::lay_out(&drafted, &fonts, &shown);
                let bytes = render::render(&layout, &meta, &pictures, &[])?;
                if bytes.len() as u64 <= max_size {
                    (step, document) = (Some(STEPS[k]), bytes.len());
                    break;
                }
                if k + 1 == STEPS.len() {
                    let sizes: Vec<(String, usize)> =
                        dossier.evidence.iter().zip(&pictures).map(|(e, p)| (e.reference.clone(), p.size())).collect();
                    fits(&bytes, max_size, text_only, &sizes)?;
                }
            }
            // Skip the steps that cannot fit by the first step's sizes, so a tight budget
            // costs two or three passes over the images, not six.
            k = (k + 1..STEPS.len())
                .find(|&j| (text_only as f64 + (first - text_only) as f64 * STEPS[j].share()) as u64 <= max_size)
                .unwrap_or(STEPS.len() - 1)
                .max(k + 1);
            pictures = prepare(STEPS[k]);
        }
    }
    // 2. The originals, smallest first, while the whole PDF fits; a last check drops the
    //    largest attached one until it does (the remarks' lengths differ a little).
    let mut order: Vec<usize> = (0..originals.len()).filter(|&i| originals[i].withheld.is_none()).collect();
    order.sort_by_key(|&i| (dossier.evidence[i].size, i));
    let mut attached = vec![false; originals.len()];
    let mut used = document + 2_000;
    for &i in &order {
        let cost = dossier.evidence[i].size as usize + ATTACHMENT_OVERHEAD + 2 * dossier.evidence[i].file_name.len();
        if (used + cost) as u64 <= max_size {
            used += cost;
            attached[i] = true;
        }
    }
    let names = attachment_names(dossier);
    loop {
        let final_dossier = remarked(&attached);
        let layout = layout::lay_out(&final_dossier, &fonts, &shown);
        let mut files = Vec::new();
        for (i, on) in attached.iter().enumerate() {
            if *on {
                let e = &dossier.evidence[i];
                let bytes = std::fs::read(&originals[i].path)
                    .map_err(|source| Error::Io { path: originals[i].path.clone(), source })?;
                files.push(render::Attachment {
                    name: names[i].clone(),
                    description: format!("{} · SHA-256 {}", e.reference, e.sha256),
                    media_type: e.media_type.clone(),
                    bytes,
                });
            }
        }
        let bytes = render::render(&layout, &meta, &pictures, &files)?;
        if bytes.len() as u64 <= max_size || files.is_empty() {
            fits(&bytes, max_size, text_only, &[])?;
            let reference = |i: usize| dossier.evidence[i].reference.clone();
            let originals_kept = pictures.iter().filter(|p| matches!(p, Picture::Jpeg { original: true, .. })).count();
            return Ok(Pdf {
                pages: layout.pages.len(),
                bytes,
                step,
                images: drawn(&shown),
                originals: originals_kept,
                attached: (0..attached.len()).filter(|&i| attached[i]).map(reference).collect(),
                not_attached: (0..attached.len()).filter(|&i| !attached[i]).map(reference).collect(),
            });
        }
        if let Some(&largest) = order.iter().rev().find(|&&i| attached[i]) {
            attached[largest] = false;
        }
    }
}

/// The names the originals are attached under: their own, or "E3 name" when two share one.
fn attachment_names(dossier: &Dossier) -> Vec<String> {
    let names: Vec<&str> = dossier.evidence.iter().map(|e| e.file_name.as_str()).collect();
    dossier
        .evidence
        .iter()
        .map(|e| {
            if names.iter().filter(|n| **n == e.file_name).count() > 1 {
                format!("{} {}", e.reference, e.file_name)
            } else {
                e.file_name.clone()
            }
        })
        .collect()
}

/// A size limit as people write it: "8 MB", "500 KB".
fn fits_size(max_size: u64) -> String {
    if max_size >= 1_000_000 {
        format!("{} MB", (max_size as f64 / 1e5).round() / 10.0)
    } else {
        format!("{} KB", max_size.div_ceil(1000))
    }
}

/// Ok when `bytes` fits `max_size`; otherwise the error that says what to leave out, given
/// the size of the text alone and each evidence item's image size at the lowest step.
fn fits(bytes: &[u8], max_size: u64, text_only: usize, sizes: &[(String, usize)]) -> Result<()> {
    let size = bytes.len() as u64;
    if size <= max_size {
        return Ok(());
    }
    Err(fits_error(size, max_size, text_only, sizes))
}

/// The error for a PDF of `size` bytes over `max_size`; see [`fits`].
fn fits_error(size: u64, max_size: u64, text_only: usize, sizes: &[(String, usize)]) -> Error {
    // Rounded up, so a suggested --max-size is never below the size it stands for.
    let mb = |b: u64| format!("{:.1} MB", (b as f64 / 1e5).ceil() / 10.0);
    let kb = |b: u64| if b >= 1_000_000 { mb(b) } else { format!("{} KB", b.div_ceil(1000)) };
    if text_only as u64 > max_size || sizes.iter().all(|(_, s)| *s == 0) {
        return Error::invalid(
            format!("the dossier is {} without any image, over --max-size {}", kb(text_only as u64), kb(max_size)),
            format!("raise --max-size to at least {}", kb(size)),
        );
    }
    let mut by_size: Vec<&(String, usize)> = sizes.iter().filter(|(_, s)| *s > 0).collect();
    by_size.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (mut over, mut drop) = (size - max_size, Vec::new());
    for (reference, bytes) in by_size {
        if over == 0 {
            break;
        }
        drop.push(reference.as_str());
        over = over.saturating_sub(*bytes as u64 + 400);
    }
    let drop = match drop.len() {
        1 => format!(
            "leave the largest image out of the PDF with --leave-out {} (it stays listed with its hash)",
            drop[0]
        ),
        n => format!(
            "leave the {n} largest images out of the PDF, one --leave-out each: {} (they stay listed with their hashes)",
            drop.join(", ")
        ),
    };
    Error::invalid(
        format!(
            "the dossier is {} even with its images at the lowest quality, over --max-size {}",
            kb(size),
            kb(max_size)
        ),
        format!("{drop}, or raise --max-size to {}", kb(size)),
    )
}

#[cfg(test)]
mod tests {
    use super::fits_error;

    #[test]
    fn the_suggested_size_is_rounded_up_and_names_the_largest_images() {
        let sizes = [("E1".to_string(), 300_000), ("E2".to_string(), 900_000), ("E3".to_string(), 100)];
        let error = fits_error(1_210_000, 1_000_000, 50_000, &sizes);
        let hint = error.hint().unwrap_or_default();
        assert!(hint.contains("--leave-out E2 (it stays listed"), "{hint}");
        assert!(hint.contains("raise --max-size to 1.3 MB"), "{hint}");
        assert!(
            error.to_string().contains("is 1.3 MB even with its images at the lowest quality, over --max-size 1.0 MB"),
            "{error}"
        );
        let error = fits_error(1_210_000, 1_000, 50_000, &sizes);
        assert!(error.to_string().contains("50 KB without any image"), "{error}");
    }
}
