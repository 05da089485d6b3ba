//! Pretty JSON for list items, byte for byte what `serde_json::to_writer_pretty` writes.
//!
//! Why not serde_json itself: `check --all --json` prints about 20 MB for 10,000 orders, and
//! serde_json escapes strings one byte at a time through a table; that loop alone was 9% of
//! the command's instructions. This serializer finds the bytes to escape eight at a time
//! and copies the clean runs whole. Everything else follows serde_json's `PrettyFormatter`
//! step for step (two-space indent, `[]`/`{}` when empty, `": "` after keys), and numbers
//! that are not integers are handed to serde_json, so the bytes are the same — the tests
//! compare the two on every shape the commands print and on every escape class.
//!
//! Map keys follow serde_json's rules (see `KeySerializer`), so what it refuses is refused
//! here too.

use std::fmt::{self, Display};

use serde::Serialize;
use serde::ser::{self, SerializeMap as _};

/// A value that cannot be written as JSON (a map key that is not a string, or a custom
/// error from a `Serialize` implementation).
#[derive(Debug)]
pub struct JsonError(String);

impl Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

impl ser::Error for JsonError {
    fn custom<T: Display>(msg: T) -> Self {
        JsonError(msg.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, JsonError>;

/// Appends `value` to `out` as pretty JSON, laid out as if it sat `depth` levels deep (1 for
/// an element of a top-level array: its lines are indented once more and it has no
/// trailing newline).
pub fn write_pretty<T: Serialize + ?Sized>(value: &T, depth: usize, out: &mut Vec<u8>) -> Result {
    value.serialize(&mut Pretty { out, depth, has_value: false })
}

/// serde_json's `PrettyFormatter` state: the indent level, and whether the container being
/// written has had a value yet (one flag for all levels, as there: every value's end sets
/// it, every container's start clears it).
struct Pretty<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    has_value: bool,
}

impl Pretty<'_> {
    /// A line break and the indent of the current depth, in one copy.
    fn newline(&mut self) {
        const LINE: &[u8] = b"\n                                                                ";
        match LINE.get(..1 + 2 * self.depth) {
            Some(line) => self.out.extend_from_slice(line),
            None => {
                self.out.push(b'\n');
                (0..self.depth).for_each(|_| self.out.extend_from_slice(b"  "));
            }
        }
    }

    fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.has_value {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// Before an array element or an object key.
    fn item(&mut self, first: bool) {
        if !first {
            self.out.push(b',');
        }
        self.newline();
    }

    fn string(&mut self, text: &str) {
        self.out.reserve(text.len() + 2);
        self.out.push(b'"');
        escape_into(self.out, text.as_bytes());
        self.out.push(b'"');
    }

    fn display(&mut self, value: impl Display) {
        use std::io::Write as _;
        // Writing to a Vec cannot fail.
        let _ = write!(self.out, "{value}");
    }

    /// An integer, in the digits `Display` writes, without going through a formatter.
    fn integer(&mut self, value: i64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = value.unsigned_abs();
        loop {
            at -= 1;
            // The remainder is below 10, so the cast keeps it whole.
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if value < 0 {
            self.out.push(b'-');
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    /// A number serde_json writes its own way (floats: shortest round trip, or null).
    fn like_serde_json<T: Serialize>(&mut self, value: T) -> Result {
        serde_json::to_writer(&mut *self.out, &value).map_err(|e| JsonError(e.to_string()))
    }
}

/// True for the bytes JSON strings must escape: control characters, `"` and `\`.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// True when any of the eight bytes of `word` needs an escape, tested all at once: a byte
/// below 0x20, or one that is 0 after XOR with `"` or `\`, borrows when 0x20 (or 1) is
/// taken from it, which sets its top bit where the byte's own top bit was clear. A borrow
/// can only run on from a byte that matched, so the answer for the word is exact.
fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const TOPS: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x;
    (below(word, 0x20) | below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1)) & TOPS
        != 0
}

/// The index of the first byte of `bytes` that needs an escape: eight bytes at a time,
/// then one at a time within the word that has one, and for the last few bytes.
fn find_escape(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        if word.try_into().is_ok_and(|w| word_needs_escape(u64::from_ne_bytes(w))) {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| needs_escape(b)).map(|k| at + k)
}

/// Appends `bytes` (UTF-8) with JSON escapes, as serde_json writes them: `\"`, `\\`, the
/// short forms `\b \t \n \f \r`, and `\u00xx` (lower-case hex) for other control characters.
fn escape_into(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut rest = bytes;
    while let Some(k) = find_escape(rest) {
        let (clean, tail) = rest.split_at(k);
        out.extend_from_slice(clean);
        let Some((&byte, tail)) = tail.split_first() else { break };
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            0x0D => out.extend_from_slice(b"\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xF)]);
            }
        }
        rest = tail;
    }
    out.extend_from_slice(rest);
}

impl<'a, 'o> ser::Serializer for &'a mut Pretty<'o> {
    type Ok = ();
    type Error = JsonError;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = Compound<'a, 'o>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Compound<'a, 'o>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.integer(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.display(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.display(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.display(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.like_serde_json(v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.like_serde_json(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq as _;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        v.iter().try_for_each(|b| seq.serialize_element(b))?;
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        let mut map = self.serialize_map(Some(1))?;
        map.serialize_entry(variant, value)?;
        map.end()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'o>> {
        // An empty container closes as `[]` or `{}`: `has_value` is still false then.
        self.open(b'[');
        Ok(Compound { pretty: self, first: true, variant: false })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'o>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'o>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'o>> {
        self.open(b'{');
        self.item(true);
        self.string(variant);
        self.out.extend_from_slice(b": ");
        let mut compound = self.serialize_seq(Some(len))?;
        compound.variant = true;
        Ok(compound)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'o>> {
        self.open(b'{');
        Ok(Compound { pretty: self, first: true, variant: false })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'o>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'o>> {
        self.open(b'{');
        self.item(true);
        self.string(variant);
        self.out.extend_from_slice(b": ");
        let mut compound = self.serialize_map(Some(len))?;
        compound.variant = true;
        Ok(compound)
    }
}

/// An array or object being written.
pub struct Compound<'a, 'o> {
    pretty: &'a mut Pretty<'o>,
    /// True until the first element or key is written.
    first: bool,
    /// True when wrapped in `{"variant": …}`, which `end` closes too.
    variant: bool,
}

impl Compound<'_, '_> {
    fn next(&mut self) {
        self.pretty.item(self.first);
        self.first = false;
    }

    fn finish(self, bracket: u8) -> Result {
        self.pretty.close(bracket);
        if self.variant {
            self.pretty.has_value = true;
            self.pretty.close(b'}');
        }
        Ok(())
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.next();
        value.serialize(&mut *self.pretty)?;
        self.pretty.has_value = true;
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.next();
        self.pretty.string(key);
        self.pretty.out.extend_from_slice(b": ");
        value.serialize(&mut *self.pretty)?;
        self.pretty.has_value = true;
        Ok(())
    }
}

/// The array-like compounds: elements in `[…]`.
macro_rules! array_like {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = JsonError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.element(value)
            }
            fn end(self) -> Result {
                self.finish(b']')
            }
        }
    )+};
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The struct-like compounds: named fields in `{…}`.
macro_rules! struct_like {
    ($($trait:ident),+) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = JsonError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
                self.field(key, value)
            }
            fn end(self) -> Result {
                self.finish(b'}')
            }
        }
    )+};
}

struct_like!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.next();
        key.serialize(KeySerializer { pretty: &mut *self.pretty })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.pretty.out.extend_from_slice(b": ");
        value.serialize(&mut *self.pretty)?;
        self.pretty.has_value = true;
        Ok(())
    }
    fn end(self) -> Result {
        self.finish(b'}')
    }
}

/// Map keys, as serde_json writes them: strings as they are; chars, integers, booleans and
/// finite floats quoted; `Some(key)` as the key; anything else is an error, as it is there.
struct KeySerializer<'a, 'o> {
    pretty: &'a mut Pretty<'o>,
}

impl KeySerializer<'_, '_> {
    fn quoted(self, value: impl Display) -> Result {
        self.pretty.out.push(b'"');
        self.pretty.display(value);
        self.pretty.out.push(b'"');
        Ok(())
    }

    /// A float key: quoted in serde_json's digits when finite, refused otherwise.
    fn float<T: Serialize>(self, finite: bool, value: T) -> Result {
        if !finite {
            return Err(JsonError("float key must be finite".into()));
        }
        self.pretty.out.push(b'"');
        self.pretty.like_serde_json(value)?;
        self.pretty.out.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> JsonError {
    JsonError("key must be a string".into())
}

impl ser::Serializer for KeySerializer<'_, '_> {
    type Ok = ();
    type Error = JsonError;
    type SerializeSeq = ser::Impossible<(), JsonError>;
    type SerializeTuple = ser::Impossible<(), JsonError>;
    type SerializeTupleStruct = ser::Impossible<(), JsonError>;
    type SerializeTupleVariant = ser::Impossible<(), JsonError>;
    type SerializeMap = ser::Impossible<(), JsonError>;
    type SerializeStruct = ser::Impossible<(), JsonError>;
    type SerializeStructVariant = ser::Impossible<(), JsonError>;

    fn serialize_str(self, v: &str) -> Result {
        self.pretty.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.pretty.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result {
        self.quoted(v)
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.quoted(v)
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.quoted(v)
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.quoted(v)
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.quoted(v)
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.quoted(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.quoted(v)
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.quoted(v)
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.quoted(v)
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.quoted(v)
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.quoted(v)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.float(v.is_finite(), v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.float(v.is_finite(), v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Serialize, Serializer};

    use super::write_pretty;

    /// Bytes given to `serialize_bytes`.
    struct Bytes(&'static [u8]);

    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Newtype(i32);

    #[derive(Serialize)]
    struct Skipped {
        #[serde(skip_serializing_if = "Option::is_none")]
        gone: Option<i32>,
    }

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Wrapped(String),
        Pair(u8, bool),
        Named { x: f64, list: Vec<i32> },
        NoFields {},
        NoItems(),
    }

    #[derive(Serialize)]
    struct Inner {
        name: &'static str,
        empty: Vec<String>,
        none: Option<i64>,
        some: Option<i64>,
    }

    #[derive(Serialize)]
    struct Outer {
        id: i64,
        negative: i64,
        min: i64,
        big: u64,
        wide: i128,
        small: i8,
        floats: Vec<f64>,
        single: f32,
        yes: bool,
        letter: char,
        bytes: Bytes,
        no_bytes: Bytes,
        unit: (),
        unit_struct: Unit,
        newtype: Newtype,
        tuple: (i32, &'static str),
        kinds: Vec<Kind>,
        inner: Inner,
        nested: Vec<Vec<Inner>>,
        by_name: BTreeMap<&'static str, i32>,
        by_number: BTreeMap<i64, &'static str>,
        no_map: BTreeMap<String, i32>,
        skipped: Skipped,
        #[serde(flatten)]
        flat: Inner,
        text: String,
    }

    fn outer(text: String) -> Outer {
        let inner = || Inner { name: "in\"ner", empty: vec![], none: None, some: Some(-3) };
        Outer {
            id: 1,
            negative: -42,
            min: i64::MIN,
            big: u64::MAX,
            wide: -170_141_183_460_469_231_731_687_303_715_884_105_728,
            small: -8,
            floats: vec![1.5, 0.1, -0.0, 1e300, 5e-324, f64::NAN, f64::INFINITY, 3.0],
            single: 0.3,
            yes: true,
            letter: '"',
            bytes: Bytes(&[0, 7, 255]),
            no_bytes: Bytes(&[]),
            unit: (),
            unit_struct: Unit,
            newtype: Newtype(9),
            tuple: (1, "two"),
            kinds: vec![
                Kind::Plain,
                Kind::Wrapped("w".into()),
                Kind::Pair(2, false),
                Kind::Named { x: 2.25, list: vec![1, 2] },
                Kind::Named { x: 0.0, list: vec![] },
                Kind::NoFields {},
                Kind::NoItems(),
            ],
            inner: inner(),
            nested: vec![vec![], vec![inner(), inner()]],
            by_name: [("a", 1), ("b\\c", 2)].into_iter().collect(),
            by_number: [(-1, "minus"), (10, "ten")].into_iter().collect(),
            no_map: BTreeMap::new(),
            skipped: Skipped { gone: None },
            flat: inner(),
            text,
        }
    }

    /// Every ASCII byte, multibyte text, and escapes at each offset around the eight-byte
    /// words the scanner reads.
    fn texts() -> Vec<String> {
        let mut texts = vec![String::new(), (0u8..=127).map(char::from).collect(), "Доставлено 已签收 ✓".into()];
        for at in 0..20 {
            for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', '\u{7f}', 'ё'] {
                let mut text = "x".repeat(24);
                text.insert(at, special);
                texts.push(text);
            }
        }
        texts
    }

    #[test]
    fn writes_what_serde_json_writes_as_a_value_and_as_list_items() {
        for text in texts() {
            let value = outer(text.clone());
            let mut alone = Vec::new();
            write_pretty(&value, 0, &mut alone).unwrap();
            assert_eq!(String::from_utf8(alone).unwrap(), serde_json::to_string_pretty(&value).unwrap(), "{text:?}");

            let list = [outer(text.clone()), outer(text.clone())];
            let mut joined = Vec::new();
            for (i, item) in list.iter().enumerate() {
                joined.extend_from_slice(if i == 0 { b"[\n  " } else { b",\n  " });
                write_pretty(item, 1, &mut joined).unwrap();
            }
            joined.extend_from_slice(b"\n]");
            assert_eq!(String::from_utf8(joined).unwrap(), serde_json::to_string_pretty(&list).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn map_keys_are_written_or_refused_as_by_serde_json() {
        fn same<K: Serialize>(keys: &[K]) -> bool {
            let map = PairsAsMap(keys);
            let mut ours = Vec::new();
            match (write_pretty(&map, 0, &mut ours), serde_json::to_string_pretty(&map)) {
                (Ok(()), Ok(theirs)) => assert_eq!(String::from_utf8(ours).unwrap(), theirs),
                (Err(_), Err(_)) => return false,
                (ours, theirs) => panic!("ours {ours:?}, serde_json {theirs:?}"),
            }
            true
        }
        assert!(same(&["k", "a\"b"]));
        assert!(same(&[Some("k")]));
        assert!(same(&[1.5, -0.25, 1e300]));
        assert!(same(&[0.5f32]));
        assert!(same(&[true, false]));
        assert!(same(&['x', '"']));
        assert!(same(&[-3i64, 7]));
        assert!(!same(&[f64::NAN]));
        assert!(!same(&[None::<&str>]));
        assert!(!same(&[(1, 2)]));
    }

    /// Keys serialized as a map to 1, 2, 3, … (a `BTreeMap` cannot hold floats).
    struct PairsAsMap<'a, K>(&'a [K]);

    impl<K: Serialize> Serialize for PairsAsMap<'_, K> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.0.iter().zip(1..))
        }
    }
}
