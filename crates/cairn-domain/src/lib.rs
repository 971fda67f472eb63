//! Cairn's pure rules. Nothing here touches the network, the disk, the clock or a random
//! source: "now" and any randomness come in as arguments, so every rule can be unit- and
//! property-tested. Dependencies point one way: domain ← db ← app ← web ← binary.
//!
//! Modules carry the same capability names as in every other crate (`units`, `people`, …);
//! `access` holds the role × permission rules, `validation` the field-error type whose codes
//! are Fluent message ids, and `time` the date and time-zone rules.

pub mod access;
pub mod enums;
pub mod feedback;
pub mod meetings;
pub mod model;
pub mod payments;
pub mod people;
pub mod playbook;
pub mod principles;
pub mod reports;
pub mod retention;
pub mod roles;
pub mod surveys;
pub mod time;
pub mod training;
pub mod translation;
pub mod units;
pub mod validation;
pub mod webhooks;

pub use access::{Permission, Role};
pub use validation::{FieldError, FieldErrors};
