//! `message import`'s reader on any bytes: no panic; every message has a header line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T12:00:00+03:00").unwrap();
    let parsed = dossier::paste::chat::parse_chat(&text, now);
    for message in &parsed.messages {
        assert!(message.line >= 1 && !message.text.is_empty());
        let _ = dossier::paste::chat::sender_of(&message.name, Some("me"));
    }
});
