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

use std::path::Path;

pub use model::{Dossier, assemble};

use crate::error::{Error, Result};
use images::{Picture, STEPS, Source, Step};
use layout::Shown;

/// How one evidence item enters the PDF.
#[derive(Debug, Clone)]
pub enum Input {
    /// An image file to show.
    Image(Source),
    /// Listed only, with the reason.
    Listed(String),
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
}

/// Builds the PDF of `dossier`, whose evidence items enter as `inputs` (same order), no
/// larger than `max_size` bytes. `created` (seconds since the epoch) is its creation date;
/// `cache` the data home's cache directory; `progress` is told of each image prepared.
pub fn build_pdf(
    dossier: &Dossier,
    inputs: &[Input],
    created: i64,
    max_size: u64,
    cache: Option<&Path>,
    progress: &(dyn Fn() + Sync),
) -> Result<Pdf> {
    let fonts = fonts::Fonts::load();
    let subject = format!("Evidence for a buyer-protection dispute about {}", dossier.footer);
    let meta = render::Meta { title: &dossier.title, subject: &subject, created, creator: &dossier.tool };
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
                (Input::Listed(reason), _) => Shown::Listed(reason.clone()),
                (Input::Image(_), Picture::Jpeg { upright: (width, height), .. }) => {
                    Shown::Image { width: *width, height: *height }
                }
                (Input::Image(_), Picture::Unreadable(reason)) => Shown::Listed(format!("Not shown: {reason}.")),
            })
            .collect()
    };
    let mut pictures = prepare(STEPS[0]);
    let mut shown = shown_of(&pictures);
    let mut layout = layout::lay_out(dossier, &fonts, &shown);
    let drawn = |shown: &[Shown]| shown.iter().filter(|s| matches!(s, Shown::Image { .. })).count();
    if drawn(&shown) == 0 {
        let bytes = render::render(&layout, &meta, &[])?;
        let pages = layout.pages.len();
        return fits(&bytes, max_size, bytes.len(), &[]).map(|()| Pdf {
            bytes,
            pages,
            step: None,
            images: 0,
            originals: 0,
        });
    }
    let text_only = render::render(&layout, &meta, &[])?.len();
    if text_only as u64 > max_size {
        return Err(fits_error(text_only as u64, max_size, text_only, &[]));
    }
    // About 400 bytes of PDF objects per drawn image besides its JPEG.
    let total = |pictures: &[Picture]| {
        text_only + pictures.iter().filter(|p| p.size() > 0).map(|p| p.size() + 400).sum::<usize>()
    };
    let first = total(&pictures);
    let mut k = 0;
    loop {
        if total(&pictures) as u64 <= max_size || k + 1 == STEPS.len() {
            let now = shown_of(&pictures);
            if now != shown {
                shown = now;
                layout = layout::lay_out(dossier, &fonts, &shown);
            }
            let bytes = render::render(&layout, &meta, &pictures)?;
            if bytes.len() as u64 <= max_size {
                let originals = pictures.iter().filter(|p| matches!(p, Picture::Jpeg { original: true, .. })).count();
                let (pages, images) = (layout.pages.len(), drawn(&shown));
                return Ok(Pdf { bytes, pages, step: Some(STEPS[k]), images, originals });
            }
            if k + 1 == STEPS.len() {
                let sizes: Vec<(String, usize)> =
                    dossier.evidence.iter().zip(&pictures).map(|(e, p)| (e.reference.clone(), p.size())).collect();
                fits(&bytes, max_size, text_only, &sizes)?;
            }
        }
        // Skip the steps that cannot fit by the first step's sizes, so a tight budget costs
        // two or three passes over the images, not six.
        k = (k + 1..STEPS.len())
            .find(|&j| (text_only as f64 + (first - text_only) as f64 * STEPS[j].share()) as u64 <= max_size)
            .unwrap_or(STEPS.len() - 1)
            .max(k + 1);
        pictures = prepare(STEPS[k]);
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
