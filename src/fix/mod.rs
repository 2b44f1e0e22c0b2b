//! Fixes: edits computed from spans, applied and re-checked until stable.

pub mod blocks;
pub mod edits;
