//! `evidence add|list`: hashes equal to sha256sum, one blob per content, originals untouched.

use std::os::unix::fs::PermissionsExt;

use crate::env::{TestEnv, png, sha256sum};

#[test]
fn evidence_add_several_files_with_hashes_equal_to_sha256sum() {
    let env = TestEnv::new();
    env.order();
    let a = env.file("tracker page.png", &png(120, 260));
    let b = env.file("chat.txt", "seller: please wait\n".as_bytes());
    let c = env.file("scan.jpg", &{
        let mut bytes = Vec::new();
        image::RgbImage::from_pixel(64, 48, image::Rgb([200, 10, 10]))
            .write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
            .unwrap();
        bytes
    });
    let original_mode = std::fs::metadata(&a).unwrap().permissions().mode();
    let original_modified = std::fs::metadata(&a).unwrap().modified().unwrap();

    let out = env.ok(&[
        "evidence",
        "add",
        "1",
        &a,
        &b,
        &c,
        "--kind",
        "tracker",
        "--note",
        "as seen on 22 Nov",
        "--taken",
        "2026-11-22 14:30",
    ]);
    assert!(out.contains("attached E1 to order 1: tracker page.png (image/png, "), "{out}");
    assert!(out.contains("120×260"), "{out}");
    assert!(out.contains(&format!("sha256 {}", sha256sum(&a))), "{out}");

    let listed = env.json(&["evidence", "list", "1"]);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 3);
    for (entry, path) in listed.iter().zip([&a, &b, &c]) {
        assert_eq!(entry["sha256"], sha256sum(path), "{path}");
        assert_eq!(entry["size"], std::fs::metadata(path).unwrap().len());
        assert_eq!(entry["kind"], "tracker");
        assert_eq!(entry["note"], "as seen on 22 Nov");
        assert_eq!(entry["taken"], "2026-11-22T14:30:00");
        // The stored blob is the same bytes, read-only, at blobs/ab/cdef….
        let sha = entry["sha256"].as_str().unwrap();
        let blob = env.home.join("blobs").join(&sha[..2]).join(&sha[2..]);
        assert_eq!(sha256sum(blob.to_str().unwrap()), sha);
        assert!(std::fs::metadata(&blob).unwrap().permissions().readonly());
    }
    assert_eq!(listed[0]["reference"], "E1");
    assert_eq!(listed[0]["media_type"], "image/png");
    assert_eq!((listed[0]["width"].as_u64(), listed[0]["height"].as_u64()), (Some(120), Some(260)));
    assert_eq!(listed[1]["media_type"], "text/plain");
    assert_eq!(listed[1]["width"], serde_json::Value::Null);
    assert_eq!(listed[2]["media_type"], "image/jpeg");
    assert_eq!((listed[2]["width"].as_u64(), listed[2]["height"].as_u64()), (Some(64), Some(48)));
    assert_eq!(listed[2]["file_name"], "scan.jpg");

    // The originals are untouched.
    assert_eq!(std::fs::metadata(&a).unwrap().permissions().mode(), original_mode);
    assert_eq!(std::fs::metadata(&a).unwrap().modified().unwrap(), original_modified);

    let table = env.ok(&["evidence", "list", "1"]);
    assert!(table.lines().next().unwrap().contains("SHA-256"), "{table}");
    assert!(table.contains("E3") && table.contains("scan.jpg") && table.contains("64×48"), "{table}");
}

#[test]
fn the_same_file_twice_is_one_blob_and_one_note() {
    let env = TestEnv::new();
    env.order();
    env.ok(&["order", "add", "--platform", "ebay", "--number", "55"]);
    let a = env.file("a.png", &png(10, 10));
    let copy = env.file("copy-of-a.png", &png(10, 10));
    env.ok(&["evidence", "add", "1", &a, "--kind", "order"]);
    let before = env.snapshot();
    let out = env.run(&["evidence", "add", "1", &copy, "--kind", "order"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("has the same content as E1 (a.png), already on order 1; not attached again"), "{stderr}");
    assert_eq!(env.snapshot(), before, "no new row, no new log entry");
    // Twice in one call: attached once.
    let both = env.json(&["evidence", "add", "2", &a, &copy, "--kind", "photo"]);
    assert_eq!(both[0]["duplicate"], false);
    assert_eq!(both[1]["duplicate"], true);
    assert_eq!(env.json(&["evidence", "list", "2"]).as_array().unwrap().len(), 1);
    // One blob for the content across both orders.
    let blobs: Vec<String> =
        env.home_files().into_iter().filter(|f| f.starts_with("blobs/") && !f.starts_with("blobs/tmp")).collect();
    assert_eq!(blobs.len(), 1, "{blobs:?}");
}

#[test]
fn a_large_file_goes_through_the_streaming_path_intact() {
    let env = TestEnv::new();
    env.order();
    // Over the O_DIRECT threshold and not a multiple of the alignment.
    let bytes: Vec<u8> = (0..(40u32 << 20) + 777).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let big = env.file("video.bin", &bytes);
    let added = env.json(&["evidence", "add", "1", &big, "--kind", "photo"]);
    assert_eq!(added[0]["sha256"], sha256sum(&big));
    assert_eq!(added[0]["size"], bytes.len());
    assert_eq!(added[0]["media_type"], "application/octet-stream");
}
