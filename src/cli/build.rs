//! `dossier build`: the PDF dispute dossier of one order.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::Ctx;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::home::Home;
use crate::model::Order;
use crate::{files, judge, pdf};

/// `build` arguments.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Local id, platform order number or tracking number
    order: String,
    /// Where to write the PDF, a file or a directory (default: dossier-ORDERNUMBER.pdf here)
    #[arg(short, long, value_name = "FILE.pdf")]
    output: Option<PathBuf>,
    /// The largest PDF to write, e.g. 8MB, 500KB
    #[arg(long, value_name = "SIZE", default_value = "8MB", value_parser = parse_size)]
    max_size: u64,
    /// Language of the document: en (English), ru (Russian) or zh (Chinese) [default: config
    /// dossier.lang, else en]
    #[arg(long, value_parser = pdf::words::LANGUAGES)]
    lang: Option<String>,
    /// Attach no original files to the PDF (images and texts are still shown)
    #[arg(long)]
    no_attachments: bool,
    /// Leave this evidence file's image out of the PDF (it stays listed with its hash), e.g. E4
    #[arg(long, value_name = "REF")]
    leave_out: Vec<String>,
}

/// Reads `8MB`, `500KB`, `3mb`, `1200000B`; MB and KB are decimal (10^6, 10^3). A number
/// without a unit is refused: `3` meant as megabytes would silently become three bytes.
fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim().to_ascii_uppercase();
    let Some(i) = t.find(|c: char| !c.is_ascii_digit() && c != '.') else {
        return Err(format!("'{text}' has no unit: write it like {t}MB, {t}KB or {t}B"));
    };
    let (number, unit) = t.split_at(i);
    let factor = match unit.trim() {
        "B" => 1.0,
        "KB" | "K" => 1e3,
        "MB" | "M" => 1e6,
        "GB" | "G" => 1e9,
        _ => return Err(format!("'{text}' is not a size: write it like 8MB, 500KB or 1200000")),
    };
    let value: f64 = number.parse().map_err(|_| format!("'{text}' is not a size: write it like 8MB or 500KB"))?;
    if value <= 0.0 {
        return Err(format!("'{text}' is not a size above zero"));
    }
    Ok((value * factor) as u64)
}

/// What `build` reports.
#[derive(Debug, Serialize)]
struct Built<'a> {
    path: &'a std::path::Path,
    bytes: usize,
    pages: usize,
    /// Images drawn, and how many of them are JPEG originals embedded unchanged.
    images: usize,
    originals: usize,
    /// Evidence whose original file is attached, and whose is not.
    attached: &'a [String],
    not_attached: &'a [String],
    /// The image step the PDF fits at (null without images).
    image_dpi: Option<f32>,
    image_quality: Option<u8>,
    dossier: &'a pdf::Dossier,
}

/// Runs `build`.
pub fn run(ctx: &Ctx, args: &BuildArgs) -> Result<()> {
    let (path, made, dossier) = write_dossier(ctx, args)?;
    let built = Built {
        path: &path,
        bytes: made.bytes.len(),
        pages: made.pages,
        images: made.images,
        originals: made.originals,
        attached: &made.attached,
        not_attached: &made.not_attached,
        image_dpi: made.step.map(|s| s.dpi),
        image_quality: made.step.map(|s| s.quality),
        dossier: &dossier,
    };
    ctx.out.value(&built, || {
        let size = super::output::human_size(made.bytes.len() as u64);
        let mut text = match made.step {
            Some(step) => format!(
                "wrote {} ({} pages, {size}; {} at {} dpi, JPEG quality {})\n",
                path.display(),
                made.pages,
                super::output::count(made.images, "image", "images"),
                step.dpi,
                step.quality
            ),
            None => format!("wrote {} ({} pages, {size})\n", path.display(), made.pages),
        };
        if !made.attached.is_empty() {
            text.push_str(&format!("attached originals: {}\n", made.attached.join(", ")));
        }
        if !made.not_attached.is_empty() {
            let why = if args.no_attachments { "--no-attachments" } else { "left out, or over --max-size" };
            text.push_str(&format!("not attached ({why}): {}\n", made.not_attached.join(", ")));
        }
        text
    })
}

/// The dossier of `order` with the default settings written to `path` (for `demo`); its
/// page count and size.
pub(super) fn demo_dossier(ctx: &Ctx, order: &str, path: PathBuf) -> Result<(usize, usize)> {
    let args = BuildArgs {
        order: order.to_string(),
        output: Some(path),
        max_size: 8_000_000,
        lang: Some("en".into()),
        no_attachments: false,
        leave_out: Vec::new(),
    };
    let (_, made, _) = write_dossier(ctx, &args)?;
    Ok((made.pages, made.bytes.len()))
}

/// Judges the case, builds its PDF within the budget and writes it; nothing is written
/// when any step fails.
fn write_dossier(ctx: &Ctx, args: &BuildArgs) -> Result<(PathBuf, pdf::Pdf, pdf::Dossier)> {
    let home = ctx.home()?;
    let db = home.read_db()?;
    let order = db.resolve_order(&args.order)?;
    let (made, dossier) = make_dossier(ctx, &home, &db, &order, args, ctx.now)?;
    let safe: String =
        order.number.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let path = files::output_path(args.output.as_deref(), &format!("dossier-{safe}.pdf"));
    files::write_atomically(&path, &made.bytes)?;
    Ok((path, made, dossier))
}

/// The dossier PDF of a case for a bundle: the default settings, no attached originals
/// (the bundle holds them beside it), judged as of the start of today, so that a case
/// exported twice in a day gives the same bytes.
pub(super) fn bundle_dossier(ctx: &Ctx, home: &Home, db: &Db, order: &Order, lang: &str) -> Result<Vec<u8>> {
    let args = BuildArgs {
        order: order.id.to_string(),
        output: None,
        max_size: 8_000_000,
        lang: Some(lang.to_string()),
        no_attachments: true,
        leave_out: Vec::new(),
    };
    let today = ctx.now.date_naive().and_time(chrono::NaiveTime::MIN);
    let start = today.and_local_timezone(*ctx.now.offset()).single().unwrap_or(ctx.now);
    Ok(make_dossier(ctx, home, db, order, &args, start)?.0.bytes)
}

/// The dossier language: `--lang` when given, else `config set dossier.lang`, else English.
pub(super) fn dossier_lang(home: &Home, given: Option<&str>) -> Result<String> {
    match given {
        Some(lang) => Ok(lang.to_string()),
        None => Ok(home.config()?.get("dossier.lang").unwrap_or("en").to_string()),
    }
}

/// Judges the case and builds its PDF within the budget (nothing is written).
fn make_dossier(
    ctx: &Ctx,
    home: &Home,
    db: &Db,
    order: &Order,
    args: &BuildArgs,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(pdf::Pdf, pdf::Dossier)> {
    let rules = home.rules()?;
    let order = order.clone();
    let judged = judge::judge(db, &rules, &order, now)?;
    let case = &judged.case;
    for reference in &args.leave_out {
        if !case.evidence.iter().any(|e| e.reference.eq_ignore_ascii_case(reference)) {
            return Err(Error::UnknownEvidence { order: order.id, reference: reference.clone() });
        }
    }
    let lang = dossier_lang(home, args.lang.as_deref())?;
    let mut dossier = pdf::assemble(&judged, &rules, now, &lang);
    let words = pdf::words::of(&lang);
    let blobs = home.blobs();
    let left_out = |reference: &str| args.leave_out.iter().any(|r| r.eq_ignore_ascii_case(reference));
    let mut inputs = Vec::new();
    let mut originals = Vec::new();
    for (e, item) in case.evidence.iter().zip(dossier.evidence.iter_mut()) {
        let path = blobs.path_of(&e.sha256);
        let withheld = if left_out(&e.reference) {
            Some(pdf::words::NotAttached::LeftOut)
        } else if args.no_attachments {
            Some(pdf::words::NotAttached::Off)
        } else {
            None
        };
        inputs.push(if left_out(&e.reference) {
            item.remarks.push(words.label(pdf::words::Label::LeftOut).to_string());
            pdf::Input::Listed(String::new())
        } else {
            match item.show {
                pdf::Show::Image => {
                    pdf::Input::Image(pdf::images::Source { path: path.clone(), sha256: e.sha256.clone() })
                }
                pdf::Show::Text => {
                    let (text, cut) = read_text(&path)?;
                    if let Some((shown, total)) = cut {
                        item.remarks.push(words.text_cut(shown, total));
                    }
                    pdf::Input::Text(text)
                }
                pdf::Show::Listed => pdf::Input::Listed(String::new()),
            }
        });
        originals.push(pdf::Original { path, withheld });
    }
    let images = inputs.iter().filter(|i| matches!(i, pdf::Input::Image(_))).count() as u64;
    // A count rather than a bar: a tight --max-size makes a second pass at a lower step.
    let bar = ctx.out.bar(images, "{msg} {pos} images");
    bar.message("preparing evidence images:");
    let cache = home.root().join("cache");
    let made = pdf::build_pdf(&dossier, &inputs, &originals, now.timestamp(), args.max_size, Some(&cache), &|| {
        bar.inc();
    })?;
    bar.finish();
    Ok((made, dossier))
}

/// The most lines of a text file set in the PDF; the whole file is the attached original.
const TEXT_LINES: usize = 2_000;
/// The most bytes of a text file read for the PDF.
const TEXT_BYTES: u64 = 400_000;

/// The text of a stored text file for the PDF (invalid UTF-8 shown as U+FFFD), and
/// (shown, total) lines when it was cut.
fn read_text(path: &std::path::Path) -> Result<(String, Option<(usize, usize)>)> {
    use std::io::{BufRead, BufReader};
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let mut reader = BufReader::new(std::fs::File::open(path).map_err(io)?);
    let (mut kept, mut total, mut read) = (Vec::new(), 0usize, 0u64);
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io)?;
        if n == 0 {
            break;
        }
        total += 1;
        read += n as u64;
        if kept.len() < TEXT_LINES && read <= TEXT_BYTES {
            let text = String::from_utf8_lossy(&line);
            kept.push(text.trim_end_matches(['\n', '\r']).to_string());
        }
    }
    let cut = (kept.len() < total).then_some((kept.len(), total));
    Ok((kept.join("\n"), cut))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_read_as_decimal_units_and_refuse_nonsense() {
        assert_eq!(parse_size("8MB"), Ok(8_000_000));
        assert_eq!(parse_size("500kb"), Ok(500_000));
        assert_eq!(parse_size(" 3 M"), Ok(3_000_000));
        assert_eq!(parse_size("1.5MB"), Ok(1_500_000));
        assert_eq!(parse_size("1200000B"), Ok(1_200_000));
        assert!(parse_size("1200000").unwrap_err().contains("has no unit"));
        assert!(parse_size("8 parsecs").unwrap_err().contains("is not a size"));
        assert!(parse_size("0MB").unwrap_err().contains("above zero"));
        assert!(parse_size("MB").is_err());
    }
}
