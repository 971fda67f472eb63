//! Money read back in words, for Check your answers: a figure typed as "1250" when "12.50" was
//! meant is easy to miss as digits and hard to miss as "one thousand two hundred and fifty
//! pounds".
//!
//! Welsh uses the traditional counting the glossary's numerals come from (*deuddeg*, *pymtheg*,
//! *deunaw*, *ugain*, *hanner cant*), which is how money is said aloud: "deuddeg punt a hanner
//! can ceiniog". *Punt* and *ceiniog* are feminine, so the feminine numerals are used (*dwy*,
//! *tair*, *pedair*), the noun is singular and comes after the first part of the number
//! ("un bunt ar ddeg"), and it mutates as the numeral before it asks: soft after *un* and
//! *dwy* (*bunt*, *geiniog*), aspirate after *chwe* (*phunt*, *cheiniog*). *Saith* and *wyth*
//! leave it as it is, as in current standard written Welsh. From a hundred pounds the number
//! stands alone and is followed by "o bunnoedd".

use crate::people::Language;

/// `pence` as words in `lang`: "twelve pounds and fifty pence", "deuddeg punt a hanner can
/// ceiniog". Amounts of a hundred thousand pounds or more, which no claim reaches, are given
/// in figures.
pub fn pounds_in_words(pence: i64, lang: Language) -> String {
    let minus = pence < 0;
    let p = pence.unsigned_abs();
    let (pounds, pennies) = (p / 100, p % 100);
    if pounds >= 100_000 {
        return super::format_pounds(pence);
    }
    let words = match lang {
        Language::En => english(pounds, pennies),
        Language::Cy => welsh(pounds, pennies),
    };
    match (minus, lang) {
        (false, _) => words,
        (true, Language::En) => format!("minus {words}"),
        (true, Language::Cy) => format!("minws {words}"),
    }
}

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

const EN_ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const EN_TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn en_below_100(n: u64) -> String {
    if n < 20 {
        return EN_ONES[n as usize].to_owned();
    }
    match n % 10 {
        0 => EN_TENS[(n / 10) as usize].to_owned(),
        u => format!("{}-{}", EN_TENS[(n / 10) as usize], EN_ONES[u as usize]),
    }
}

fn en_below_1000(n: u64) -> String {
    let (h, r) = (n / 100, n % 100);
    match (h, r) {
        (0, r) => en_below_100(r),
        (h, 0) => format!("{} hundred", EN_ONES[h as usize]),
        (h, r) => format!("{} hundred and {}", EN_ONES[h as usize], en_below_100(r)),
    }
}

/// A whole number below a million in British English ("one thousand and five").
fn en_number(n: u64) -> String {
    let (th, r) = (n / 1000, n % 1000);
    match (th, r) {
        (0, r) => en_below_1000(r),
        (th, 0) => format!("{} thousand", en_below_1000(th)),
        (th, r) if r < 100 => format!("{} thousand and {}", en_below_1000(th), en_below_100(r)),
        (th, r) => format!("{} thousand {}", en_below_1000(th), en_below_1000(r)),
    }
}

fn english(pounds: u64, pennies: u64) -> String {
    let pounds_words = match pounds {
        1 => "one pound".to_owned(),
        n => format!("{} pounds", en_number(n)),
    };
    let pence_words = match pennies {
        1 => "one penny".to_owned(),
        n => format!("{} pence", en_below_100(n)),
    };
    match (pounds, pennies) {
        (_, 0) => pounds_words,
        (0, _) => pence_words,
        _ => format!("{pounds_words} and {pence_words}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Welsh
// ---------------------------------------------------------------------------------------------

/// What a numeral does to the noun after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mutation {
    None,
    Soft,
    Aspirate,
}

/// A feminine number from 1 to 99 as it stands before a noun: the words before the noun, what
/// they do to it, and the words after it ("un" · soft · "ar ddeg" → "un bunt ar ddeg").
#[derive(Clone, Debug)]
struct Numeral {
    head: String,
    mutation: Mutation,
    tail: String,
}

fn numeral(head: &str, mutation: Mutation) -> Numeral {
    Numeral {
        head: head.to_owned(),
        mutation,
        tail: String::new(),
    }
}

fn with_tail(mut n: Numeral, more: &str) -> Numeral {
    if n.tail.is_empty() {
        n.tail = more.to_owned();
    } else {
        n.tail = format!("{} {more}", n.tail);
    }
    n
}

/// 1–99, feminine, traditional counting (in twenties above fifteen).
fn cy_numeral(n: u64) -> Numeral {
    use Mutation::*;
    match n {
        1 => numeral("un", Soft),
        2 => numeral("dwy", Soft),
        3 => numeral("tair", None),
        4 => numeral("pedair", None),
        5 => numeral("pum", None),
        6 => numeral("chwe", Aspirate),
        7 => numeral("saith", None),
        8 => numeral("wyth", None),
        9 => numeral("naw", None),
        10 => numeral("deg", None),
        12 => numeral("deuddeg", None),
        15 => numeral("pymtheg", None),
        18 => numeral("deunaw", None),
        11 | 13 | 14 => with_tail(cy_numeral(n - 10), "ar ddeg"),
        16 | 17 | 19 => with_tail(cy_numeral(n - 15), "ar bymtheg"),
        20 => numeral("ugain", None),
        21..=39 => with_tail(cy_numeral(n - 20), "ar hugain"),
        40 => numeral("deugain", None),
        50 => numeral("hanner can", None),
        41..=59 => with_tail(cy_numeral(n - 40), "a deugain"),
        60 => numeral("trigain", None),
        61..=79 => with_tail(cy_numeral(n - 60), "a thrigain"),
        80 => numeral("pedwar ugain", None),
        _ => with_tail(cy_numeral(n - 80), "a phedwar ugain"),
    }
}

/// A number from 1 to 99 standing alone (no noun after it): *pump* and *chwech* take their
/// full forms, and fifty inside a larger number is "deg a deugain".
fn cy_alone(n: u64) -> String {
    let mut x = match n {
        50 => with_tail(numeral("deg", Mutation::None), "a deugain"),
        _ => cy_numeral(n),
    };
    // Also as the first part of a larger number: "pump ar hugain", "chwech a deugain".
    x.head = match x.head.as_str() {
        "pum" => "pump".to_owned(),
        "chwe" => "chwech".to_owned(),
        _ => x.head,
    };
    join(&x.head, &x.tail)
}

fn join(a: &str, b: &str) -> String {
    if b.is_empty() {
        a.to_owned()
    } else {
        format!("{a} {b}")
    }
}

/// The soft or aspirate mutation of a noun's first letters (only the nouns used here).
fn mutate(noun: &str, m: Mutation) -> String {
    let swap = |from: &str, to: &str| match noun.strip_prefix(from) {
        Some(rest) => format!("{to}{rest}"),
        None => noun.to_owned(),
    };
    match m {
        Mutation::None => noun.to_owned(),
        Mutation::Soft => match noun.chars().next() {
            Some('p') => swap("p", "b"),
            Some('c') => swap("c", "g"),
            Some('t') => swap("t", "d"),
            Some('m') => swap("m", "f"),
            _ => noun.to_owned(),
        },
        Mutation::Aspirate => aspirate(noun),
    }
}

/// Aspirate mutation (after *a* "and", *chwe*): c, p, t become ch, ph, th.
fn aspirate(word: &str) -> String {
    if word.starts_with("ch") || word.starts_with("ph") || word.starts_with("th") {
        return word.to_owned();
    }
    match word.chars().next() {
        Some('c') => format!("ch{}", &word[1..]),
        Some('p') => format!("ph{}", &word[1..]),
        Some('t') => format!("th{}", &word[1..]),
        _ => word.to_owned(),
    }
}

/// "a" (and) before a word: "ac" before a vowel, and the word aspirated.
fn and(word: &str) -> String {
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'w' | 'y') => format!("ac {word}"),
        _ => format!("a {}", aspirate(word)),
    }
}

/// 1–99 of a feminine noun: "un bunt ar ddeg", "chwe cheiniog", "hanner can ceiniog".
fn cy_counted(n: u64, noun: &str) -> String {
    let x = cy_numeral(n);
    join(&format!("{} {}", x.head, mutate(noun, x.mutation)), &x.tail)
}

/// The hundreds (masculine *cant*): "cant", "dau gant", "tri chant", "chwe chant".
fn cy_hundreds(h: u64) -> String {
    match h {
        1 => "cant",
        2 => "dau gant",
        3 => "tri chant",
        4 => "pedwar cant",
        5 => "pum cant",
        6 => "chwe chant",
        7 => "saith cant",
        8 => "wyth cant",
        _ => "naw cant",
    }
    .to_owned()
}

/// The thousands (feminine *mil*), 1–99: "mil", "dwy fil", "deng mil", "un fil ar ddeg".
fn cy_thousands(t: u64) -> String {
    if t == 1 {
        return "mil".to_owned();
    }
    // Before *mil* deg, deuddeg and pymtheg end in -ng, also as the first part of a larger
    // number: "deng mil ar hugain", "pymtheng mil".
    let x = cy_numeral(t);
    let head = match x.head.as_str() {
        "deg" | "deuddeg" | "pymtheg" => format!("{}ng", &x.head[..x.head.len() - 1]),
        _ => x.head,
    };
    join(&format!("{head} {}", mutate("mil", x.mutation)), &x.tail)
}

/// A number from 100 to 99,999 standing alone: thousands, hundreds, then "a"/"ac" and the rest.
fn cy_large(n: u64) -> String {
    let (t, h, r) = (n / 1000, (n / 100) % 10, n % 100);
    let mut parts: Vec<String> = Vec::new();
    if t > 0 {
        parts.push(cy_thousands(t));
    }
    if h > 0 {
        parts.push(cy_hundreds(h));
    }
    let mut out = parts.join(" ");
    if r > 0 {
        out = format!("{out} {}", and(&cy_alone(r)));
    }
    out
}

fn welsh(pounds: u64, pennies: u64) -> String {
    let pounds_words = match pounds {
        0 => "dim punnoedd".to_owned(),
        1..=99 => cy_counted(pounds, "punt"),
        n => format!("{} o bunnoedd", cy_large(n)),
    };
    match (pounds, pennies) {
        (_, 0) => pounds_words,
        (0, p) => cy_counted(p, "ceiniog"),
        (_, p) => format!("{pounds_words} {}", and(&cy_counted(p, "ceiniog"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(p: i64) -> String {
        pounds_in_words(p, Language::En)
    }

    fn cy(p: i64) -> String {
        pounds_in_words(p, Language::Cy)
    }

    #[test]
    fn english_reads_pounds_and_pence_with_singulars_and_british_ands() {
        assert_eq!(en(0), "zero pounds");
        assert_eq!(en(1), "one penny");
        assert_eq!(en(2), "two pence");
        assert_eq!(en(100), "one pound");
        assert_eq!(en(200), "two pounds");
        assert_eq!(en(1250), "twelve pounds and fifty pence");
        assert_eq!(en(1300), "thirteen pounds");
        assert_eq!(en(1901), "nineteen pounds and one penny");
        assert_eq!(en(2000), "twenty pounds");
        assert_eq!(en(4599), "forty-five pounds and ninety-nine pence");
        assert_eq!(en(10_000), "one hundred pounds");
        assert_eq!(
            en(12_305),
            "one hundred and twenty-three pounds and five pence"
        );
        assert_eq!(en(100_000), "one thousand pounds");
        assert_eq!(en(100_500), "one thousand and five pounds");
        assert_eq!(
            en(123_456),
            "one thousand two hundred and thirty-four pounds and fifty-six pence"
        );
        assert_eq!(en(1_000_000), "ten thousand pounds");
    }

    #[test]
    fn welsh_counts_the_traditional_way_with_feminine_numerals() {
        assert_eq!(cy(0), "dim punnoedd");
        assert_eq!(cy(300), "tair punt");
        assert_eq!(cy(400), "pedair punt");
        assert_eq!(cy(500), "pum punt");
        assert_eq!(cy(1000), "deg punt");
        assert_eq!(cy(1250), "deuddeg punt a hanner can ceiniog");
        assert_eq!(cy(1500), "pymtheg punt");
        assert_eq!(cy(1800), "deunaw punt");
        assert_eq!(cy(2000), "ugain punt");
        assert_eq!(cy(4000), "deugain punt");
        assert_eq!(cy(6000), "trigain punt");
        assert_eq!(cy(8000), "pedwar ugain punt");
    }

    #[test]
    fn welsh_teens_and_twenties_put_the_noun_after_the_first_part() {
        assert_eq!(cy(1100), "un bunt ar ddeg");
        assert_eq!(cy(1300), "tair punt ar ddeg");
        assert_eq!(cy(1400), "pedair punt ar ddeg");
        assert_eq!(cy(1600), "un bunt ar bymtheg");
        assert_eq!(cy(1700), "dwy bunt ar bymtheg");
        assert_eq!(cy(1900), "pedair punt ar bymtheg");
        assert_eq!(cy(2100), "un bunt ar hugain");
        assert_eq!(cy(3100), "un bunt ar ddeg ar hugain");
        assert_eq!(cy(4500), "pum punt a deugain");
        assert_eq!(cy(9900), "pedair punt ar bymtheg a phedwar ugain");
        assert_eq!(cy(56), "un geiniog ar bymtheg a deugain");
    }

    #[test]
    fn welsh_nouns_mutate_after_one_two_and_six() {
        // Soft after un and dwy (feminine nouns), aspirate after chwe, none after tair.
        assert_eq!(cy(100), "un bunt");
        assert_eq!(cy(200), "dwy bunt");
        assert_eq!(cy(600), "chwe phunt");
        assert_eq!(cy(1), "un geiniog");
        assert_eq!(cy(2), "dwy geiniog");
        assert_eq!(cy(3), "tair ceiniog");
        assert_eq!(cy(6), "chwe cheiniog");
        assert_eq!(cy(50), "hanner can ceiniog");
    }

    #[test]
    fn welsh_and_between_pounds_and_pence_aspirates_and_becomes_ac_before_a_vowel() {
        assert_eq!(cy(203), "dwy bunt a thair ceiniog");
        assert_eq!(cy(205), "dwy bunt a phum ceiniog");
        assert_eq!(cy(201), "dwy bunt ac un geiniog");
        assert_eq!(cy(208), "dwy bunt ac wyth ceiniog");
        assert_eq!(cy(210), "dwy bunt a deg ceiniog");
    }

    #[test]
    fn welsh_hundreds_and_thousands_stand_alone_before_o_bunnoedd() {
        assert_eq!(cy(10_000), "cant o bunnoedd");
        assert_eq!(cy(10_500), "cant a phump o bunnoedd");
        assert_eq!(cy(12_000), "cant ac ugain o bunnoedd");
        assert_eq!(cy(20_000), "dau gant o bunnoedd");
        assert_eq!(cy(30_000), "tri chant o bunnoedd");
        assert_eq!(cy(60_600), "chwe chant a chwech o bunnoedd");
        assert_eq!(cy(15_000), "cant a deg a deugain o bunnoedd");
        assert_eq!(cy(100_000), "mil o bunnoedd");
        assert_eq!(cy(200_000), "dwy fil o bunnoedd");
        assert_eq!(cy(1_000_000), "deng mil o bunnoedd");
        // Five and six take their full forms as the first part of a number standing alone,
        // and deg, deuddeg and pymtheg end in -ng before mil there too.
        assert_eq!(cy(12_500), "cant a phump ar hugain o bunnoedd");
        assert_eq!(cy(12_600), "cant a chwech ar hugain o bunnoedd");
        assert_eq!(cy(1_500_000), "pymtheng mil o bunnoedd");
        assert_eq!(cy(3_000_000), "deng mil ar hugain o bunnoedd");
        assert_eq!(cy(3_200_000), "deuddeng mil ar hugain o bunnoedd");
        assert_eq!(cy(1_100_000), "un fil ar ddeg o bunnoedd");
        assert_eq!(cy(600_000), "chwe mil o bunnoedd");
        assert_eq!(
            cy(123_450),
            "mil dau gant a phedair ar ddeg ar hugain o bunnoedd a hanner can ceiniog"
        );
    }

    #[test]
    fn very_large_amounts_are_given_in_figures() {
        assert_eq!(en(10_000_000), "£100,000.00");
        assert_eq!(cy(10_000_000), "£100,000.00");
    }
}
