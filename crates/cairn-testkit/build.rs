//! `sqlx::migrate!` embeds the migration files that exist when this crate is compiled, but on
//! stable Rust it cannot ask Cargo to watch the folder. Watching it here means an added
//! migration rebuilds the crate, so the PostgreSQL template's name (a fingerprint of the
//! migrations) changes with it.
fn main() {
    println!("cargo::rerun-if-changed=../../migrations");
}
