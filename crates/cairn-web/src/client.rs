//! Who is calling, behind a reverse proxy: the client's address (for sign-in limits) and the
//! origin that form posts must come from.
//!
//! A proxy's `X-Forwarded-For` is believed only when the connection comes from an address
//! listed in `CAIRN_TRUSTED_PROXIES`; anyone else could write any address there and so dodge a
//! sign-in limit. The list is read right to left, skipping trusted proxies, and the first
//! address that is not one is the client's.

use axum::http::HeaderMap;
use std::net::IpAddr;

/// One address or network (`10.0.0.0/8`, `::1`) in `CAIRN_TRUSTED_PROXIES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    net: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// Reads `addr` or `addr/prefix`.
    pub fn parse(s: &str) -> Result<IpRange, String> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let net: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s} is not an IP address or network"))?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s} has no valid prefix length (0 to {max})"))?,
        };
        Ok(IpRange { net, prefix })
    }

    /// Reads a comma-separated list; empty means none.
    pub fn parse_list(s: &str) -> Result<Vec<IpRange>, String> {
        s.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(IpRange::parse)
            .collect()
    }

    /// True when `ip` is inside this range (an IPv4 address written as IPv6-mapped counts as
    /// IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

fn trusted(ip: IpAddr, proxies: &[IpRange]) -> bool {
    proxies.iter().any(|r| r.contains(ip))
}

/// The client's address: the peer itself, unless the peer is a trusted proxy, in which case
/// the rightmost address in `X-Forwarded-For` that is not a trusted proxy (or the leftmost,
/// when all are). Unreadable entries end the walk: nothing left of them can be believed.
pub fn client_addr(peer: Option<IpAddr>, headers: &HeaderMap, proxies: &[IpRange]) -> String {
    let Some(peer) = peer else {
        return "unknown".into();
    };
    if !trusted(peer, proxies) {
        return peer.to_string();
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted(ip, proxies) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client.to_string()
}

/// The origin (`scheme://host[:port]`) of a base address, as browsers send it in `Origin`.
pub fn origin_of(base_url: &str) -> Option<String> {
    let u = url::Url::parse(base_url).ok()?;
    let origin = u.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", HeaderValue::from_str(v).expect("value"));
        }
        h
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().expect("ip"))
    }

    #[test]
    fn ranges_parse_and_match_v4_v6_and_mapped_addresses() {
        let r = IpRange::parse_list("10.0.0.0/8, 192.168.1.5 ,::1,fd00::/8").expect("list");
        assert_eq!(r.len(), 4);
        assert!(r[0].contains("10.200.3.4".parse().expect("ip")));
        assert!(!r[0].contains("11.0.0.1".parse().expect("ip")));
        assert!(r[1].contains("192.168.1.5".parse().expect("ip")));
        assert!(!r[1].contains("192.168.1.6".parse().expect("ip")));
        assert!(r[2].contains("::1".parse().expect("ip")));
        assert!(r[3].contains("fd12::9".parse().expect("ip")));
        assert!(r[0].contains("::ffff:10.1.1.1".parse().expect("ip")));
        assert!(
            IpRange::parse("0.0.0.0/0")
                .expect("all")
                .contains("8.8.8.8".parse().expect("ip"))
        );
        assert!(IpRange::parse("10.0.0.0/33").is_err());
        assert!(IpRange::parse("proxy.example").is_err());
        assert_eq!(IpRange::parse_list("").expect("empty"), vec![]);
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let proxies = IpRange::parse_list("10.0.0.1").expect("list");
        let h = headers(&["203.0.113.9"]);
        assert_eq!(client_addr(ip("10.0.0.1"), &h, &proxies), "203.0.113.9");
        assert_eq!(
            client_addr(ip("198.51.100.7"), &h, &proxies),
            "198.51.100.7"
        );
        assert_eq!(client_addr(ip("10.0.0.1"), &h, &[]), "10.0.0.1");
        assert_eq!(client_addr(None, &h, &proxies), "unknown");
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client_so_a_forged_left_part_is_ignored() {
        let proxies = IpRange::parse_list("10.0.0.0/8").expect("list");
        // The client wrote "1.2.3.4" itself; the outer proxy 10.0.0.2 appended the real peer.
        let h = headers(&["1.2.3.4, 203.0.113.9, 10.0.0.2"]);
        assert_eq!(client_addr(ip("10.0.0.1"), &h, &proxies), "203.0.113.9");
        let split = headers(&["1.2.3.4", "203.0.113.9"]);
        assert_eq!(client_addr(ip("10.0.0.1"), &split, &proxies), "203.0.113.9");
        let all_trusted = headers(&["10.0.0.7, 10.0.0.2"]);
        assert_eq!(
            client_addr(ip("10.0.0.1"), &all_trusted, &proxies),
            "10.0.0.7"
        );
        let junk = headers(&["203.0.113.9, nonsense"]);
        assert_eq!(client_addr(ip("10.0.0.1"), &junk, &proxies), "10.0.0.1");
    }

    #[test]
    fn a_base_address_gives_the_origin_browsers_send() {
        assert_eq!(
            origin_of("https://cairn.example.org/").as_deref(),
            Some("https://cairn.example.org")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/sub").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_of("https://cairn.example.org:443").as_deref(),
            Some("https://cairn.example.org")
        );
        assert_eq!(origin_of("not a url"), None);
    }
}
