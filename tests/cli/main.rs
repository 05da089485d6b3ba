//! Integration tests: run the real binary against a temporary data home with a fixed clock
//! and check what a user sees — output, JSON, exit codes, and the database afterwards.

#![allow(clippy::unwrap_used, clippy::missing_panics_doc)]

mod bad_input;
mod build;
mod bundle;
mod chats;
mod checks;
mod config;
mod corrections;
mod demo;
mod dossier;
mod env;
mod evidence;
mod faults;
mod histories;
mod kill;
mod log;
mod orders;
mod paste;
mod pastes;
mod records;
#[path = "../support/sample.rs"]
mod sample;
mod snapshots;
mod source;
mod terminal;
mod verify;
mod written_files;
