//! A zip file of stored (uncompressed) entries, for the subject access export: the JSON
//! document and each receipt as its own file. Receipts are JPEG, PNG or PDF, already
//! compressed, so storing them costs little and keeps this writer small. The layout is the
//! PKWARE APPNOTE's: a local header before each file, then the central directory and its end
//! record. Names are UTF-8 (general-purpose flag bit 11). Without Zip64, the whole archive must
//! stay under 4 GiB and 65,535 entries; larger is refused rather than written wrong.

use crc::{CRC_32_ISO_HDLC, Crc};

const CRC32: Crc<u32> = Crc::<u32>::new(&CRC_32_ISO_HDLC);
/// Version 2.0: stored entries and directories.
const VERSION: u16 = 20;
/// Bit 11: file names are UTF-8.
const UTF8: u16 = 1 << 11;

/// Too large for a zip without Zip64.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

/// The MS-DOS date and time a zip entry carries (local wall-clock time, two-second steps).
#[derive(Debug, Clone, Copy)]
pub struct DosTime {
    pub date: u16,
    pub time: u16,
}

impl DosTime {
    /// From a wall-clock date and time; years before 1980 (the format's epoch) become 1980.
    pub fn new(year: i16, month: i8, day: i8, hour: i8, minute: i8, second: i8) -> Self {
        let y = u16::try_from(year.max(1980) - 1980).unwrap_or(0).min(127);
        let part = |v: i8| u16::try_from(v).unwrap_or(0);
        DosTime {
            date: (y << 9) | (part(month) << 5) | part(day),
            time: (part(hour) << 11) | (part(minute) << 5) | (part(second) / 2),
        }
    }
}

/// Writes `files` (name, bytes) into one zip archive, in the order given.
pub fn write(files: &[(&str, &[u8])], when: DosTime) -> Result<Vec<u8>, TooLarge> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let count = u16::try_from(files.len()).map_err(|_| TooLarge)?;
    for (name, bytes) in files {
        let offset = u32::try_from(out.len()).map_err(|_| TooLarge)?;
        let size = u32::try_from(bytes.len()).map_err(|_| TooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| TooLarge)?;
        let crc = CRC32.checksum(bytes);
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [VERSION, UTF8, 0, when.time, when.date] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        for v in [VERSION, VERSION, UTF8, 0, when.time, when.date] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        // Name length, extra length, comment length, disk number, internal attributes.
        for v in [name_len, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        // External attributes, then where the local header is.
        for v in [0u32, offset] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(name.as_bytes());
    }
    let central_at = u32::try_from(out.len()).map_err(|_| TooLarge)?;
    let central_len = u32::try_from(central.len()).map_err(|_| TooLarge)?;
    out.extend_from_slice(&central);
    // End of central directory.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in [central_len, central_at] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&0u16.to_le_bytes());
    u32::try_from(out.len()).map_err(|_| TooLarge)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_the_zip_checksum() {
        // The standard check value of CRC-32/ISO-HDLC.
        assert_eq!(CRC32.checksum(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn dos_time_packs_date_and_time_in_two_second_steps() {
        let t = DosTime::new(2026, 12, 4, 13, 45, 31);
        assert_eq!(t.date, (46 << 9) | (12 << 5) | 4);
        assert_eq!(t.time, (13 << 11) | (45 << 5) | 15);
    }
}
