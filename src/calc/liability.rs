//! Liability ceilings and claim deadlines (liability issue).
