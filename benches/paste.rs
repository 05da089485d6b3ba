//! `status import`'s work without the database: a pasted history of 10,000 events is read
//! and every event classified in the context of the ones before it (issue 14: under 100 ms).
//! Run: `cargo bench --bench paste`. Figures in benches/README.md.

#![allow(clippy::unwrap_used, clippy::cast_possible_wrap)]

use std::hint::black_box;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};

/// A paste of `n` events, newest first, in three layouts a page copies: one line per event
/// with a bracketed place, records of text / moment / place, and a table with a header row.
fn paste(n: usize) -> String {
    let texts = [
        "Departed from sorting center",
        "Arrived at destination country/region",
        "Import customs clearance complete",
        "Прибыло в место вручения",
        "快件已揽收",
        "Out for delivery",
    ];
    let mut out = String::from("Tracking number: RS473102580CN\nCopy\n");
    let third = n / 3;
    let moment = |i: usize| {
        let minutes = (n - i) as i64 * 7;
        let at =
            DateTime::parse_from_rfc3339("2026-01-01T00:00:00+08:00").unwrap() + chrono::Duration::minutes(minutes);
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    };
    for i in 0..third {
        out.push_str(&format!("{} [Shenzhen] {}\n", moment(i), texts[i % texts.len()]));
    }
    for i in third..2 * third {
        out.push_str(&format!("{}\n{}\nКазань 420111\n\n", texts[i % texts.len()], moment(i)));
    }
    out.push_str("Date\tStatus\tLocation\n");
    for i in 2 * third..n {
        out.push_str(&format!("{}\t{}\tGuangzhou\n", moment(i), texts[i % texts.len()]));
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = paste(10_000);
    let now = DateTime::parse_from_rfc3339("2026-11-24T12:00:00+03:00").unwrap();
    let parsed = dossier::paste::parse_history(&text, now, Some("RU"));
    assert_eq!(parsed.events.len(), 10_000, "the paste reads as 10,000 events");
    // The baseline of the same run: the least any reader does, splitting into lines and words.
    c.bench_function("baseline: split the paste into lines and words", |b| {
        b.iter(|| black_box(&text).lines().map(|l| l.split_whitespace().count()).sum::<usize>());
    });
    c.bench_function("parse and classify a 10,000-event paste", |b| {
        b.iter(|| {
            let parsed = dossier::paste::parse_history(black_box(&text), now, Some("RU"));
            let items: Vec<(&str, Option<&str>, Option<dossier::model::Stage>)> =
                parsed.events.iter().map(|e| (e.text.as_str(), e.place.as_deref(), None)).collect();
            black_box(dossier::rules::stages::classify_all(&items, Some("RU"), &[]))
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
