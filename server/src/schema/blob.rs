//! Reading the embedded data files: zlib blobs and the indexed "pack" container.
//!
//! A pack is `b"AWSLSPK1"`, a u32 entry count, a u32 metadata length, the
//! zlib-compressed JSON metadata, then one index record per entry (u16 name
//! length, UTF-8 name, u64 tag, u32 offset, u32 length) sorted by name bytes,
//! then the blob area. Every blob is zlib-compressed JSON. All integers are
//! little-endian. `server/tools/regenerate-data.py` writes these files.

use std::io::Read;

use serde::de::DeserializeOwned;

const MAGIC: &[u8; 8] = b"AWSLSPK1";

/// Inflates a zlib stream.
pub fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len() * 4);
    flate2::read::ZlibDecoder::new(data)
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt embedded data: {e}"))?;
    Ok(out)
}

/// Inflates a zlib stream and parses the JSON inside into `T`.
pub fn decode_json<T: DeserializeOwned>(data: &[u8]) -> Result<T, String> {
    let raw = inflate(data)?;
    serde_json::from_slice(&raw).map_err(|e| format!("malformed embedded data: {e}"))
}

/// One named entry of a pack.
#[derive(Debug)]
pub struct PackEntry {
    pub name: Box<str>,
    /// Free-form per-entry bits (the CloudFormation pack stores a region bitmask here).
    pub tag: u64,
    offset: u32,
    len: u32,
}

/// A parsed pack index over embedded bytes; blobs are inflated on demand.
#[derive(Debug)]
pub struct Pack {
    data: &'static [u8],
    meta: &'static [u8],
    blob_start: usize,
    entries: Vec<PackEntry>,
}

struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        let end = end.ok_or_else(|| "truncated embedded pack".to_string())?;
        let out = self
            .data
            .get(self.pos..end)
            .ok_or("truncated embedded pack")?;
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
}

impl Pack {
    /// Parses the index of a pack (names only; nothing is inflated).
    pub fn parse(data: &'static [u8]) -> Result<Pack, String> {
        let mut cur = Cursor { data, pos: 0 };
        if cur.take(MAGIC.len())? != MAGIC {
            return Err("embedded pack has a wrong header".into());
        }
        let count = cur.u32()? as usize;
        let meta_len = cur.u32()? as usize;
        let meta = cur.take(meta_len)?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let name_len = cur.u16()? as usize;
            let name = std::str::from_utf8(cur.take(name_len)?)
                .map_err(|_| "embedded pack has a non-UTF-8 name".to_string())?;
            let tag = cur.u64()?;
            let offset = cur.u32()?;
            let len = cur.u32()?;
            entries.push(PackEntry {
                name: name.into(),
                tag,
                offset,
                len,
            });
        }
        let blob_start = cur.pos;
        if !entries.windows(2).all(|w| w[0].name < w[1].name) {
            return Err("embedded pack index is not sorted".into());
        }
        Ok(Pack {
            data,
            meta,
            blob_start,
            entries,
        })
    }

    /// The entries, sorted by name bytes.
    pub fn entries(&self) -> &[PackEntry] {
        &self.entries
    }

    /// Index of the entry with exactly this name.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.entries.binary_search_by(|e| (*e.name).cmp(name)).ok()
    }

    /// Decodes the pack metadata JSON.
    pub fn meta<T: DeserializeOwned>(&self) -> Result<T, String> {
        decode_json(self.meta)
    }

    /// Inflates and parses entry `index`.
    pub fn decode<T: DeserializeOwned>(&self, index: usize) -> Result<T, String> {
        let entry = self.entries.get(index).ok_or("no such pack entry")?;
        let start = self.blob_start + entry.offset as usize;
        let bytes = self
            .data
            .get(start..start + entry.len as usize)
            .ok_or("embedded pack blob out of range")?;
        decode_json(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_header_and_truncation() {
        assert!(Pack::parse(b"NOTAPACK\0\0\0\0\0\0\0\0").is_err());
        assert!(Pack::parse(b"AWSLSPK1\x01\0\0\0").is_err());
    }

    #[test]
    fn inflate_rejects_garbage() {
        assert!(inflate(b"definitely not zlib").is_err());
    }
}
