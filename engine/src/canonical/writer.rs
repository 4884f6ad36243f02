//! Canonical JSON written straight from any `Serialize` value, without building a
//! `serde_json::Value` first.
//!
//! Every output type (outcomes, family summaries, comparisons, explanations, error records)
//! used to be turned into a `Value` tree and then printed: one allocation per string, number,
//! array and object, then a sorted copy of every object's entries. This serializer writes
//! the text directly and gives the same bytes as that detour (the property tests in
//! `canonical.rs` check it for arbitrary values and for the real output types):
//!
//! - Objects (structs, maps, `flatten`ed structs, struct variants) are written in the order
//!   serde hands their entries over, each entry's byte range noted. When the keys came in
//!   strictly increasing UTF-16 order (maps from a `BTreeMap` nearly always do) nothing more
//!   happens; otherwise, at the object's end, its entries are sorted by key and copied back
//!   in that order (one copy of the object's text, through a scratch buffer reused across
//!   the whole value). A key given twice keeps its last value, as a `Value` map would.
//! - Numbers print as ECMAScript does (`write_f64`); integers exactly as the `Value` path
//!   printed them (beyond 2^53 through the same `f64`).
//! - Enums come out as `serde_json::to_value` makes them: unit variants as strings, others
//!   as `{"variant": …}`; `None` and `()` as `null`; bytes as an array of numbers.
//! - Map keys may be strings, chars, bools, integers or unit variants, as in `serde_json`.
//!   A float key, which `serde_json` prints with its own float formatter, is an error here
//!   rather than a second number format; so is any other non-string key.

use super::{needs_escape, utf16_cmp, write_f64, write_i64, write_string, write_u64};
use serde::ser::{self, Serialize};
use std::fmt;

/// Why a value has no canonical JSON: a map key that is not a string (or a string-like
/// scalar), an integer outside 64 bits, or an error raised by the value's own `Serialize`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn key_must_be_a_string() -> Error {
    Error(String::from("key must be a string"))
}

/// Append the canonical JSON of `value` to `out`; on error `out` is left as it was.
pub(super) fn append<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), Error> {
    let start = out.len();
    let mut w = Writer {
        out: std::mem::take(out),
        entries: Vec::new(),
        keys: String::new(),
        scratch: String::new(),
    };
    let result = value.serialize(&mut w);
    *out = w.out;
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// The output and the bookkeeping of the objects being written. `entries` and `keys` are
/// stacks: each open object owns the part above where it started and gives it back when it
/// ends, so nested objects share one allocation each.
struct Writer {
    out: String,
    entries: Vec<Entry>,
    keys: String,
    scratch: String,
}

/// An object key: a struct field name, or a map key's text in `Writer::keys`.
#[derive(Clone, Copy)]
enum Key {
    Static(&'static str),
    Arena(usize, usize),
}

/// One written entry (`"key":value`, no comma) at `out[start..end]`.
#[derive(Clone, Copy)]
struct Entry {
    key: Key,
    start: usize,
    end: usize,
}

fn key_str(keys: &str, key: Key) -> &str {
    match key {
        Key::Static(s) => s,
        Key::Arena(a, b) => keys.get(a..b).unwrap_or_default(),
    }
}

impl Writer {
    fn open_object(&mut self, variant: Option<&'static str>) -> Object<'_> {
        if let Some(v) = variant {
            self.out.push('{');
            write_string(&mut self.out, v);
            self.out.push(':');
        }
        self.out.push('{');
        Object {
            body: self.out.len(),
            base: self.entries.len(),
            keys_base: self.keys.len(),
            sorted: true,
            pending: None,
            variant: variant.is_some(),
            w: self,
        }
    }

    fn open_array(&mut self, variant: Option<&'static str>) -> Array<'_> {
        if let Some(v) = variant {
            self.out.push('{');
            write_string(&mut self.out, v);
            self.out.push(':');
        }
        self.out.push('[');
        Array {
            first: true,
            variant: variant.is_some(),
            w: self,
        }
    }
}

/// An array (sequence, tuple, tuple struct, tuple variant) being written.
struct Array<'a> {
    w: &'a mut Writer,
    first: bool,
    variant: bool,
}

impl Array<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
        value.serialize(&mut *self.w)
    }

    fn close(self) -> Result<(), Error> {
        self.w.out.push(']');
        if self.variant {
            self.w.out.push('}');
        }
        Ok(())
    }
}

/// An object (struct, map, struct variant) being written.
struct Object<'a> {
    w: &'a mut Writer,
    /// Offset in `out` just after the `{`.
    body: usize,
    /// This object's first entry in `w.entries`.
    base: usize,
    /// This object's first byte in `w.keys`.
    keys_base: usize,
    /// Whether the keys so far are strictly increasing.
    sorted: bool,
    /// A map key written, its value not yet: the key and where its entry starts.
    pending: Option<(Key, usize)>,
    /// A struct variant: one more `}` to close.
    variant: bool,
}

impl Object<'_> {
    /// Write the comma and `"key":`; returns where the entry starts.
    fn begin(&mut self, key: Key) -> usize {
        let w = &mut *self.w;
        if w.entries.len() > self.base {
            w.out.push(',');
        }
        let start = w.out.len();
        match key {
            // A field name of an output type: short, and plain ASCII in practice, so it is
            // copied as it is once a byte loop has found nothing to escape.
            Key::Static(name) if !name.bytes().any(needs_escape) => {
                w.out.push('"');
                w.out.push_str(name);
                w.out.push_str("\":");
            }
            _ => {
                write_string(&mut w.out, key_str(&w.keys, key));
                w.out.push(':');
            }
        }
        start
    }

    /// Note the entry that ends here.
    fn finish(&mut self, key: Key, start: usize) {
        let w = &mut *self.w;
        if self.sorted && w.entries.len() > self.base {
            if let Some(prev) = w.entries.last() {
                let order = utf16_cmp(key_str(&w.keys, prev.key), key_str(&w.keys, key));
                self.sorted = order == std::cmp::Ordering::Less;
            }
        }
        w.entries.push(Entry {
            key,
            start,
            end: w.out.len(),
        });
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let key = Key::Static(key);
        let start = self.begin(key);
        value.serialize(&mut *self.w)?;
        self.finish(key, start);
        Ok(())
    }

    fn map_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let a = self.w.keys.len();
        key.serialize(KeyWriter {
            keys: &mut self.w.keys,
        })?;
        let key = Key::Arena(a, self.w.keys.len());
        let start = self.begin(key);
        self.pending = Some((key, start));
        Ok(())
    }

    fn map_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let Some((key, start)) = self.pending.take() else {
            return Err(Error(String::from("a map value without a key")));
        };
        value.serialize(&mut *self.w)?;
        self.finish(key, start);
        Ok(())
    }

    fn close(self) -> Result<(), Error> {
        let Writer {
            out,
            entries,
            keys,
            scratch,
        } = &mut *self.w;
        if !self.sorted {
            let frame = entries.get_mut(self.base..).unwrap_or_default();
            // Stable: of equal keys the last written stays last, and is the one kept.
            frame.sort_by(|a, b| utf16_cmp(key_str(keys, a.key), key_str(keys, b.key)));
            scratch.clear();
            scratch.push_str(out.get(self.body..).unwrap_or_default());
            out.truncate(self.body);
            let mut first = true;
            for (i, e) in frame.iter().enumerate() {
                let replaced = frame
                    .get(i + 1)
                    .is_some_and(|next| key_str(keys, next.key) == key_str(keys, e.key));
                if replaced {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                let text = scratch.get(e.start - self.body..e.end - self.body);
                out.push_str(text.unwrap_or_default());
            }
        }
        entries.truncate(self.base);
        keys.truncate(self.keys_base);
        out.push('}');
        if self.variant {
            out.push('}');
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = Array<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        write_i64(&mut self.out, v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        if let Ok(u) = u64::try_from(v) {
            self.serialize_u64(u)
        } else if let Ok(i) = i64::try_from(v) {
            self.serialize_i64(i)
        } else {
            Err(Error(String::from("number out of range")))
        }
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        write_u64(&mut self.out, v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        match u64::try_from(v) {
            Ok(u) => self.serialize_u64(u),
            Err(_) => Err(Error(String::from("number out of range"))),
        }
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        write_f64(&mut self.out, f64::from(v));
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write_f64(&mut self.out, v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_string(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_string(&mut self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.out.push('[');
        for (i, b) in v.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            write_u64(&mut self.out, u64::from(*b));
        }
        self.out.push(']');
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push('{');
        write_string(&mut self.out, variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Array<'a>, Error> {
        Ok(self.open_array(None))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Array<'a>, Error> {
        Ok(self.open_array(None))
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Array<'a>, Error> {
        Ok(self.open_array(None))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Array<'a>, Error> {
        Ok(self.open_array(Some(variant)))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'a>, Error> {
        Ok(self.open_object(None))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object<'a>, Error> {
        Ok(self.open_object(None))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'a>, Error> {
        Ok(self.open_object(Some(variant)))
    }
}

impl ser::SerializeSeq for Array<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTuple for Array<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Array<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Array<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.map_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.map_value(value)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// Writes a map key's text (unescaped) to the key stack, as `serde_json` turns keys into
/// strings: strings and chars as they are, bools and integers as their decimal text, unit
/// variants as their name, newtypes as what they wrap.
struct KeyWriter<'a> {
    keys: &'a mut String,
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.keys.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        use std::fmt::Write as _;
        let _ = write!(self.keys, "{v}");
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u128(u128::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u128(u128::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u128(u128::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.serialize_u128(u128::from(v))
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        use std::fmt::Write as _;
        let _ = write!(self.keys, "{v}");
        Ok(())
    }

    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.keys.push(v);
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.keys.push_str(v);
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.keys.push_str(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}
