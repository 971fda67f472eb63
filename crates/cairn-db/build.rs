//! `sqlx::migrate!` reads the migration files while this crate compiles, but on stable Rust
//! cargo does not know it did: without this, an edited or added migration is picked up only
//! when some Rust file of the crate changes too.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
