//! Late-payment interest (late-payment issue).
