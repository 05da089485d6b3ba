//! The dispute dossier (SPEC §7): [`model::assemble`] turns a case and its judgement into a
//! plain [`Dossier`] (no I/O), [`layout::lay_out`] places it on A4 pages, and
//! [`render::render`] — the only code that knows printpdf — writes the PDF.

pub mod fonts;
pub mod layout;
pub mod model;
pub mod render;

pub use model::{Dossier, assemble};

use crate::error::Result;

/// The PDF bytes of `dossier` and its page count; `created` (seconds since the epoch) is its
/// creation date.
pub fn build_pdf(dossier: &Dossier, created: i64) -> Result<(Vec<u8>, usize)> {
    let fonts = fonts::Fonts::load();
    let layout = layout::lay_out(dossier, &fonts);
    let subject = format!("Evidence for a buyer-protection dispute about {}", dossier.footer);
    let bytes = render::render(
        &layout,
        &render::Meta { title: &dossier.title, subject: &subject, created, creator: &dossier.tool },
    )?;
    Ok((bytes, layout.pages.len()))
}
