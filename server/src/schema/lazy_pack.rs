//! A pack whose index is parsed on first use and whose entries are decoded one by one on demand.

use std::sync::OnceLock;

use super::blob::Pack;

type Slots<T> = Box<[OnceLock<Option<T>>]>;

/// Embedded pack bytes plus per-entry caches. Nothing runs until the first call.
pub struct LazyPack<T> {
    bytes: &'static [u8],
    decode: fn(&Pack, usize) -> Option<T>,
    state: OnceLock<Option<(Pack, Slots<T>)>>,
    names: OnceLock<Box<[Box<str>]>>,
}

impl<T: Send + Sync> LazyPack<T> {
    pub const fn new(bytes: &'static [u8], decode: fn(&Pack, usize) -> Option<T>) -> Self {
        LazyPack {
            bytes,
            decode,
            state: OnceLock::new(),
            names: OnceLock::new(),
        }
    }

    /// The parsed index, or None when the embedded bytes are corrupt.
    pub fn pack(&self) -> Option<&Pack> {
        self.state().map(|(p, _)| p)
    }

    fn state(&self) -> Option<&(Pack, Slots<T>)> {
        self.state
            .get_or_init(|| {
                let pack = Pack::parse(self.bytes).ok()?;
                let slots = (0..pack.entries().len()).map(|_| OnceLock::new()).collect();
                Some((pack, slots))
            })
            .as_ref()
    }

    /// All entry names, sorted by bytes.
    pub fn names(&self) -> &[Box<str>] {
        self.names.get_or_init(|| match self.pack() {
            Some(p) => p.entries().iter().map(|e| e.name.clone()).collect(),
            None => Box::new([]),
        })
    }

    /// The decoded entry at `index` (decoded once, then cached).
    pub fn get_index(&self, index: usize) -> Option<&T> {
        let (pack, slots) = self.state()?;
        slots
            .get(index)?
            .get_or_init(|| (self.decode)(pack, index))
            .as_ref()
    }

    /// The decoded entry named exactly `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        let index = self.pack()?.find(name)?;
        self.get_index(index)
    }

    /// The tag stored in the index for `name`, without decoding the entry.
    pub fn tag(&self, name: &str) -> Option<u64> {
        let pack = self.pack()?;
        pack.entries().get(pack.find(name)?).map(|e| e.tag)
    }
}
