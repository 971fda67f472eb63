//! The built-in surveys. The Friends and Family Test question and its six answers are worded
//! as NHS England has used them since April 2020 and are locked; the baseline's items each
//! evidence one of the model's practices, so a unit's baseline can be set beside its
//! self-assessment. Every question has an Easy Read wording in both languages.

use super::{Choice, Question, QuestionKind, ShowIf, Template, Wording};

fn w(en: &str, cy: &str, easy_en: &str, easy_cy: &str) -> Wording {
    Wording {
        en: en.into(),
        cy: cy.into(),
        easy_en: Some(easy_en.into()),
        easy_cy: Some(easy_cy.into()),
    }
}

fn choice(value: &str, label: Wording) -> Choice {
    Choice {
        value: value.into(),
        label,
    }
}

/// A five-point agreement scale, 1 (strongly disagree) to 5 (strongly agree).
/// The five answers of an agreement scale, Strongly disagree (1) to Strongly agree (5).
pub fn agree_scale() -> Vec<Choice> {
    vec![
        choice(
            "1",
            w(
                "Strongly disagree",
                "Anghytuno'n gryf",
                "No, not at all",
                "Na, dim o gwbl",
            ),
        ),
        choice("2", w("Disagree", "Anghytuno", "No", "Na")),
        choice(
            "3",
            w(
                "Neither agree nor disagree",
                "Ddim yn cytuno nac yn anghytuno",
                "Not sure",
                "Ddim yn siŵr",
            ),
        ),
        choice("4", w("Agree", "Cytuno", "Yes", "Ie")),
        choice(
            "5",
            w(
                "Strongly agree",
                "Cytuno'n gryf",
                "Yes, a lot",
                "Ie, yn fawr",
            ),
        ),
    ]
}

fn statement(key: &str, practice: &str, text: Wording) -> Question {
    Question {
        key: key.into(),
        kind: QuestionKind::Scale,
        text,
        required: false,
        choices: agree_scale(),
        show_if: None,
        locked: false,
        practice: Some(practice.into()),
    }
}

fn free_text(key: &str, text: Wording) -> Question {
    Question {
        key: key.into(),
        kind: QuestionKind::FreeText,
        text,
        required: false,
        choices: Vec::new(),
        show_if: None,
        locked: false,
        practice: None,
    }
}

fn better() -> Wording {
    w(
        "What would make this service work better with you?",
        "Beth fyddai'n gwneud i'r gwasanaeth hwn weithio'n well gyda chi?",
        "What would help?",
        "Beth fyddai'n helpu?",
    )
}

/// The questions of a built-in survey.
pub fn template(t: Template) -> Vec<Question> {
    match t {
        Template::Fft => fft(),
        Template::BaselineServiceUser => vec![
            statement(
                "su_suggest",
                "L1.02",
                w(
                    "I know how to make a suggestion about this service.",
                    "Rwy'n gwybod sut i wneud awgrym am y gwasanaeth hwn.",
                    "I know how to tell the team my ideas.",
                    "Rwy'n gwybod sut i ddweud fy syniadau wrth y tîm.",
                ),
            ),
            statement(
                "su_heard",
                "L1.03",
                w(
                    "When I make a suggestion, I hear what happened to it.",
                    "Pan fyddaf yn gwneud awgrym, rwy'n clywed beth ddigwyddodd iddo.",
                    "The team tells me what happened to my idea.",
                    "Mae'r tîm yn dweud wrthyf beth ddigwyddodd i'm syniad.",
                ),
            ),
            statement(
                "su_meetings",
                "L1.01",
                w(
                    "I can go to a regular meeting with other people who use this service.",
                    "Gallaf fynd i gyfarfod rheolaidd gyda phobl eraill sy'n defnyddio'r gwasanaeth hwn.",
                    "I can go to a group meeting.",
                    "Gallaf fynd i gyfarfod grŵp.",
                ),
            ),
            statement(
                "su_welcome",
                "L1.08",
                w(
                    "When I arrived, someone helped me settle in.",
                    "Pan gyrhaeddais i, gwnaeth rhywun fy helpu i ymgartrefu.",
                    "Someone helped me when I was new.",
                    "Gwnaeth rhywun fy helpu pan oeddwn i'n newydd.",
                ),
            ),
            statement(
                "su_plan",
                "L2.09",
                w(
                    "I help write my own care and activity plan.",
                    "Rwy'n helpu i ysgrifennu fy nghynllun gofal a gweithgareddau fy hun.",
                    "I help write my plan.",
                    "Rwy'n helpu i ysgrifennu fy nghynllun.",
                ),
            ),
            statement(
                "su_learn",
                "L2.04",
                w(
                    "I have had the chance to learn alongside staff.",
                    "Rwyf wedi cael cyfle i ddysgu ochr yn ochr â staff.",
                    "I learned with staff.",
                    "Dysgais i gyda staff.",
                ),
            ),
            free_text("su_better", better()),
        ],
        Template::BaselineCarer => vec![
            statement(
                "ca_welcome",
                "L1.09",
                w(
                    "I was offered a meeting to welcome me as a carer or family member.",
                    "Cefais gynnig cyfarfod i'm croesawu fel gofalwr neu aelod o'r teulu.",
                    "The team met me when I was new.",
                    "Gwnaeth y tîm gwrdd â fi pan oeddwn i'n newydd.",
                ),
            ),
            statement(
                "ca_views",
                "L1.07",
                w(
                    "My views are asked for in the care and treatment plan.",
                    "Gofynnir am fy marn yn y cynllun gofal a thriniaeth.",
                    "The team asks what I think about the plan.",
                    "Mae'r tîm yn gofyn beth rwy'n ei feddwl am y cynllun.",
                ),
            ),
            statement(
                "ca_involved",
                "L1.10",
                w(
                    "I know how carers can get involved in this service.",
                    "Rwy'n gwybod sut y gall gofalwyr gymryd rhan yn y gwasanaeth hwn.",
                    "I know how to join in.",
                    "Rwy'n gwybod sut i gymryd rhan.",
                ),
            ),
            statement(
                "ca_meetings",
                "L3.05",
                w(
                    "Carers are represented at the meetings that make decisions.",
                    "Mae gofalwyr yn cael eu cynrychioli yn y cyfarfodydd sy'n gwneud penderfyniadau.",
                    "Carers are at the meetings.",
                    "Mae gofalwyr yn y cyfarfodydd.",
                ),
            ),
            free_text("ca_better", better()),
        ],
        Template::BaselineStaff => vec![
            statement(
                "st_levels",
                "L1.13",
                w(
                    "I understand the three levels of co-production.",
                    "Rwy'n deall tair lefel cydgynhyrchu.",
                    "I know the three levels.",
                    "Rwy'n gwybod y tair lefel.",
                ),
            ),
            statement(
                "st_agenda",
                "L1.05",
                w(
                    "Service-user and carer issues are on the agenda of the meetings I attend.",
                    "Mae materion defnyddwyr gwasanaeth a gofalwyr ar agenda'r cyfarfodydd rwy'n eu mynychu.",
                    "Our meetings talk about what service users and carers say.",
                    "Mae ein cyfarfodydd yn trafod yr hyn y mae defnyddwyr gwasanaeth a gofalwyr yn ei ddweud.",
                ),
            ),
            statement(
                "st_train",
                "L3.09",
                w(
                    "I have delivered or attended training with service users or carers.",
                    "Rwyf wedi cyflwyno neu fynychu hyfforddiant gyda defnyddwyr gwasanaeth neu ofalwyr.",
                    "I trained with service users or carers.",
                    "Rwyf wedi hyfforddi gyda defnyddwyr gwasanaeth neu ofalwyr.",
                ),
            ),
            statement(
                "st_recruit",
                "L3.04",
                w(
                    "Service users and carers take part in recruiting staff here.",
                    "Mae defnyddwyr gwasanaeth a gofalwyr yn cymryd rhan mewn recriwtio staff yma.",
                    "Service users and carers help choose staff.",
                    "Mae defnyddwyr gwasanaeth a gofalwyr yn helpu i ddewis staff.",
                ),
            ),
            free_text(
                "st_better",
                w(
                    "What would help you work with service users and carers as partners?",
                    "Beth fyddai'n eich helpu i weithio gyda defnyddwyr gwasanaeth a gofalwyr fel partneriaid?",
                    "What would help you work together?",
                    "Beth fyddai'n eich helpu i gydweithio?",
                ),
            ),
        ],
        Template::Exit => exit(),
    }
}

fn fft() -> Vec<Question> {
    let answers = [
        ("very_good", "Very good", "Da iawn", "Very good", "Da iawn"),
        ("good", "Good", "Da", "Good", "Da"),
        (
            "neither",
            "Neither good nor poor",
            "Ddim yn dda nac yn wael",
            "OK",
            "Iawn",
        ),
        ("poor", "Poor", "Gwael", "Bad", "Gwael"),
        (
            "very_poor",
            "Very poor",
            "Gwael iawn",
            "Very bad",
            "Gwael iawn",
        ),
        (
            "dont_know",
            "Don't know",
            "Ddim yn gwybod",
            "I don't know",
            "Dwi ddim yn gwybod",
        ),
    ];
    vec![
        Question {
            key: "fft_rating".into(),
            kind: QuestionKind::OneChoice,
            text: w(
                "Overall, how was your experience of our service?",
                "Yn gyffredinol, sut oedd eich profiad o'n gwasanaeth?",
                "How was our service?",
                "Sut oedd ein gwasanaeth?",
            ),
            required: true,
            choices: answers
                .iter()
                .map(|(v, en, cy, een, ecy)| choice(v, w(en, cy, een, ecy)))
                .collect(),
            show_if: None,
            locked: true,
            practice: Some("L1.04".into()),
        },
        Question {
            locked: true,
            ..free_text(
                "fft_comment",
                w(
                    "Please tell us why you gave your answer.",
                    "Dywedwch wrthym pam y rhoesoch yr ateb hwn.",
                    "Tell us why.",
                    "Dywedwch wrthym pam.",
                ),
            )
        },
    ]
}

fn exit() -> Vec<Question> {
    let reasons = [
        (
            "moved_on",
            "I have moved on in my recovery",
            "Rwyf wedi symud ymlaen yn fy adferiad",
            "I feel better and am moving on",
            "Rwy'n teimlo'n well ac yn symud ymlaen",
        ),
        (
            "time",
            "I do not have the time",
            "Does gen i ddim amser",
            "I am too busy",
            "Rwy'n rhy brysur",
        ),
        ("health", "My health", "Fy iechyd", "My health", "Fy iechyd"),
        (
            "not_heard",
            "I did not feel listened to",
            "Doeddwn i ddim yn teimlo bod neb yn gwrando",
            "Nobody listened",
            "Doedd neb yn gwrando",
        ),
        (
            "payment",
            "Problems with payment",
            "Problemau gyda thaliadau",
            "Problems with money",
            "Problemau gydag arian",
        ),
        (
            "other",
            "Something else",
            "Rhywbeth arall",
            "Something else",
            "Rhywbeth arall",
        ),
    ];
    vec![
        Question {
            key: "ex_reason".into(),
            kind: QuestionKind::SeveralChoices,
            text: w(
                "Why are you stepping back?",
                "Pam rydych chi'n camu'n ôl?",
                "Why are you leaving?",
                "Pam rydych chi'n gadael?",
            ),
            required: true,
            choices: reasons
                .iter()
                .map(|(v, en, cy, een, ecy)| choice(v, w(en, cy, een, ecy)))
                .collect(),
            show_if: None,
            locked: false,
            practice: None,
        },
        Question {
            show_if: Some(ShowIf {
                key: "ex_reason".into(),
                equals: "other".into(),
            }),
            ..free_text(
                "ex_other",
                w(
                    "What else made you step back?",
                    "Beth arall wnaeth i chi gamu'n ôl?",
                    "Tell us more.",
                    "Dywedwch fwy wrthym.",
                ),
            )
        },
        Question {
            key: "ex_keep_in_touch".into(),
            kind: QuestionKind::OneChoice,
            text: w(
                "Would you like us to keep in touch?",
                "Hoffech chi i ni gadw mewn cysylltiad?",
                "Can we stay in touch?",
                "Gawn ni gadw mewn cysylltiad?",
            ),
            required: false,
            choices: vec![
                choice("yes", w("Yes", "Hoffwn", "Yes", "Cewch")),
                choice("no", w("No", "Na hoffwn", "No", "Na chewch")),
            ],
            show_if: None,
            locked: false,
            practice: Some("L3.10".into()),
        },
        free_text(
            "ex_comment",
            w(
                "Is there anything else you would like to tell us?",
                "Oes unrhyw beth arall yr hoffech ei ddweud wrthym?",
                "Anything else?",
                "Unrhyw beth arall?",
            ),
        ),
    ]
}
