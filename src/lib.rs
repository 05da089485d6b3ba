//! dossier: a local-first case file for parcels that never arrived.
//!
//! The library holds everything but the command line: the data home, the database, the
//! evidence store, dates and domain types. `cli` turns arguments into calls of this library
//! and results into text or JSON; see `docs/ARCHITECTURE.md` for the map.

pub mod bundle;
pub mod cli;
pub mod config;
pub mod dates;
pub mod db;
pub mod demo;
pub mod direct;
pub mod error;
pub mod files;
pub mod home;
pub mod judge;
pub mod model;
pub mod paste;
pub mod pdf;
pub mod rules;
pub mod store;
pub mod tracking;
pub mod verify;

/// Lowercase hexadecimal of bytes (hashes are shown and stored this way).
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}
