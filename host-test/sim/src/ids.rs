//! Random identifiers in Zoom's shapes. Not cryptographic: they only have to be
//! unpredictable enough that a client cannot hard-code them, and different per
//! simulator instance.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

pub(crate) struct Rng(u64);

impl Rng {
    /// Seeds from std's per-process random hasher keys plus a counter, so two
    /// simulators in one test binary never share credentials or ids.
    pub(crate) fn seeded() -> Rng {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut h = RandomState::new().build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        h.write_i64(super::clock::now_ms());
        Rng(h.finish())
    }

    /// splitmix64.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn range(&mut self, lo: u64, hi_inclusive: u64) -> u64 {
        lo + self.next_u64() % (hi_inclusive - lo + 1)
    }

    fn bytes16(&mut self) -> [u8; 16] {
        let mut out = [0u8; 16];
        out[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        out[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        out
    }

    pub(crate) fn alnum(&mut self, n: usize) -> String {
        const SET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..n).map(|_| SET[(self.next_u64() % SET.len() as u64) as usize] as char).collect()
    }

    pub(crate) fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + (self.next_u64() % 10) as u8)).collect()
    }

    /// User, account and registrant ids: 22 url-safe base64 chars, e.g.
    /// `zJKyaiAyTNC-MWjiWC18KQ`.
    pub(crate) fn zoom_id(&mut self) -> String {
        URL_SAFE_NO_PAD.encode(self.bytes16())
    }

    /// Meeting UUIDs are padded standard base64 and may contain `/` and `+`,
    /// e.g. `aDYlohsHRtCd4ii1uC2+hA==`.
    pub(crate) fn meeting_uuid(&mut self) -> String {
        STANDARD.encode(self.bytes16())
    }

    /// 10 or 11 digits, like real meeting ids (they overflow u32).
    pub(crate) fn meeting_id(&mut self) -> u64 {
        self.range(1_000_000_000, 99_999_999_999)
    }

    /// Recording file and call log ids: a hyphenated lower-case UUID, e.g.
    /// `72576a1f-4e66-4a77-87c4-f13f9808bd76`.
    pub(crate) fn hyphenated_uuid(&mut self) -> String {
        let h: String = self.bytes16().iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
    }

    pub(crate) fn tracking_id(&mut self) -> String {
        format!("v=2.0;clid=sim;rid=WEB_{:016x}{:016x}", self.next_u64(), self.next_u64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_zoom_shapes() {
        let mut rng = Rng::seeded();
        for _ in 0..200 {
            let id = rng.meeting_id();
            let len = id.to_string().len();
            assert!(len == 10 || len == 11, "{id}");
            let uuid = rng.meeting_uuid();
            assert_eq!(uuid.len(), 24);
            assert!(uuid.ends_with("=="));
            assert_eq!(rng.zoom_id().len(), 22);
        }
    }

    #[test]
    fn two_generators_differ() {
        assert_ne!(Rng::seeded().alnum(32), Rng::seeded().alnum(32));
    }
}
