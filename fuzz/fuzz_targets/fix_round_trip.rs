//! `check --unsafe-fixes` on one file: the output is the input with exactly the fixes' edits,
//! parses, and a second run changes nothing.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::fix_round_trip(data);
});
