//! Writing a whole file atomically: the file the user named with `-o`, and cache entries.
//!
//! Invariants: the target is only ever replaced by a complete file (written to a temporary
//! sibling, fsynced, renamed over it); only regular files are written — an existing target
//! that is a device, a FIFO or anything else is refused, never replaced; the temporary file
//! is created exclusively (`O_EXCL`) under an unpredictable name (the `tempfile` crate), so a
//! symlink planted in the directory cannot redirect the write; an existing target keeps its
//! permission bits, a new one gets the usual `0666` less the umask.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::direct::DirectWriter;
use crate::error::{Error, Result};

/// Where to write: `given` itself, or `default_name` inside it when it is a directory, or
/// `default_name` here when nothing was given.
pub fn output_path(given: Option<&Path>, default_name: &str) -> PathBuf {
    match given {
        Some(path) if path.is_dir() => path.join(default_name),
        Some(path) => path.to_path_buf(),
        None => PathBuf::from(default_name),
    }
}

/// Writes `bytes` to `path` atomically (see the module invariants).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes).map_err(|e| Error::io(path, e)))
}

/// Writes `path` atomically with what `write` puts into the (temporary) file; when `write`
/// fails, the target is left as it was and the temporary file is removed.
pub fn write_atomically_with(path: &Path, write: impl FnOnce(&mut fs::File) -> Result<()>) -> Result<()> {
    write_via_temporary(path, |file, _| write(file))
}

/// The temporary-file-and-rename of [`write_atomically_with`]; `write` also gets the
/// temporary file's path.
fn write_via_temporary(path: &Path, write: impl FnOnce(&mut fs::File, &Path) -> Result<()>) -> Result<()> {
    let existing = match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Some(meta.permissions()),
        Ok(_) => {
            return Err(Error::invalid(
                format!("{} exists and is not a regular file; it was left alone", path.display()),
                "name a new or existing regular file, e.g. out/dossier.pdf",
            ));
        }
        Err(_) => None,
    };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    let tmp_path = tmp.path().to_path_buf();
    write(tmp.as_file_mut(), &tmp_path)?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if let Some(permissions) = existing {
        fs::set_permissions(tmp.path(), permissions).map_err(|e| Error::io(path, e))?;
    }
    // Dropping an unpersisted temporary file removes it.
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Like [`write_atomically_with`] for large files: `write` gets a [`DirectWriter`] on the
/// temporary file, which writes at disk speed and is on disk before the rename.
pub fn write_atomically_direct(path: &Path, write: impl FnOnce(&mut DirectWriter) -> Result<()>) -> Result<()> {
    write_via_temporary(path, |_, tmp| {
        // The temporary file was created exclusively by this process; it is written through
        // a second descriptor that bypasses the page cache (and never follows a link).
        let mut direct = DirectWriter::reopen(tmp).map_err(|e| Error::io(path, e))?;
        write(&mut direct)?;
        direct.finish().map_err(|e| Error::io(path, e))?;
        Ok(())
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_gets_the_default_name_inside_it() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(output_path(Some(dir.path()), "a.pdf"), dir.path().join("a.pdf"));
        assert_eq!(output_path(Some(&dir.path().join("b.pdf")), "a.pdf"), dir.path().join("b.pdf"));
        assert_eq!(output_path(None, "a.pdf"), PathBuf::from("a.pdf"));
    }

    #[test]
    fn an_existing_file_is_replaced_whole_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ics");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"new content").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new content");
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn a_device_is_refused_and_left_alone() {
        let err = write_atomically(Path::new("/dev/null"), b"x").unwrap_err();
        assert!(err.to_string().contains("is not a regular file"), "{err}");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "still the device");
    }
}
