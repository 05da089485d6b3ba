//! Files written with `-o` (`build`, `calendar`): only regular files, a directory gets the
//! default name inside it, and nothing planted in the directory can redirect the write.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::process::Command;

use crate::env::TestEnv;

#[test]
fn a_device_or_fifo_target_is_refused_and_left_alone() {
    let env = TestEnv::new();
    env.order();
    let err = env.fail(&["build", "1", "-o", "/dev/full"], 1);
    assert!(err.contains("error: /dev/full exists and is not a regular file; it was left alone"), "{err}");
    assert!(err.contains("hint: "), "{err}");
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device(), "the device node is still there");

    let fifo = env.path("pipe.ics");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let err = env.fail(&["calendar", "-o", fifo.to_str().unwrap()], 1);
    assert!(err.contains("is not a regular file"), "{err}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_directory_target_gets_the_default_name_inside_it() {
    let env = TestEnv::new();
    env.order();
    let dir = env.path("out");
    std::fs::create_dir(&dir).unwrap();
    let built = env.json(&["build", "1", "-o", dir.to_str().unwrap()]);
    let pdf = dir.join("dossier-8123456789012345.pdf");
    assert_eq!(built["path"], pdf.to_str().unwrap());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let written = env.json(&["calendar", "-o", dir.to_str().unwrap()]);
    assert_eq!(written["path"], dir.join("dossier.ics").to_str().unwrap());
    assert!(std::fs::read_to_string(dir.join("dossier.ics")).unwrap().starts_with("BEGIN:VCALENDAR"));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "no temporary file is left");
}

/// Symlinks planted under the temporary names a predictable writer would use (the name and
/// the next few hundred process ids) do not redirect the write; the file keeps its mode.
#[test]
fn planted_symlinks_do_not_redirect_the_write_and_the_mode_is_kept() {
    let env = TestEnv::new();
    env.order();
    let victim = env.file("victim.txt", b"precious");
    let dir = env.path("cal");
    std::fs::create_dir(&dir).unwrap();
    let target = dir.join("out.ics");
    std::fs::write(&target, b"old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let pid = std::process::id();
    for next in pid..pid + 300 {
        std::os::unix::fs::symlink(&victim, dir.join(format!(".out.ics.{next}.tmp"))).unwrap();
    }
    env.ok(&["calendar", "-o", target.to_str().unwrap()]);
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("BEGIN:VCALENDAR"));
    let meta = std::fs::symlink_metadata(&target).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
}
