//! Provider rules for this question (stub: the issue that owns it fills it in).

use super::Section;
use serde::{Deserialize, Serialize};

/// The `[late_payment]` section of a provider file.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LatePayment {}

impl Section for LatePayment {}
