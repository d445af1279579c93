//! The BIK scale for extrajudicial collection costs (late-payment issue).
