//! `check` on one file, rendered in every format: no panic, spans sliceable, no credential
//! printed.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    invariants::check(data);
});
