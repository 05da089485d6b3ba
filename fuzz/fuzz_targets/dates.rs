//! The date reader of `--at` and of pastes on any text: no panic, and an accepted moment
//! is within the years dossier accepts and survives its storage form.
#![no_main]

use dossier::dates::{When, parse_when};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T12:00:00+03:00").unwrap();
    if let Ok(when) = parse_when(&text, now) {
        assert_eq!(When::from_storage(&when.to_storage()), Some(when), "{text}");
    }
});
