//! Guiding principles: the organisation's statement of how it works with the people who use its
//! services, one of the three supports of the co-production model. Each organisation starts
//! from Cairn's own wording below and changes it as it likes; every change is a new dated
//! version with what changed, and only a version marked as a material change asks people to
//! acknowledge it again.
//!
//! The starting text is Cairn's own. It draws on the National Principles for Public Engagement
//! in Wales (Participation Cymru, endorsed by the Welsh Government in 2011) and on the ethos of
//! Freeman et al. (2016), *Working towards co-production in rehabilitation and recovery
//! services*; neither text is copied.

use crate::FieldErrors;

/// The starting text, in English.
pub const BUILT_IN_EN: &str = "\
We work with the people who use our services, and with their carers and families, as equal partners. Your experience is expertise, and we plan, decide and review things with you.

We involve people early, while there is still time to change things, and we tell you what difference your ideas made: you said, we did.

We make it easy to take part. We use plain words in English and Welsh, we offer different ways to join in, and we remove what stands in the way, such as travel costs.

We value your time. We pay people for their time and expenses in a way that keeps their benefits safe, and we thank everyone who takes part.

We support each other. Newcomers are welcomed and given a buddy, and everyone can have training and support to take part with confidence.

We are open and honest. We share information, we explain decisions, and we talk about changes in how we work together.

We respect each other. We listen, we keep what you tell us private, and you can step back at any time without it affecting your care.

We keep learning. We ask how working together is going, we share what we learn, and we improve.

These principles draw on the National Principles for Public Engagement in Wales and on the experience of a rehabilitation and recovery service that worked towards co-production (Freeman and colleagues, 2016).";

/// The starting text, in Welsh.
pub const BUILT_IN_CY: &str = "\
Rydym yn gweithio gyda'r bobl sy'n defnyddio ein gwasanaethau, a chyda'u gofalwyr a'u teuluoedd, fel partneriaid cyfartal. Mae eich profiad yn arbenigedd, ac rydym yn cynllunio, yn penderfynu ac yn adolygu pethau gyda chi.

Rydym yn cynnwys pobl yn gynnar, tra bod amser o hyd i newid pethau, ac rydym yn dweud wrthych pa wahaniaeth a wnaeth eich syniadau: dywedoch chi, gwnaethom ni.

Rydym yn ei gwneud yn hawdd cymryd rhan. Rydym yn defnyddio geiriau clir yn Gymraeg ac yn Saesneg, rydym yn cynnig gwahanol ffyrdd o ymuno, ac rydym yn cael gwared ar yr hyn sy'n rhwystro pobl, fel costau teithio.

Rydym yn gwerthfawrogi eich amser. Rydym yn talu pobl am eu hamser a'u treuliau mewn ffordd sy'n cadw eu budd-daliadau'n ddiogel, ac rydym yn diolch i bawb sy'n cymryd rhan.

Rydym yn cefnogi ein gilydd. Caiff pobl newydd groeso a chyfaill, a gall pawb gael hyfforddiant a chymorth i gymryd rhan yn hyderus.

Rydym yn agored ac yn onest. Rydym yn rhannu gwybodaeth, rydym yn esbonio penderfyniadau, ac rydym yn siarad am newidiadau yn y ffordd rydym yn gweithio gyda'n gilydd.

Rydym yn parchu ein gilydd. Rydym yn gwrando, rydym yn cadw'n breifat yr hyn rydych yn ei ddweud wrthym, a gallwch gamu'n ôl unrhyw bryd heb i hynny effeithio ar eich gofal.

Rydym yn dal i ddysgu. Rydym yn gofyn sut mae cydweithio'n mynd, rydym yn rhannu'r hyn rydym yn ei ddysgu, ac rydym yn gwella.

Mae'r egwyddorion hyn yn seiliedig ar yr Egwyddorion Cenedlaethol ar gyfer Ymgysylltu â'r Cyhoedd yng Nghymru ac ar brofiad gwasanaeth adsefydlu ac adfer a weithiodd tuag at gydgynhyrchu (Freeman a'i gydweithwyr, 2016).";

/// The starting text in Easy Read, in English: one idea to a short sentence.
pub const BUILT_IN_EASY_EN: &str = "\
We work with you. You are a partner.

You know a lot from your own life. That helps us.

We ask you early. We tell you what we did with your ideas.

We use easy words. In English and in Welsh.

We pay you for your time. We make sure your benefits are safe.

New people get a buddy. A buddy is someone to help you.

We tell you the truth. We explain our choices.

We keep what you tell us private.

You can stop at any time. Your care will stay the same.

We keep learning how to work together better.";

/// The starting text in Easy Read, in Welsh.
pub const BUILT_IN_EASY_CY: &str = "\
Rydym yn gweithio gyda chi. Rydych chi'n bartner.

Rydych chi'n gwybod llawer o'ch bywyd eich hun. Mae hynny'n ein helpu ni.

Rydym yn gofyn i chi'n gynnar. Rydym yn dweud wrthych beth wnaethom ni gyda'ch syniadau.

Rydym yn defnyddio geiriau hawdd. Yn Gymraeg ac yn Saesneg.

Rydym yn eich talu am eich amser. Rydym yn gwneud yn siŵr bod eich budd-daliadau'n ddiogel.

Mae pobl newydd yn cael cyfaill. Mae cyfaill yn rhywun i'ch helpu chi.

Rydym yn dweud y gwir wrthych. Rydym yn esbonio ein dewisiadau.

Rydym yn cadw'n breifat yr hyn rydych yn ei ddweud wrthym.

Gallwch stopio unrhyw bryd. Bydd eich gofal yn aros yr un fath.

Rydym yn dal i ddysgu sut i weithio gyda'n gilydd yn well.";

/// Longest text of one version (each language, each reading level).
pub const TEXT_MAX: usize = 20_000;
/// Longest description of a change.
pub const CHANGE_MAX: usize = 500;

/// A new version as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PrinciplesDraft {
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    pub text_cy: String,
    #[serde(default)]
    pub easy_en: String,
    #[serde(default)]
    pub easy_cy: String,
    #[serde(default)]
    pub change: String,
    /// Present when the change is material (everyone is asked to acknowledge it again).
    #[serde(default)]
    pub material: Option<String>,
}

/// A new version, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinciplesFields {
    pub text_en: String,
    pub text_cy: String,
    pub easy_en: String,
    pub easy_cy: String,
    pub change: String,
    pub material: bool,
}

impl PrinciplesDraft {
    /// Checks the draft: the principles in both languages, and what changed.
    pub fn validate(&self) -> Result<PrinciplesFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut text = |field: &'static str, v: &str, required: bool| {
            let v = v.trim().replace("\r\n", "\n");
            if required && v.is_empty() {
                e.add(field, "principles-error-text");
            } else if v.chars().count() > TEXT_MAX {
                e.add(field, "principles-error-too-long");
            }
            v
        };
        let text_en = text("text_en", &self.text_en, true);
        let text_cy = text("text_cy", &self.text_cy, true);
        let easy_en = text("easy_en", &self.easy_en, false);
        let easy_cy = text("easy_cy", &self.easy_cy, false);
        let change = self.change.trim().to_owned();
        if change.is_empty() {
            e.add("change", "principles-error-change");
        } else if change.chars().count() > CHANGE_MAX {
            e.add("change", "principles-error-too-long");
        }
        e.into_result(PrinciplesFields {
            text_en,
            text_cy,
            easy_en,
            easy_cy,
            change,
            material: self.material.as_deref().is_some_and(|v| !v.is_empty()),
        })
    }
}

/// Whether a person must be asked to acknowledge the principles: they have acknowledged no
/// version since the latest material one. `acknowledged` are the version numbers they have
/// acknowledged; `latest_material` the newest version marked as a material change (the first
/// version always is).
pub fn must_acknowledge(acknowledged: &[i64], latest_material: i64) -> bool {
    !acknowledged.iter().any(|v| *v >= latest_material)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_material_change_asks_people_again() {
        assert!(must_acknowledge(&[], 1), "nobody has acknowledged yet");
        assert!(!must_acknowledge(&[1], 1));
        // Version 2 was a small change: an acknowledgement of version 1 still holds.
        assert!(!must_acknowledge(&[1], 1));
        // Version 3 was material: version 1's acknowledgement no longer does.
        assert!(must_acknowledge(&[1], 3));
        assert!(!must_acknowledge(&[1, 4], 3));
    }

    #[test]
    fn a_version_needs_both_languages_and_says_what_changed() {
        let e = PrinciplesDraft::default().validate().expect_err("empty");
        for f in ["text_en", "text_cy", "change"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
        let ok = PrinciplesDraft {
            text_en: "We work together.\r\n\r\nWe listen.".into(),
            text_cy: "Rydym yn cydweithio.".into(),
            change: "Shorter".into(),
            material: Some("yes".into()),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(ok.text_en, "We work together.\n\nWe listen.");
        assert!(ok.material);
    }

    #[test]
    fn the_starting_text_is_in_both_languages_and_both_reading_levels_with_its_sources() {
        for t in [BUILT_IN_EN, BUILT_IN_CY, BUILT_IN_EASY_EN, BUILT_IN_EASY_CY] {
            assert!(t.split("\n\n").count() >= 8, "{t}");
        }
        assert!(BUILT_IN_EN.contains("National Principles for Public Engagement in Wales"));
        assert!(BUILT_IN_CY.contains("Egwyddorion Cenedlaethol ar gyfer Ymgysylltu"));
    }
}
