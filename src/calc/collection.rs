//! Extrajudicial collection costs (late-payment issue).
