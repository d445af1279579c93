//! Buyout: what leaving before the end of the term costs (buyout issue).
