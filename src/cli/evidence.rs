//! `dossier evidence add|list|remove`.

use std::path::PathBuf;

use clap::Subcommand;

use super::output::{human_size, table_text};
use super::{Ctx, code_parser, trimmed};
use crate::error::Result;
use crate::model::{Evidence, EvidenceKind};
use crate::store::BlobStore;

/// Evidence commands.
#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Attach files: copied into the data home with their SHA-256; originals are not touched
    Add {
        /// Local id, platform order number or tracking number
        order: String,
        /// The files
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// What they show
        #[arg(long, value_parser = code_parser::<EvidenceKind>())]
        kind: EvidenceKind,
        /// A note shown with each file
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// When the screenshot or photo was taken
        #[arg(long, value_name = "WHEN")]
        taken: Option<String>,
        /// Accept a --taken moment after now
        #[arg(long)]
        force: bool,
    },
    /// List an order's evidence with sizes and hashes
    List {
        /// Local id, platform order number or tracking number
        order: String,
    },
    /// Remove evidence from an order (logged as a correction; the stored file stays until
    /// `verify --gc`)
    Remove {
        /// Local id, platform order number or tracking number
        order: String,
        /// The references, e.g. E2 E5
        #[arg(required = true, value_name = "E")]
        references: Vec<String>,
    },
}

/// Runs an evidence command.
pub fn run(ctx: &Ctx, cmd: EvidenceCommand) -> Result<()> {
    match cmd {
        EvidenceCommand::Add { order, files, kind, note, taken, force } => {
            // Validate everything before writing anything.
            let taken = taken.as_deref().map(|t| ctx.past("--taken", t, force)).transpose()?;
            let mut total = 0u64;
            for file in &files {
                total += BlobStore::check_source(file)?;
            }
            let home = ctx.home()?;
            let mut db = home.db()?;
            let order = db.resolve_order(&order)?;
            let store = home.blobs();
            let bar = ctx
                .out
                .bar(total, "{msg:16!} [{bar:24}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec}");
            let mut stored = Vec::with_capacity(files.len());
            let mut done_before = 0u64;
            for file in &files {
                let name =
                    file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
                bar.message(&name);
                let blob = store.ingest(file, &mut |done| bar.set(done_before + done))?;
                done_before += blob.size;
                stored.push(store.describe(&blob, &name));
            }
            bar.finish();
            let attached = db.add_evidence(&order, &stored, kind, trimmed(note.as_deref()), taken, &ctx.stamp())?;
            let mut cannot_show = Vec::new();
            for (file, a) in files.iter().zip(&attached) {
                let e = &a.evidence;
                if !a.duplicate && crate::pdf::Show::of(e) == crate::pdf::Show::Listed {
                    cannot_show.push(format!(
                        "the dossier cannot display {} ({}): it attaches the original file and lists it; {}",
                        e.file_name,
                        e.media_type,
                        viewable_copy(&e.media_type, &e.file_name)
                    ));
                }
                if a.duplicate {
                    ctx.out.note(&format!(
                        "{} has the same content as {} ({}), already on order {}; not attached again",
                        file.display(),
                        a.evidence.reference,
                        a.evidence.file_name,
                        order.id
                    ));
                }
            }
            ctx.out.value(&attached, || {
                let mut text = String::new();
                for a in attached.iter().filter(|a| !a.duplicate) {
                    let e = &a.evidence;
                    text.push_str(&format!(
                        "attached {} to order {}: {} ({}, {}{}) sha256 {}\n",
                        e.reference,
                        order.id,
                        e.file_name,
                        e.media_type,
                        human_size(e.size),
                        pixels(e).map(|p| format!(", {p}")).unwrap_or_default(),
                        e.sha256
                    ));
                }
                text
            })?;
            for note in &cannot_show {
                ctx.out.note(note);
            }
            Ok(())
        }
        EvidenceCommand::Remove { order, references } => {
            let mut db = ctx.home()?.db()?;
            let order = db.resolve_order(&order)?;
            let removed = db.remove_evidence(&order, &references, &ctx.stamp())?;
            ctx.out.value(&removed, || {
                removed
                    .iter()
                    .map(|e| {
                        format!(
                            "removed {} ({}) from order {}; its stored copy stays until `dossier verify --gc`\n",
                            e.reference, e.file_name, order.id
                        )
                    })
                    .collect()
            })
        }
        EvidenceCommand::List { order } => {
            let db = ctx.home()?.read_db()?;
            let order = db.resolve_order(&order)?;
            let evidence = db.list_evidence(&order)?;
            ctx.out.value(&evidence, || {
                if evidence.is_empty() {
                    format!(
                        "order {} has no evidence yet; `dossier evidence add {} FILE --kind KIND` attaches some\n",
                        order.id, order.id
                    )
                } else {
                    evidence_table(ctx, &evidence)
                }
            })
        }
    }
}

/// How to make a copy the dossier can show, for a format it cannot.
fn viewable_copy(media_type: &str, file_name: &str) -> &'static str {
    let name = file_name.to_ascii_lowercase();
    if media_type.contains("heic") || media_type.contains("heif") || name.ends_with(".heic") || name.ends_with(".heif")
    {
        "for a page the reviewer sees, export the photo as JPEG on the phone (iPhone: Settings › Camera › Formats › Most Compatible, or share it as JPEG) and add that copy too"
    } else if media_type.starts_with("video/") {
        "for a page the reviewer sees, add screenshots of the frames that matter"
    } else if media_type == "application/pdf" {
        "for a page the reviewer sees, add a screenshot of its page"
    } else {
        "for a page the reviewer sees, add a screenshot of it"
    }
}

fn pixels(e: &Evidence) -> Option<String> {
    Some(format!("{}×{}", e.width?, e.height?))
}

/// The evidence table used by `evidence list` and `order show`.
pub fn evidence_table(ctx: &Ctx, evidence: &[Evidence]) -> String {
    let mut table = ctx.out.table(&["REF", "KIND", "FILE", "TYPE", "SIZE", "PIXELS", "TAKEN", "SHA-256"]);
    for e in evidence {
        table.add_row(vec![
            e.reference.clone(),
            e.kind.to_string(),
            e.file_name.clone(),
            e.media_type.clone(),
            human_size(e.size),
            pixels(e).unwrap_or_default(),
            e.taken.map(|t| t.compact()).unwrap_or_default(),
            format!("{}…", &e.sha256[..16.min(e.sha256.len())]),
        ]);
    }
    table_text(&table)
}
