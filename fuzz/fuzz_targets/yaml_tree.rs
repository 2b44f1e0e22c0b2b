//! The spanned YAML tree over any text: spans sliceable, children in the arena, no expansion.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The tree builder only ever sees text: undecodable input is decoded lossily first.
    let source = kubeadm_lint::SourceFile::from_bytes("fuzz.yaml", data.to_vec());
    invariants::tree(&source.text);
});
