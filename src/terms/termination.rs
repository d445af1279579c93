//! Provider rules for this question (stub: the issue that owns it fills it in).

use super::Section;
use serde::{Deserialize, Serialize};

/// The `[termination]` section of a provider file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Termination {}

impl Section for Termination {}
