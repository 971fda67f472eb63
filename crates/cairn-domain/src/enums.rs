//! A small macro for the enumerations that are stored as `TEXT` with a `CHECK` and sent over
//! the API as stable snake_case keys. The key never changes once shipped; the words people see
//! come from Fluent (`<prefix>-<key>` message ids), never from here.

/// Declares an enumeration with a stable key per variant, `ALL`, `key()`, `parse()` and the
/// Fluent id of its label.
#[macro_export]
macro_rules! keyed_enum {
    ($(#[$meta:meta])* $name:ident, $fluent_prefix:literal, { $($(#[$vmeta:meta])* $variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every variant, in the order they are offered to people.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable key stored in the database and used by the API.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// Reads a stable key; `None` for anything else.
            pub fn parse(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }

            /// The Fluent message id of this value's label.
            pub fn label_id(self) -> String {
                format!("{}-{}", $fluent_prefix, self.key().replace('_', "-"))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown value `{s}`")))
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::parse(&s).ok_or_else(|| format!("unknown {} `{s}`", stringify!($name)))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}
