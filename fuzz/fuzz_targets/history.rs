//! `status import`'s reader on any bytes: it must not panic, and what it finds must be
//! made of the input (every event's text occurs in it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T12:00:00+03:00").unwrap();
    for country in [None, Some("US")] {
        let parsed = dossier::paste::parse_history(&text, now, country);
        for event in &parsed.events {
            assert!(event.line >= 1);
            // Texts are the input's words (a slash date may be rewritten in ISO form).
            assert!(event.text.split_whitespace().all(|w| text.contains(w) || w.contains('-')), "{event:?}");
        }
    }
});
