//! Who may do what. Roles are per account; an account belongs to one organisation (a platform
//! administrator belongs to none and sees no organisation's people). Unit staff are scoped to
//! the units listed on their account. Every use case asks [`Actor::can`] first and, for
//! anything tied to a unit, [`Actor::can_reach_unit`] — this module is the one place those
//! answers live.

use crate::keyed_enum;

keyed_enum!(
    /// An account's role. Stable keys, labels in Fluent (`role-…`).
    Role, "role", {
        PlatformAdmin => "platform_admin",
        OrgAdmin => "org_admin",
        Lead => "lead",
        UnitStaff => "unit_staff",
        Finance => "finance",
        Member => "member",
        Viewer => "viewer",
    }
);

/// Things an actor may be allowed to do. Kept coarse on purpose: each maps to a row of the
/// access table in the web tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Create organisations and their first administrator (platform only).
    ManageOrganisations,
    /// Change the organisation's own settings (name, time zone, e-mail).
    ManageOrganisationSettings,
    /// Create accounts and change roles.
    ManageAccounts,
    /// Read the audit log and export it.
    ReadAudit,
    /// See the list of units and a unit's page (unit staff: only their units).
    ViewUnits,
    /// Create and edit units and services.
    ManageUnits,
    /// See people's records (unit staff: people in their units; members: only themselves).
    ViewPeople,
    /// Add and edit people (unit staff: within their units).
    ManagePeople,
    /// Read the organisation's model (levels and practices). Any organisation role.
    ViewModel,
    /// Reword, add and retire practices; set the level threshold.
    ManageModel,
    /// Read units' self-assessments (unit staff: their units; members only when published).
    ViewAssessments,
    /// Record a unit's status on a practice (unit staff: their units).
    ManageAssessments,
    /// Take baselines and open and close assessment rounds (never the unit's own staff).
    ManageRounds,
    /// Read and act on suggestions (unit staff: their units and the whole service).
    ManageFeedback,
    /// Create and revoke ward kiosk links (unit staff: for their units).
    ManageKiosks,
    /// Add the organisation's own suggestion statuses (they apply to every unit).
    ManageFeedbackStatuses,
    /// Leave a suggestion online as oneself.
    SubmitSuggestion,
    /// See groups, meetings, agendas and attendance (unit staff: service-wide groups and their
    /// units' groups).
    ViewMeetings,
    /// Schedule meetings, reply for people, record attendance, minutes, decisions and actions
    /// (unit staff: their units' groups).
    ManageMeetings,
    /// Create groups and write their terms of reference and representation rule.
    ManageGroups,
    /// Read representation figures (aggregates, never named people).
    ViewRepresentation,
    /// Confirm or send apologies for one's own meetings.
    ReplyToMeeting,
    /// Keep the rate card and the preset earnings limits.
    ManageRates,
    /// Claim for one's own time and expenses, and set one's own payment choice and limit.
    ClaimOwn,
    /// Make claims with people and see their claims (unit staff: people in their units).
    ManageClaims,
    /// Approve or reject submitted claims (never one's own).
    ApproveClaims,
    /// Authorise approved claims (never one's own, never one approved oneself).
    AuthoriseClaims,
    /// Gather authorised claims into payment runs, lock, export and mark them paid.
    ManagePaymentRuns,
    /// Read payment reports (totals, never individual people).
    ViewPaymentReports,
    /// Read published role descriptions and open opportunities (any organisation role but the
    /// board).
    ViewRoles,
    /// Write role descriptions, advertise opportunities, move expressions of interest, appoint
    /// and end appointments.
    ManageRoles,
    /// Say "I'm interested" in an opportunity, and give one's own exit feedback.
    ExpressInterest,
    /// Record staff recruitment processes and who sat on each stage (unit staff: their units).
    ManageRecruitment,
    /// Read the who's-who: people who consented to be on it.
    ViewWhosWho,
    /// Read exits and their reasons by quarter (no names).
    ViewExits,
    /// Export everything Cairn holds about a person (a subject access request).
    ExportPersonData,
    /// Erase a person (the right to erasure): their name, contacts and words go, money records
    /// stay under a pseudonym.
    ErasePerson,
    /// Set how long records are kept, see what the next retention run would remove, and run it.
    ManageRetention,
    /// Read the prospectus: courses and their sessions (any organisation role).
    ViewTraining,
    /// Keep the prospectus and schedule sessions with their trainers.
    ManageCourses,
    /// Type in registers, enrol people on courses with them, and read anyone's learning
    /// (unit staff: people in their units).
    ManageRegisters,
    /// Read the training report: sessions, attendance by constituency, completions and credits
    /// (aggregates, never named people; unit staff: their units).
    ViewTrainingReport,
    /// Build surveys from templates or by hand and open their rounds on units.
    ManageSurveys,
    /// Read survey results: counts and percentages under the small-number rule, never a
    /// person's answers (unit staff: their units).
    ViewSurveyResults,
    /// Type in paper survey forms for units in reach, marked as such.
    EnterSurveyResponses,
    /// Read free text from units with too few responses to show it, and mark it checked for
    /// names (taking any out) before results readers see it: organisation administrators, so
    /// the lead who reads the results is not the one who checks them.
    CheckSurveyComments,
    /// Read the measures, their charts over time and the dashboards (aggregates under the
    /// small-number rule, never a named person; unit staff: their units), and signed-off
    /// board packs.
    ViewReports,
    /// Set a measure's target and baseline, assemble board packs and sign them off.
    ManageReports,
    /// Read the organisation's guiding principles (any organisation role).
    ViewPrinciples,
    /// Publish a new version of the guiding principles and see who has acknowledged which.
    ManagePrinciples,
    /// Work through the translation list (texts written in one language only) and choose
    /// whether public pages wait for both languages.
    ManageTranslations,
}

impl Role {
    /// The fixed role × permission matrix. Unit scope is applied on top by
    /// [`Actor::can_reach_unit`].
    pub fn allows(self, p: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match (self, p) {
            (PlatformAdmin, ManageOrganisations) => true,
            (PlatformAdmin, _) => false,
            (_, ManageOrganisations) => false,
            // Money needs two different roles: finance authorises and pays, and nobody else does.
            (Finance, AuthoriseClaims | ManagePaymentRuns | ManageRates | ViewPaymentReports) => {
                true
            }
            (_, AuthoriseClaims | ManagePaymentRuns) => false,
            (Member, ClaimOwn) => true,
            (_, ClaimOwn) => false,
            // Subject access exports are for administrators alone.
            (OrgAdmin, ExportPersonData | ErasePerson | ManageRetention) => true,
            (_, ExportPersonData | ErasePerson | ManageRetention) => false,
            (Member, ExpressInterest) => true,
            (_, ExpressInterest) => false,
            (_, ViewModel | ViewTraining | ViewPrinciples) => true,
            (OrgAdmin, _) => true,
            (
                Lead,
                ManageOrganisationSettings | ManageAccounts | ReadAudit | CheckSurveyComments,
            ) => false,
            (Lead, _) => true,
            (
                UnitStaff,
                ViewUnits | ViewPeople | ManagePeople | ViewAssessments | ManageAssessments
                | ManageFeedback | ManageKiosks | SubmitSuggestion | ViewMeetings | ManageMeetings
                | ViewRepresentation | ManageClaims | ApproveClaims | ViewRoles | ManageRecruitment
                | ViewWhosWho | ManageRegisters | ViewTrainingReport | ViewSurveyResults
                | EnterSurveyResponses | ViewReports,
            ) => true,
            (UnitStaff, _) => false,
            // Finance needs the list of units (cost centres); people come with the payments
            // capability, scoped to claims.
            (Finance, ViewUnits | ViewRoles | ViewWhosWho) => true,
            (Finance, _) => false,
            // The board sees units and aggregates, never individual people.
            (
                Viewer,
                ViewUnits | ViewAssessments | ViewRepresentation | ViewPaymentReports
                | ViewTrainingReport | ViewSurveyResults | ViewReports,
            ) => true,
            (Viewer, _) => false,
            // A member sees only their own record (`Actor::is_person`), and assessments only
            // when the organisation publishes them (checked by the use case).
            (Member, SubmitSuggestion | ReplyToMeeting | ViewRoles | ViewWhosWho) => true,
            (Member, _) => false,
        }
    }

    /// True for roles whose reach is limited to the units on their account.
    pub fn is_unit_scoped(self) -> bool {
        matches!(self, Role::UnitStaff)
    }

    /// Roles an organisation administrator may give (never platform administrator).
    pub fn assignable() -> impl Iterator<Item = Role> {
        Role::ALL
            .iter()
            .copied()
            .filter(|r| *r != Role::PlatformAdmin)
    }
}

/// The person acting: who they are, which organisation, which role, which units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    /// `None` only for a platform administrator.
    pub organisation_id: Option<i64>,
    pub role: Role,
    /// Units a unit-scoped account may reach; ignored for other roles.
    pub unit_ids: Vec<i64>,
    /// The person record linked to this account, if any (members always have one).
    pub person_id: Option<i64>,
    /// How the actor is named in the audit log (their e-mail address, or "system").
    pub label: String,
}

impl Actor {
    /// The command-line and start-up actor: used for `cairn admin create`, demo data and
    /// migrations, recorded in the audit log as "system".
    pub fn system(organisation_id: Option<i64>) -> Self {
        Actor {
            user_id: 0,
            organisation_id,
            role: if organisation_id.is_some() {
                Role::OrgAdmin
            } else {
                Role::PlatformAdmin
            },
            unit_ids: Vec::new(),
            person_id: None,
            label: "system".to_owned(),
        }
    }

    /// Who the audit log names for something a member sent anonymously: no account, no
    /// person, the label "anonymous". Only for recording; it is never signed in.
    pub fn anonymous(organisation_id: i64) -> Self {
        Actor {
            user_id: 0,
            organisation_id: Some(organisation_id),
            role: Role::Member,
            unit_ids: Vec::new(),
            person_id: None,
            label: "anonymous".to_owned(),
        }
    }

    /// True when the actor's role allows `p`.
    pub fn can(&self, p: Permission) -> bool {
        self.role.allows(p)
    }

    /// True when the actor may act on something in `organisation_id`.
    pub fn in_organisation(&self, organisation_id: i64) -> bool {
        self.organisation_id == Some(organisation_id)
    }

    /// True when the actor may reach `unit_id` (of their own organisation — checked by the
    /// caller). Unit staff reach only their units; other organisation roles reach every unit.
    pub fn can_reach_unit(&self, unit_id: i64) -> bool {
        !self.role.is_unit_scoped() || self.unit_ids.contains(&unit_id)
    }

    /// True when a record tied to `unit_ids` is within reach: for unit staff, it must share
    /// at least one unit with them; a record in no unit is outside their reach.
    pub fn can_reach_any_unit(&self, unit_ids: &[i64]) -> bool {
        !self.role.is_unit_scoped() || unit_ids.iter().any(|u| self.unit_ids.contains(u))
    }

    /// True when this account belongs to the person `person_id`.
    pub fn is_person(&self, person_id: i64) -> bool {
        self.person_id == Some(person_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn actor(role: Role, units: Vec<i64>) -> Actor {
        Actor {
            user_id: 1,
            organisation_id: Some(1),
            role,
            unit_ids: units,
            person_id: None,
            label: "t".into(),
        }
    }

    #[test]
    fn platform_admin_manages_organisations_but_sees_no_people() {
        assert!(Role::PlatformAdmin.allows(Permission::ManageOrganisations));
        assert!(!Role::PlatformAdmin.allows(Permission::ViewPeople));
        assert!(!Role::OrgAdmin.allows(Permission::ManageOrganisations));
    }

    #[test]
    fn viewer_and_finance_never_see_individual_people() {
        for r in [Role::Viewer, Role::Finance, Role::Member] {
            assert!(!r.allows(Permission::ViewPeople), "{r:?}");
            assert!(!r.allows(Permission::ManagePeople), "{r:?}");
        }
    }

    #[test]
    fn only_org_admin_reads_the_audit_log() {
        let readers: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.allows(Permission::ReadAudit))
            .collect();
        assert_eq!(readers, vec![Role::OrgAdmin]);
    }

    #[test]
    fn only_finance_authorises_and_runs_payments_and_only_members_claim_for_themselves() {
        for r in Role::ALL {
            let finance = *r == Role::Finance;
            assert_eq!(r.allows(Permission::AuthoriseClaims), finance, "{r:?}");
            assert_eq!(r.allows(Permission::ManagePaymentRuns), finance, "{r:?}");
            assert_eq!(r.allows(Permission::ClaimOwn), *r == Role::Member, "{r:?}");
            // Whoever authorises cannot also approve: the two steps are different roles.
            assert!(
                !(r.allows(Permission::AuthoriseClaims) && r.allows(Permission::ApproveClaims))
            );
        }
    }

    #[test]
    fn only_org_admins_export_a_person_and_only_members_say_they_are_interested() {
        for r in Role::ALL {
            assert_eq!(
                r.allows(Permission::ExportPersonData),
                *r == Role::OrgAdmin,
                "{r:?}"
            );
            assert_eq!(
                r.allows(Permission::ExpressInterest),
                *r == Role::Member,
                "{r:?}"
            );
        }
        // The board sees no individual people, so no who's-who either.
        assert!(!Role::Viewer.allows(Permission::ViewWhosWho));
        assert!(Role::Member.allows(Permission::ViewWhosWho));
        assert!(!Role::UnitStaff.allows(Permission::ManageRoles));
        assert!(Role::Lead.allows(Permission::ManageRoles));
    }

    #[test]
    fn unit_staff_reach_only_their_units() {
        let a = actor(Role::UnitStaff, vec![3, 4]);
        assert!(a.can_reach_unit(3));
        assert!(!a.can_reach_unit(5));
        assert!(a.can_reach_any_unit(&[5, 4]));
        assert!(!a.can_reach_any_unit(&[]));
        let lead = actor(Role::Lead, vec![]);
        assert!(lead.can_reach_unit(99));
    }

    proptest! {
        #[test]
        fn unit_scope_matches_membership(units in proptest::collection::vec(1i64..20, 0..6), probe in 1i64..20) {
            let a = actor(Role::UnitStaff, units.clone());
            prop_assert_eq!(a.can_reach_unit(probe), units.contains(&probe));
        }

        #[test]
        fn role_keys_round_trip(i in 0usize..7) {
            let r = Role::ALL[i];
            prop_assert_eq!(Role::parse(r.key()), Some(r));
        }
    }
}
