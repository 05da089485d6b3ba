//! The weight reader (`--weight`, "Вес: 0,086 кг" in pastes) on any text: no panic, and an
//! accepted weight is a finite, non-negative number of grams.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(grams) = dossier::model::Grams::parse(&text) {
        assert!(grams.0.is_finite() && grams.0 >= 0.0, "{text} -> {grams:?}");
    }
});
