//! The polling cursor: any text decodes or is `invalid-input` on `cursor`; a cursor round-trips;
//! polls at any clock return each key once, oldest first, and never a key again.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::config;
use crate::fuzzing::cursor::{decode, encode, first, select, Contents};

fn listed() -> impl Strategy<Value = Vec<(String, u64)>> {
    let time = prop_oneof![1_799_900_000u64..1_800_100_000, 0u64..100_000, any::<u64>()];
    prop::collection::vec(("[a-d]{1,2}", time), 0..12)
}

fn now() -> impl Strategy<Value = u64> {
    prop_oneof![1_799_900_000u64..1_800_100_000, 0u64..100_000, any::<u64>()]
}

fn once_each(keys: &[String]) -> bool {
    keys.iter().collect::<BTreeSet<_>>().len() == keys.len()
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn any_text_decodes_or_is_invalid_input_on_cursor(text in prop_oneof![".{0,80}", "zc1\\.[A-Za-z0-9_-]{0,80}"]) {
        match decode(&text) {
            Ok(contents) => prop_assert_eq!(decode(&encode(&contents)), Ok(contents)),
            Err((field, _)) => prop_assert_eq!(field, "cursor"),
        }
    }

    #[test]
    fn a_cursor_round_trips(since in any::<u64>(), seen in prop::collection::vec((".{0,20}", any::<u64>()), 0..8)) {
        let contents: Contents = (since, seen);
        prop_assert_eq!(decode(&encode(&contents)), Ok(contents));
    }

    #[test]
    fn polls_return_each_key_once_oldest_first(
        a in listed(), now in now(), backfill in 0u32..=720, b in listed(), later in now(),
    ) {
        let (cursor, returned) = first(a.clone(), now, backfill);
        prop_assert!(once_each(&returned), "{:?}", returned);
        // Oldest first, where each key is listed once (a key listed twice is returned at one time).
        if once_each(&a.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()) {
            let times: Vec<u64> = returned.iter().map(|k| a.iter().find(|(x, _)| x == k).unwrap().1).collect();
            prop_assert!(times.windows(2).all(|w| w[0] <= w[1]), "{:?}", times);
        }
        let before: BTreeSet<String> = cursor.1.iter().map(|(k, _)| k.clone()).collect();
        let (_, again) = select(decode(&encode(&cursor)).unwrap(), b, later);
        prop_assert!(once_each(&again));
        prop_assert!(again.iter().all(|k| !before.contains(k)), "{:?} returned again", again);
    }
}
