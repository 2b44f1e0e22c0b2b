//! Fixes: edits computed from spans, applied and re-checked until stable.

pub mod edits;
pub mod entries;
