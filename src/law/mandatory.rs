//! Mandatory law that overrides termination clauses: Telecommunicatiewet art. 7.2a and BW 6:236 sub j (end-date issue).
