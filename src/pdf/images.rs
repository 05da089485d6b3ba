//! Evidence images made ready for the PDF: read from the blob store, turned upright (EXIF
//! orientation), flattened onto white (transparency), converted from CMYK, downscaled to the
//! pixels they are printed at and JPEG-encoded — in parallel (rayon), one image per task.
//!
//! Decisions:
//! - The printed box of an image depends only on its upright aspect ratio
//!   ([`super::layout::image_box`]), so the pixels wanted are known before anything is
//!   decoded: `box (pt) / 72 × dpi`, never more than the original has.
//! - A JPEG that is already upright, RGB or grey, and no larger than wanted is embedded
//!   byte-for-byte (on the first [`Step`]s), so `pdfimages -j` gives back the very file whose
//!   hash the appendix lists.
//! - Derived JPEGs are cached in the data home's `cache/img/` as
//!   `v1-<sha256>-<w>x<h>-q<quality>.jpg` (content hash, size, quality; `v1` changes when the
//!   way they are made changes). The cache is safe to delete; a damaged entry is remade.
//! - A file that is not an image, or cannot be decoded, becomes [`Picture::Unreadable`] with
//!   the reason: the dossier lists it and goes on.

use std::fs;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ExtendedColorType, ImageDecoder, ImageReader, Limits, metadata::Orientation};
use rayon::prelude::*;

use super::layout::image_box;

/// One rung of the size ladder: resolution of the printed image and JPEG quality.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// Pixels per inch of the printed box.
    pub dpi: f32,
    /// JPEG quality, 1–100.
    pub quality: u8,
    /// Whether a fitting JPEG original may be embedded unchanged.
    pub passthrough: bool,
}

/// The ladder `build` walks down until the PDF fits `--max-size`. The first rung keeps phone
/// screenshots sharp when zoomed; the last still lets a reader make out a screenshot's text
/// (about 8 px per line of small print on a 1170-px-wide phone screenshot).
pub const STEPS: [Step; 6] = [
    Step { dpi: 150.0, quality: 80, passthrough: true },
    Step { dpi: 130.0, quality: 74, passthrough: true },
    Step { dpi: 110.0, quality: 68, passthrough: false },
    Step { dpi: 96.0, quality: 62, passthrough: false },
    Step { dpi: 84.0, quality: 56, passthrough: false },
    Step { dpi: 72.0, quality: 50, passthrough: false },
];

impl Step {
    /// Roughly what share of the first step's image bytes this step gives: pixels go with
    /// the square of the resolution, and JPEG bytes fall about 1.6% per quality point in
    /// this range. Only used to skip steps that cannot fit; every result is measured.
    pub fn share(&self) -> f64 {
        let first = STEPS[0];
        let pixels = (f64::from(self.dpi) / f64::from(first.dpi)).powi(2);
        pixels * (1.0 - 0.016 * f64::from(first.quality.saturating_sub(self.quality)))
    }
}

/// An evidence image as the PDF embeds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Picture {
    /// JPEG bytes for a `DCTDecode` image stream.
    Jpeg {
        /// The JPEG file.
        bytes: Vec<u8>,
        /// Pixels.
        width: u32,
        /// Pixels.
        height: u32,
        /// One grey channel (else RGB).
        gray: bool,
        /// The evidence file itself, unchanged.
        original: bool,
        /// The original's upright pixel size.
        upright: (u32, u32),
    },
    /// Not shown: the reason, for the caption.
    Unreadable(String),
}

impl Picture {
    /// Bytes this picture adds to the PDF.
    pub fn size(&self) -> usize {
        match self {
            Picture::Jpeg { bytes, .. } => bytes.len(),
            Picture::Unreadable(_) => 0,
        }
    }
}

/// What to prepare: one evidence file.
#[derive(Debug, Clone)]
pub struct Source {
    /// Its blob.
    pub path: PathBuf,
    /// Its SHA-256 (the cache key).
    pub sha256: String,
}

/// Prepares every source for `step`, in parallel; results are in the order of `sources`.
/// `cache` is the data home's `cache/` directory (None: no caching).
/// `progress` is called once per source done (from any thread).
pub fn prepare(sources: &[Source], step: Step, cache: Option<&Path>, progress: &(dyn Fn() + Sync)) -> Vec<Picture> {
    sources
        .par_iter()
        .map(|s| {
            let picture = make(s, step, cache).unwrap_or_else(Picture::Unreadable);
            progress();
            picture
        })
        .collect()
}

/// The most pixels decoded for one image: 100 megapixels (a 12,000 × 8,000 photo) take
/// 300–400 MB while decoded, and two are decoded at once on two cores. A larger image, or a
/// small file whose header claims huge dimensions, is listed as not shown.
const MAX_PIXELS: u64 = 100_000_000;

fn make(source: &Source, step: Step, cache: Option<&Path>) -> Result<Picture, String> {
    // Only the header is read until it is known that pixels are needed: a warm rebuild
    // reads each original's first few kilobytes and the cached JPEG.
    let (mut decoder, format) = decoder(&source.path)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err("the image has no pixels".into());
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "the image is {w} × {h} pixels, more than the {} megapixels this tool decodes",
            MAX_PIXELS / 1_000_000
        ));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (uw, uh) = upright(w, h, orientation);
    let (tw, th) = wanted(uw, uh, step.dpi);
    let color = decoder.original_color_type();
    let gray = matches!(
        color,
        ExtendedColorType::L8 | ExtendedColorType::L16 | ExtendedColorType::La8 | ExtendedColorType::La16
    );
    if step.passthrough
        && format == image::ImageFormat::Jpeg
        && orientation == Orientation::NoTransforms
        && (uw, uh) == (tw, th)
    {
        let bytes = fs::read(&source.path).map_err(|e| format!("the stored file cannot be read ({e})"))?;
        // Embedded unchanged only when its frame header agrees with the decoder, it is grey
        // or three-channel, and it decodes: a viewer gets exactly these bytes.
        if let Some(frame @ Frame { components: 1 | 3, .. }) = jpeg_frame(&bytes)
            && (frame.width, frame.height) == (w, h)
        {
            DynamicImage::from_decoder(decoder).map_err(|e| format!("the image cannot be decoded ({e})"))?;
            let gray = frame.components == 1;
            return Ok(Picture::Jpeg { bytes, width: uw, height: uh, gray, original: true, upright: (uw, uh) });
        }
        // CMYK, a header at odds with the decoder: made anew like any other image.
        return make(source, Step { passthrough: false, ..step }, cache);
    }
    let cached = cache.map(|dir| dir.join("img").join(format!("v1-{}-{tw}x{th}-q{}.jpg", source.sha256, step.quality)));
    if let Some(path) = &cached
        && let Ok(bytes) = fs::read(path)
        && bytes.ends_with(&[0xFF, 0xD9])
        && let Some(Frame { width, height, components }) = jpeg_frame(&bytes)
        && (width, height) == (tw, th)
        && components == if gray { 1 } else { 3 }
    {
        return Ok(Picture::Jpeg { bytes, width: tw, height: th, gray, original: false, upright: (uw, uh) });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| format!("the image cannot be decoded ({e})"))?;
    image.apply_orientation(orientation);
    let image = flatten(image, gray);
    let image = if (image.width(), image.height()) == (tw, th) { image } else { shrink(image, tw, th)? };
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, step.quality)
        .encode_image(&image)
        .map_err(|e| format!("the image cannot be re-encoded ({e})"))?;
    if let Some(path) = &cached {
        store(path, &jpeg);
    }
    Ok(Picture::Jpeg { bytes: jpeg, width: tw, height: th, gray, original: false, upright: (uw, uh) })
}

/// What a JPEG's frame header (SOF) says.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    width: u32,
    height: u32,
    /// 1 grey, 3 YCbCr (or RGB), 4 CMYK or YCCK.
    components: u8,
}

/// The frame header of a JPEG, read from its markers; None when there is none before the
/// image data. The decoder's colour type is not enough: it reports what it converts to.
fn jpeg_frame(bytes: &[u8]) -> Option<Frame> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let field = |i: usize| bytes.get(at + i..at + i + 2).map(|b| u32::from(u16::from_be_bytes([b[0], b[1]])));
            return Some(Frame { height: field(5)?, width: field(7)?, components: *bytes.get(at + 9)? });
        }
        if marker == 0xDA {
            return None;
        }
        at += 2 + length;
    }
    None
}

/// A decoder for the file at `path` (header read, pixels not yet) with memory limits, or why there is none.
fn decoder(path: &Path) -> Result<(impl ImageDecoder, image::ImageFormat), String> {
    let mut reader = ImageReader::open(path)
        .map_err(|e| format!("the stored file cannot be read ({e})"))?
        .with_guessed_format()
        .map_err(|e| format!("the stored file cannot be read ({e})"))?;
    use image::ImageFormat as F;
    let Some(format @ (F::Png | F::Jpeg | F::WebP | F::Gif)) = reader.format() else {
        return Err("not an image this tool can show (PNG, JPEG, WebP, GIF)".into());
    };
    // A second guard behind MAX_PIXELS, for the decoders that honour it.
    let mut limits = Limits::default();
    limits.max_alloc = Some(400 * 1024 * 1024);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| format!("the image cannot be decoded ({e})"))?;
    Ok((decoder, format))
}

fn upright(w: u32, h: u32, orientation: Orientation) -> (u32, u32) {
    use Orientation as O;
    match orientation {
        O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH => (h, w),
        _ => (w, h),
    }
}

/// The pixels wanted for an upright `w`×`h` image printed in its box at `dpi`: never more
/// than it has, at least one.
pub fn wanted(w: u32, h: u32, dpi: f32) -> (u32, u32) {
    let (box_w, _) = image_box(w, h);
    let tw = (box_w / 72.0 * dpi).round() as u32;
    if tw >= w {
        return (w, h);
    }
    let th = (f64::from(h) * f64::from(tw) / f64::from(w)).round() as u32;
    (tw.max(1), th.max(1))
}

/// RGB (or grey) pixels, transparency composited onto white.
fn flatten(image: DynamicImage, gray: bool) -> DynamicImage {
    if !image.color().has_alpha() {
        return if gray {
            DynamicImage::ImageLuma8(image.into_luma8())
        } else {
            DynamicImage::ImageRgb8(image.into_rgb8())
        };
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = image::RgbImage::new(w, h);
    for (dst, src) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u32::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u32::from(src[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    if gray {
        DynamicImage::ImageLuma8(DynamicImage::ImageRgb8(out).into_luma8())
    } else {
        DynamicImage::ImageRgb8(out)
    }
}

/// `image` (RGB8 or L8) resampled to `tw`×`th` with a convolution filter whose support
/// grows with the reduction, so small print is smoothed rather than aliased.
fn shrink(image: DynamicImage, tw: u32, th: u32) -> Result<DynamicImage, String> {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image};
    let (w, h) = (image.width(), image.height());
    let gray = matches!(image, DynamicImage::ImageLuma8(_));
    let pixel = if gray { PixelType::U8 } else { PixelType::U8x3 };
    let failed = |e: &dyn std::fmt::Display| format!("the image cannot be scaled ({e})");
    let source = Image::from_vec_u8(w, h, image.into_bytes(), pixel).map_err(|e| failed(&e))?;
    let mut target = Image::new(tw, th, pixel);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new().resize(&source, &mut target, &options).map_err(|e| failed(&e))?;
    let pixels = target.into_vec();
    let image = if gray {
        image::GrayImage::from_raw(tw, th, pixels).map(DynamicImage::ImageLuma8)
    } else {
        image::RgbImage::from_raw(tw, th, pixels).map(DynamicImage::ImageRgb8)
    };
    image.ok_or_else(|| failed(&"wrong buffer size"))
}

/// Writes a cache entry atomically; a failure only costs the next build the work again.
fn store(path: &Path, bytes: &[u8]) {
    if path.parent().is_some_and(|dir| fs::create_dir_all(dir).is_ok()) {
        let _ = crate::files::write_atomically(path, bytes);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Source {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/images").join(name);
        Source { path, sha256: format!("test-{name}") }
    }

    /// The picture made of `name` at the first step, decoded again.
    fn made(name: &str) -> (Picture, image::RgbImage) {
        let picture = make(&fixture(name), STEPS[0], None).unwrap();
        let Picture::Jpeg { bytes, .. } = &picture else { panic!("{name}: {picture:?}") };
        let decoded = image::load_from_memory(bytes).unwrap().into_rgb8();
        (picture, decoded)
    }

    fn near(pixel: &image::Rgb<u8>, want: [u8; 3]) -> bool {
        pixel.0.iter().zip(want).all(|(a, b)| a.abs_diff(b) < 60)
    }

    const RED: [u8; 3] = [255, 0, 0];
    const BLUE: [u8; 3] = [0, 0, 255];

    #[test]
    fn exif_orientation_is_applied_and_such_a_jpeg_is_not_passed_through() {
        let (picture, pixels) = made("rotated.jpg");
        assert!(matches!(picture, Picture::Jpeg { original: false, upright: (30, 60), width: 30, height: 60, .. }));
        assert!(near(pixels.get_pixel(15, 5), RED), "{:?}", pixels.get_pixel(15, 5));
        assert!(near(pixels.get_pixel(15, 50), BLUE), "{:?}", pixels.get_pixel(15, 50));
    }

    #[test]
    fn cmyk_jpeg_keeps_its_colours() {
        let (picture, pixels) = made("cmyk.jpg");
        assert!(matches!(picture, Picture::Jpeg { original: false, gray: false, .. }), "{picture:?}");
        assert!(near(pixels.get_pixel(5, 15), RED), "{:?}", pixels.get_pixel(5, 15));
        assert!(near(pixels.get_pixel(50, 15), BLUE), "{:?}", pixels.get_pixel(50, 15));
    }

    #[test]
    fn transparency_prints_as_white_and_webp_is_read() {
        let (_, pixels) = made("alpha.png");
        assert!(near(pixels.get_pixel(5, 15), [255, 255, 255]), "{:?}", pixels.get_pixel(5, 15));
        assert!(near(pixels.get_pixel(50, 15), BLUE));
        let (_, pixels) = made("picture.webp");
        assert!(near(pixels.get_pixel(5, 15), RED));
        assert!(near(pixels.get_pixel(50, 15), BLUE));
    }

    #[test]
    fn a_fitting_upright_jpeg_is_embedded_byte_for_byte_but_not_on_low_steps() {
        let source = fixture("small.jpg");
        let original = fs::read(&source.path).unwrap();
        let picture = make(&source, STEPS[0], None).unwrap();
        assert!(matches!(&picture, Picture::Jpeg { bytes, original: true, .. } if *bytes == original));
        let last = make(&source, STEPS[STEPS.len() - 1], None).unwrap();
        assert!(matches!(&last, Picture::Jpeg { bytes, original: false, .. } if *bytes != original));
    }

    #[test]
    fn corrupt_and_non_image_files_give_a_reason_not_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let png = fs::read(fixture("alpha.png").path).unwrap();
        let cut = dir.path().join("cut.png");
        fs::write(&cut, &png[..png.len() / 2]).unwrap();
        let text = dir.path().join("chat.txt");
        fs::write(&text, "seller: wait please").unwrap();
        let sources = [
            Source { path: cut, sha256: "cut".into() },
            Source { path: text, sha256: "text".into() },
            Source { path: dir.path().join("gone.png"), sha256: "gone".into() },
        ];
        let pictures = prepare(&sources, STEPS[0], None, &|| {});
        for picture in &pictures {
            assert!(matches!(picture, Picture::Unreadable(reason) if !reason.is_empty()), "{picture:?}");
        }
        assert!(matches!(&pictures[1], Picture::Unreadable(r) if r.contains("not an image")));
    }

    #[test]
    fn derived_images_are_cached_by_hash_size_and_quality_and_a_damaged_entry_is_remade() {
        let dir = tempfile::tempdir().unwrap();
        let source = fixture("alpha.png");
        let first = make(&source, STEPS[0], Some(dir.path())).unwrap();
        let entry = dir.path().join("img").join(format!("v1-{}-60x30-q{}.jpg", source.sha256, STEPS[0].quality));
        let Picture::Jpeg { bytes, .. } = &first else { panic!() };
        assert_eq!(&fs::read(&entry).unwrap(), bytes);
        // A cached entry is used as it is: plant a different valid JPEG there.
        let planted = fs::read(fixture("small.jpg").path).unwrap();
        fs::write(&entry, &planted).unwrap();
        let second = make(&source, STEPS[0], Some(dir.path())).unwrap();
        assert!(matches!(&second, Picture::Jpeg { bytes, .. } if *bytes == planted));
        // A damaged one is made again.
        fs::write(&entry, b"garbage").unwrap();
        let third = make(&source, STEPS[0], Some(dir.path())).unwrap();
        assert_eq!(third, first);
    }

    #[test]
    fn a_phone_screenshot_is_scaled_to_its_column_at_the_step_resolution() {
        assert_eq!(wanted(1170, 2532, 150.0), (497, 1076));
        assert_eq!(wanted(1170, 2532, 72.0), (239, 517));
        assert_eq!(wanted(60, 30, 150.0), (60, 30));
    }

    #[test]
    fn huge_claimed_sizes_other_formats_and_broken_jpegs_are_listed_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            Source { path, sha256: name.into() }
        };
        // A small GIF whose screen descriptor is patched to claim 65535 × 65535 pixels.
        let mut gif = Vec::new();
        image::RgbaImage::new(4, 4).write_to(&mut std::io::Cursor::new(&mut gif), image::ImageFormat::Gif).unwrap();
        gif[6..10].copy_from_slice(&[0xFF; 4]);
        let gif = write("huge.gif", &gif);
        let bmp = write("image.bmp", b"BM\0\0\0\0\0\0\0\0\x1a\0\0\0");
        // small.jpg without its quantisation tables: the header reads, the pixels do not.
        let jpeg = fs::read(fixture("small.jpg").path).unwrap();
        let mut cut = jpeg[..2].to_vec();
        let mut at = 2;
        while at + 4 <= jpeg.len() && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA {
            let end = at + 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
            if jpeg[at + 1] != 0xDB {
                cut.extend_from_slice(&jpeg[at..end]);
            }
            at = end;
        }
        cut.extend_from_slice(&jpeg[at..]);
        let broken = write("nodqt.jpg", &cut);
        let reason = |source: &Source| match make(source, STEPS[0], None) {
            Err(reason) => reason,
            Ok(picture) => panic!("{}: {picture:?}", source.sha256),
        };
        assert!(reason(&gif).contains("65535 × 65535 pixels, more than the 100 megapixels"), "{}", reason(&gif));
        assert!(reason(&bmp).contains("not an image this tool can show"), "{}", reason(&bmp));
        assert!(reason(&broken).contains("cannot be decoded"), "{}", reason(&broken));
    }

    #[test]
    fn a_cached_entry_of_the_wrong_size_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let source = fixture("alpha.png");
        let first = make(&source, STEPS[0], Some(dir.path())).unwrap();
        let entry = dir.path().join("img").join(format!("v1-{}-60x30-q{}.jpg", source.sha256, STEPS[0].quality));
        let mut other = Vec::new();
        image::RgbImage::new(10, 10).write_to(&mut std::io::Cursor::new(&mut other), image::ImageFormat::Jpeg).unwrap();
        fs::write(&entry, other).unwrap();
        assert_eq!(make(&source, STEPS[0], Some(dir.path())).unwrap(), first, "a 60x30 key holding another picture");
    }
}
