//! `dossier demo`: a worked sample case built from the files in `fixtures/demo/`, which are
//! compiled into the binary so the demo works from any directory.
//!
//! Decisions: the case is built in `DIR/home` (a fresh data home) from copies of the sample
//! screenshots in `DIR/files`; a `DIR` made by an earlier demo (it holds `.dossier-demo`) is
//! rebuilt, any other non-empty `DIR` is refused. Unless `--now` is given, the demo runs "as
//! of" the moment stored in `case.json`, so the case it records is the same on every run
//! (apart from the random case UUID and the log hashes that include it). The demo always
//! builds in `DIR/home`: `--home` and `DOSSIER_HOME` do not apply to it.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};

use crate::dates::{self, When};
use crate::db::{NewMessage, NewStatus, OrderFields};
use crate::error::{Error, Result};
use crate::home::Home;
use crate::model::{
    Code, EvidenceKind, Grams, Platform, Sender, Source, normalize_tracking, parse_country, parse_currency, parse_price,
};

const CASE_JSON: &str = include_str!("../fixtures/demo/case.json");
const FILES: &[(&str, &[u8])] = &[
    ("order-page.png", include_bytes!("../fixtures/demo/order-page.png")),
    ("tracker-cainiao.png", include_bytes!("../fixtures/demo/tracker-cainiao.png")),
    ("tracker-global.png", include_bytes!("../fixtures/demo/tracker-global.png")),
    ("chat-seller.png", include_bytes!("../fixtures/demo/chat-seller.png")),
];
const MARKER: &str = ".dossier-demo";

/// What the demo made.
#[derive(Debug, Serialize)]
pub struct DemoMade {
    /// The data home holding the sample case.
    pub home: PathBuf,
    /// The folder with the original sample files.
    pub files: PathBuf,
    /// The sample order's local id.
    pub order_id: i64,
    /// Its platform.
    pub platform: Platform,
    /// Its order number.
    pub number: String,
    /// Statuses recorded.
    pub statuses: usize,
    /// Messages recorded.
    pub messages: usize,
    /// Evidence files attached.
    pub evidence: usize,
    /// The moment the demo ran as of.
    pub as_of: String,
    /// The sample dossier PDF (written by the `demo` command after the case is built).
    pub dossier: Option<PathBuf>,
}

#[derive(Deserialize)]
struct SampleCase {
    as_of: String,
    order: SampleOrder,
    statuses: Vec<SampleStatus>,
    messages: Vec<SampleMessage>,
    evidence: Vec<SampleEvidence>,
}

#[derive(Deserialize)]
struct SampleOrder {
    platform: String,
    number: String,
    item: String,
    store: String,
    price: String,
    currency: String,
    ordered: String,
    shipped: String,
    protection_days: i64,
    country: String,
    city: String,
    postcode: String,
    weight: String,
    shipping: String,
    track: Vec<String>,
}

#[derive(Deserialize)]
struct SampleStatus {
    at: String,
    text: String,
    place: Option<String>,
    source: String,
    weight: Option<String>,
    track: Option<String>,
}

#[derive(Deserialize)]
struct SampleMessage {
    from: String,
    at: String,
    text: String,
    evidence: Option<String>,
}

#[derive(Deserialize)]
struct SampleEvidence {
    file: String,
    kind: String,
    note: String,
    taken: String,
}

fn bad_fixture(what: &str) -> Error {
    Error::internal(format!("the built-in demo data has a bad {what}"))
}

fn code<T: Code>(text: &str) -> Result<T> {
    T::from_code(text).ok_or_else(|| bad_fixture(text))
}

/// Builds the sample case in `dir`; `now` overrides the sample's own "as of" moment.
pub fn build(dir: &Path, now: Option<DateTime<FixedOffset>>, log: &mut dyn FnMut(&str)) -> Result<DemoMade> {
    let sample: SampleCase = serde_json::from_str(CASE_JSON).map_err(|e| bad_fixture(&format!("case.json ({e})")))?;
    let now = match now {
        Some(now) => now,
        None => DateTime::parse_from_rfc3339(&sample.as_of).map_err(|_| bad_fixture("as_of"))?,
    };
    let stamp = now.to_rfc3339_opts(SecondsFormat::Secs, false);
    let when = |text: &str| dates::parse_when(text, now).map_err(|_| bad_fixture(text));

    prepare_dir(dir)?;
    let files_dir = dir.join("files");
    fs::create_dir_all(&files_dir).map_err(|e| Error::io(&files_dir, e))?;
    for (name, bytes) in FILES {
        fs::write(files_dir.join(name), bytes).map_err(|e| Error::io(files_dir.join(name), e))?;
    }
    let home = Home::open(&dir.join("home"))?;
    let mut db = home.db()?;
    log(&format!("building the sample case in {}", home.root().display()));

    let o = &sample.order;
    let fields = OrderFields {
        platform: None,
        number: None,
        item: Some(Some(o.item.clone())),
        store: Some(Some(o.store.clone())),
        price: Some(Some(parse_price(&o.price)?)),
        currency: Some(Some(parse_currency(&o.currency)?)),
        ordered: Some(Some(when(&o.ordered)?)),
        shipped: Some(Some(when(&o.shipped)?)),
        protection_until: None,
        protection_days: Some(Some(o.protection_days)),
        country: Some(Some(parse_country(&o.country)?)),
        city: Some(Some(o.city.clone())),
        postcode: Some(Some(o.postcode.clone())),
        weight: Some(Some(Grams::parse(&o.weight)?)),
        shipping: Some(Some(o.shipping.clone())),
        track: o.track.iter().map(|t| normalize_tracking(t)).collect::<Result<_>>()?,
    };
    let order = db.add_order(code(&o.platform)?, &o.number, &fields, &stamp)?;

    let store = home.blobs();
    let mut references = Vec::new();
    for e in &sample.evidence {
        let path = files_dir.join(&e.file);
        let stored = store.ingest(&path, &mut |_| {})?;
        let described = store.describe(&stored, &e.file);
        let taken: When = when(&e.taken)?;
        let attached =
            db.add_evidence(&order, &[described], code::<EvidenceKind>(&e.kind)?, Some(&e.note), Some(taken), &stamp)?;
        for a in attached {
            references.push((e.file.clone(), a.evidence.reference));
        }
    }

    for s in &sample.statuses {
        let status = NewStatus {
            at: when(&s.at)?,
            text: s.text.clone(),
            place: s.place.clone(),
            weight: s.weight.as_deref().map(Grams::parse).transpose()?,
            source: code::<Source>(&s.source)?,
            track: s.track.clone(),
            stage: None,
        };
        db.add_status(&order, &status, &stamp)?;
    }

    for m in &sample.messages {
        let evidence = match &m.evidence {
            Some(file) => Some(
                references.iter().find(|(f, _)| f == file).map(|(_, r)| r.clone()).ok_or_else(|| bad_fixture(file))?,
            ),
            None => None,
        };
        let message = NewMessage { from: code::<Sender>(&m.from)?, at: when(&m.at)?, text: m.text.clone(), evidence };
        db.add_message(&order, &message, &stamp)?;
    }

    Ok(DemoMade {
        home: home.root().to_path_buf(),
        files: files_dir,
        order_id: order.id,
        platform: order.platform,
        number: order.number,
        statuses: sample.statuses.len(),
        messages: sample.messages.len(),
        evidence: references.len(),
        as_of: stamp,
        dossier: None,
    })
}

/// Makes `dir` ready: new, empty, or made by an earlier demo (then its contents are replaced).
fn prepare_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Error::usage(
                format!("{} exists and is not a directory", dir.display()),
                "choose another place with `dossier demo -o DIR`",
            ));
        }
        let empty = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.next().is_none();
        if !empty && !dir.join(MARKER).exists() {
            return Err(Error::usage(
                format!("{} is not empty and was not made by `dossier demo`", dir.display()),
                "choose a new or empty directory with `dossier demo -o DIR`",
            ));
        }
        for sub in ["home", "files"] {
            let path = dir.join(sub);
            if path.exists() {
                fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
            }
        }
    }
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    fs::write(dir.join(MARKER), b"made by dossier demo; safe to delete\n")
        .map_err(|e| Error::io(dir.join(MARKER), e))?;
    Ok(())
}
