//! The access table: every route, for every role, for nobody signed in, and for another
//! organisation's administrator. A route without a row here fails the test, so new routes
//! must say who may use them.

use crate::helpers::{TestApp, Who};
use axum::http::Method;
use serde_json::json;

/// What a request should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// This exact status.
    Status(u16),
    /// A redirect to the sign-in page.
    Login,
    /// A redirect (anywhere).
    Redirect,
}

use Expect::*;
use Who::*;

const VIEW_UNITS: &[Who] = &[OrgAdmin, Lead, UnitStaff, Finance, Viewer, OtherAdmin];
const MANAGE_UNITS: &[Who] = &[OrgAdmin, Lead, OtherAdmin];
const VIEW_PEOPLE: &[Who] = &[OrgAdmin, Lead, UnitStaff, OtherAdmin];
const ORG_ADMINS: &[Who] = &[OrgAdmin, OtherAdmin];
/// Staff of organisation A who reach the carer on unit A1.
const VIEW_PEOPLE_A: &[Who] = &[OrgAdmin, Lead, UnitStaff];
/// Those who may read the who's-who (everyone with an organisation but the board).
const WHOS_WHO: &[Who] = &[OrgAdmin, Lead, UnitStaff, Finance, Member, OtherAdmin];
const MANAGE_MODEL: &[Who] = &[OrgAdmin, Lead, OtherAdmin];
const ORG_ROLES: &[Who] = &[
    OrgAdmin, Lead, UnitStaff, Finance, Member, Viewer, OtherAdmin,
];
const VIEW_ASSESSMENTS: &[Who] = &[OrgAdmin, Lead, UnitStaff, Viewer, OtherAdmin];
const CHANGE_ASSESSMENTS: &[Who] = &[OrgAdmin, Lead, UnitStaff];
const FEEDBACK: &[Who] = &[OrgAdmin, Lead, UnitStaff, OtherAdmin];
const FEEDBACK_A: &[Who] = &[OrgAdmin, Lead, UnitStaff];
/// Those who may see the seeded claims.
const CLAIMS: &[Who] = &[OrgAdmin, Lead, UnitStaff, Finance, Member, OtherAdmin];
/// Those who make claims (members for themselves, staff with people).
const CLAIMERS: &[Who] = &[OrgAdmin, Lead, UnitStaff, Member, OtherAdmin];
const APPROVERS: &[Who] = &[OrgAdmin, Lead, UnitStaff];
/// Those who run the seeded unit group's meetings.
const RUN_MEETINGS: &[Who] = &[OrgAdmin, Lead, UnitStaff];
const VIEW_MEETINGS: &[Who] = &[OrgAdmin, Lead, UnitStaff, OtherAdmin];
const GROUPS: &[Who] = &[OrgAdmin, Lead, OtherAdmin];
const REPRESENTATION: &[Who] = &[OrgAdmin, Lead, UnitStaff, Viewer, OtherAdmin];
/// Staff who see meetings, and the member who belongs to the seeded group.
const IN_GROUP: &[Who] = &[OrgAdmin, Lead, UnitStaff, Member];

/// Those with a part in involvement roles (everyone in an organisation but the board).
const ROLES_VIEW: &[Who] = &[OrgAdmin, Lead, UnitStaff, Finance, Member, OtherAdmin];
/// The same, within organisation A (for its records).
const ROLES_VIEW_A: &[Who] = &[OrgAdmin, Lead, UnitStaff, Finance, Member];
/// Those who write role descriptions and read the exits report.
const ROLES_WRITE: &[Who] = &[OrgAdmin, Lead, OtherAdmin];
/// Those who reach the member's own interest and appointment: leads, staff on their unit, and
/// the member.
const WITH_MEMBER: &[Who] = &[OrgAdmin, Lead, UnitStaff, Member];
/// Those who read survey results (aggregates only).
const SURVEY_READERS: &[Who] = &[OrgAdmin, Lead, UnitStaff, Viewer, OtherAdmin];
/// Those who read reports (aggregates): the service's only for those not limited to units.
const REPORTS: &[Who] = &[OrgAdmin, Lead, UnitStaff, Viewer, OtherAdmin];
const REPORTS_SERVICE: &[Who] = &[OrgAdmin, Lead, Viewer, OtherAdmin];
/// Those who set targets and baselines and assemble board packs.
const REPORT_WRITERS: &[Who] = &[OrgAdmin, Lead, OtherAdmin];
/// Those who record staff recruitment panels.
const RECRUIT: &[Who] = &[OrgAdmin, Lead, UnitStaff, OtherAdmin];

fn path_is(hint: &str, path: &str) -> bool {
    hint == path
}

/// For a signed-in page: `allowed` get `ok`, the rest 403, nobody signed in goes to sign-in.
fn page(who: Who, allowed: &[Who], ok: Expect) -> Expect {
    match who {
        Anon => Login,
        w if allowed.contains(&w) => ok,
        _ => Status(403),
    }
}

/// For a page about one record of organisation A: as [`page`], but the other organisation's
/// administrator (and anyone the record is out of reach for) gets 404.
fn record(who: Who, allowed: &[Who], ok: Expect, hidden: &[Who]) -> Expect {
    match who {
        Anon => Login,
        OtherAdmin => Status(404),
        w if hidden.contains(&w) => Status(404),
        w if allowed.contains(&w) => ok,
        _ => Status(403),
    }
}

/// For the API: 401 without a token.
fn api(who: Who, inner: Expect) -> Expect {
    if who == Anon { Status(401) } else { inner }
}

fn expected(method: &str, path: &str, who: Who) -> Option<Expect> {
    let path_hint = path;
    Some(match (method, path) {
        ("GET", "/healthz" | "/readyz" | "/api/v1/openapi.json") => Status(200),
        // Only with CAIRN_METRICS_TOKEN, which the test app does not set.
        ("GET", "/metrics") => Status(404),
        ("GET", "/") => Redirect,
        ("GET", "/sign-in") => {
            if who == Anon {
                Status(200)
            } else {
                Redirect
            }
        }
        ("POST", "/sign-in") => Status(422),
        // Organisation A has no identity provider in the walk: nothing to send anyone to.
        ("GET", "/sign-in/provider/{org}") => Status(404),
        // The provider's return without a state: the "start again" page, for anyone.
        ("GET", "/sign-in/provider/callback") => Status(400),
        ("GET", "/settings/identity") => page(who, ORG_ADMINS, Status(200)),
        ("POST", "/settings/identity") => page(who, ORG_ADMINS, Status(422)),
        // Nothing connected in the walk: both go back to the settings page.
        ("GET" | "POST", "/settings/identity/disconnect") => page(who, ORG_ADMINS, Redirect),
        ("POST", "/sign-out") => Login,
        ("GET", "/setup") => Login,
        ("POST", "/setup") => Status(409),
        ("GET", "/invitation/{token}") => Status(200),
        ("POST", "/invitation/{token}") => Status(422),
        ("GET", "/language") => Redirect,
        // The walk posts no `to`.
        ("POST", "/language") => Status(400),
        // Erasing a person: administrators only. The walk's person has no open claim; the
        // empty reason is refused beside the field.
        ("GET", "/people/{id}/erase") => record(who, &[OrgAdmin], Status(200), &[OtherAdmin]),
        ("POST", "/people/{id}/erase") => record(who, &[OrgAdmin], Status(422), &[OtherAdmin]),
        // The walk's body has no reason: refused before anything is looked up.
        ("POST", "/api/v1/people/{id}/erase") => api(who, Status(422)),
        ("GET", "/api/v1/people/{id}/export") => {
            api(who, record(who, &[OrgAdmin], Status(200), &[OtherAdmin]))
        }
        // "Stay signed in": JSON, 401 once the session has ended.
        ("POST", "/session/keep") => {
            if who == Anon {
                Status(401)
            } else {
                Status(200)
            }
        }
        ("GET", "/home" | "/account") => page(who, &Who::ALL, Status(200)),
        ("POST", "/account/tokens") => page(who, &Who::ALL, Status(422)),
        ("POST", "/account/tokens/{id}/revoke") => page(who, &Who::ALL, Redirect),
        ("POST", "/account/password") => page(who, &Who::ALL, Status(422)),
        ("GET", "/password/forgot") => Status(200),
        ("POST", "/password/forgot") => Status(422),
        // The walk's {token} is an invitation's, never a password link: 404 either way.
        ("GET" | "POST", "/password/{token}") => Status(404),
        ("GET", "/accounts") => page(who, &[OrgAdmin, OtherAdmin], Status(200)),
        ("GET", "/accounts/{id}") => record(who, &[OrgAdmin], Status(200), &[]),
        ("POST", "/accounts/{id}/disable" | "/accounts/{id}/enable" | "/accounts/{id}/unlock") => {
            record(who, &[OrgAdmin], Redirect, &[])
        }
        ("POST", "/accounts/{id}/role") => record(who, &[OrgAdmin], Status(422), &[]),
        // No such session (the spare account has none): 404 once allowed.
        ("POST", "/accounts/{id}/sessions/end") => record(who, &[OrgAdmin], Status(404), &[]),
        ("POST", "/accounts/{id}/password-link") => record(who, &[OrgAdmin], Status(200), &[]),
        ("POST", "/accounts/tokens/{id}/revoke") => record(who, &[OrgAdmin], Redirect, &[]),
        ("POST", "/api/v1/accounts/{id}/disable" | "/api/v1/accounts/{id}/enable") => {
            api(who, record(who, &[OrgAdmin], Status(200), &[]))
        }
        // Each principal revokes a token of their own.
        ("DELETE", "/api/v1/tokens/{id}") => api(who, Status(204)),
        ("GET", "/units" | "/services") => page(who, VIEW_UNITS, Status(200)),
        ("GET", "/units/new") => page(who, MANAGE_UNITS, Status(200)),
        ("POST", "/units/new" | "/services") => page(who, MANAGE_UNITS, Status(422)),
        ("GET", "/units/{id}") => record(who, VIEW_UNITS, Status(200), &[]),
        ("GET", "/units/{id}/edit") => record(who, &[OrgAdmin, Lead], Status(200), &[]),
        ("POST", "/units/{id}/edit") => record(who, &[OrgAdmin, Lead], Status(422), &[]),
        ("GET", "/settings") => page(who, ORG_ADMINS, Status(200)),
        ("POST", "/settings") => page(who, ORG_ADMINS, Status(422)),
        ("GET", "/settings/retention") => page(who, ORG_ADMINS, Status(200)),
        ("POST", "/settings/retention") => page(who, ORG_ADMINS, Status(422)),
        ("POST", "/settings/retention/run") => page(who, ORG_ADMINS, Status(303)),
        // Webhooks: organisation administrators only. The walk's empty forms and bodies are
        // refused beside the fields; its id names no endpoint, so administrators get 404.
        ("GET", "/settings/webhooks" | "/settings/webhooks/new") => {
            page(who, ORG_ADMINS, Status(200))
        }
        ("POST", "/settings/webhooks") => page(who, ORG_ADMINS, Status(422)),
        (
            "GET" | "POST",
            "/settings/webhooks/{id}"
            | "/settings/webhooks/{id}/rotate"
            | "/settings/webhooks/{id}/delete",
        ) => page(who, ORG_ADMINS, Status(404)),
        ("GET", "/api/v1/webhooks") => api(who, page(who, ORG_ADMINS, Status(200))),
        ("POST", "/api/v1/webhooks") => api(who, page(who, ORG_ADMINS, Status(422))),
        (
            "DELETE" | "GET" | "POST",
            "/api/v1/webhooks/{id}"
            | "/api/v1/webhooks/{id}/deliveries"
            | "/api/v1/webhooks/{id}/rotate-secret",
        ) => api(who, page(who, ORG_ADMINS, Status(404))),
        ("GET", "/organisations") => page(who, &[Platform], Status(200)),
        ("POST", "/organisations") => page(who, &[Platform], Status(422)),
        ("GET", "/people" | "/people/new") => page(who, VIEW_PEOPLE, Status(200)),
        ("POST", "/people/new") => page(who, VIEW_PEOPLE, Status(422)),
        // Viewing a record others may not see reads as "not found", so ids reveal nothing.
        ("GET", "/people/{id}") => record(
            who,
            &[OrgAdmin, Lead, UnitStaff],
            Status(200),
            &[Finance, Viewer, Member],
        ),
        ("GET", "/people/{id}/edit") => record(who, &[OrgAdmin, Lead, UnitStaff], Status(200), &[]),
        ("POST", "/people/{id}/edit") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(422), &[])
        }
        ("POST", "/people/{id}/account") => record(who, &[OrgAdmin], Status(422), &[]),
        // Profiles, photos, pathways and level decisions: staff who reach the person; another
        // member's id reads as "not found". Empty forms leave yes/no questions unanswered.
        ("GET", "/people/{id}/profile" | "/people/{id}/pathway") => {
            record(who, VIEW_PEOPLE_A, Status(200), &[Finance, Viewer, Member])
        }
        ("POST", "/people/{id}/profile" | "/people/{id}/photo") => {
            record(who, VIEW_PEOPLE_A, Status(422), &[Member])
        }
        ("POST", "/people/{id}/steps" | "/people/{id}/level") => {
            record(who, VIEW_PEOPLE_A, Status(422), &[])
        }
        // The carer is on the who's-who with a photo, so all who read the who's-who see it.
        ("GET", "/people/{id}/photo") => record(
            who,
            &[OrgAdmin, Lead, UnitStaff, Finance, Member],
            Status(200),
            &[],
        ),
        ("GET", "/people/{id}/export.json" | "/people/{id}/export.zip") => {
            record(who, &[OrgAdmin], Status(200), &[])
        }
        // Everyone sees what Cairn holds about them (or why it holds nothing); only people with
        // a record of their own have a profile there.
        ("GET", "/me") => page(who, &Who::ALL, Status(200)),
        // Easy Read: a member's own pages and their switch; nobody else is offered them. The
        // walk's empty suggestion is refused beside the field; the member already said they
        // are interested in the walk's opportunity.
        (
            "GET",
            "/easy-read"
            | "/easy-read/suggest"
            | "/easy-read/suggest/thanks"
            | "/easy-read/opportunities"
            | "/easy-read/claims"
            | "/easy-read/me",
        ) => page(who, &[Member], Status(200)),
        ("POST", "/easy-read/switch" | "/easy-read/opportunities/{id}/interest") => {
            page(who, &[Member], Redirect)
        }
        ("POST", "/easy-read/suggest") => page(who, &[Member], Status(422)),
        ("GET", "/me/profile") => match who {
            Anon => Login,
            Member => Status(200),
            _ => Redirect,
        },
        ("POST", "/me/profile" | "/me/photo") => match who {
            Anon => Login,
            Member => Status(422),
            _ => Status(404),
        },
        ("GET", "/whos-who") => page(who, WHOS_WHO, Status(200)),
        ("GET", "/whos-who/units/{id}") => record(who, WHOS_WHO, Status(200), &[]),
        ("GET", "/api/v1/people/{id}/pathway") => api(
            who,
            record(who, VIEW_PEOPLE_A, Status(200), &[Finance, Viewer, Member]),
        ),
        ("GET", "/audit" | "/audit.csv") => page(who, ORG_ADMINS, Status(200)),
        ("GET", "/api/v1/units") => api(who, page(who, VIEW_UNITS, Status(200))),
        ("POST", "/api/v1/units") => api(who, page(who, MANAGE_UNITS, Status(422))),
        ("GET", "/api/v1/units/{id}") => api(who, record(who, VIEW_UNITS, Status(200), &[])),
        // PATCH with no fields keeps every value: allowed roles get 200.
        ("PATCH", "/api/v1/units/{id}") => {
            api(who, record(who, &[OrgAdmin, Lead], Status(200), &[]))
        }
        ("GET", "/api/v1/people") => api(who, page(who, VIEW_PEOPLE, Status(200))),
        ("POST", "/api/v1/people") => api(who, page(who, VIEW_PEOPLE, Status(422))),
        ("GET", "/api/v1/people/{id}") => api(
            who,
            record(
                who,
                &[OrgAdmin, Lead, UnitStaff],
                Status(200),
                &[Finance, Viewer, Member],
            ),
        ),
        ("PATCH", "/api/v1/people/{id}") => api(
            who,
            record(
                who,
                &[OrgAdmin, Lead, UnitStaff],
                Status(200),
                &[Finance, Viewer, Member],
            ),
        ),
        ("GET", "/model") => page(who, ORG_ROLES, Status(200)),
        ("POST", "/model/settings") => page(who, ORG_ADMINS, Status(422)),
        ("GET", "/model/practices/new" | "/model/practices/{code}/edit") => {
            page(who, MANAGE_MODEL, Status(200))
        }
        ("POST", "/model/practices/new" | "/model/practices/{code}/edit") => {
            page(who, MANAGE_MODEL, Status(422))
        }
        ("POST", "/model/practices/{code}/retire") => page(who, MANAGE_MODEL, Redirect),
        // Members see assessments only when the organisation publishes them (not here).
        (
            "GET",
            "/units/{id}/assessment"
            | "/units/{id}/assessment.csv"
            | "/units/{id}/progress.csv"
            | "/units/{id}/assessment/{code}",
        ) => record(who, VIEW_ASSESSMENTS, Status(200), &[]),
        ("POST", "/units/{id}/assessment/{code}") => {
            record(who, CHANGE_ASSESSMENTS, Status(422), &[])
        }
        (
            "GET",
            "/assessment" | "/assessment.csv" | "/assessment/levels.csv" | "/assessment/rounds",
        ) => page(who, VIEW_ASSESSMENTS, Status(200)),
        ("POST", "/assessment/rounds") => page(who, MANAGE_MODEL, Status(422)),
        ("POST", "/assessment/rounds/{id}/close") => record(who, &[OrgAdmin, Lead], Redirect, &[]),
        (
            "GET",
            "/api/v1/units/{id}/assessment"
            | "/api/v1/units/{id}/progress"
            | "/api/v1/units/{id}/assessment/history"
            | "/api/v1/units/{id}/assessment/{code}/history",
        ) => api(who, record(who, VIEW_ASSESSMENTS, Status(200), &[])),
        ("GET", "/api/v1/assessment-rounds") => api(who, page(who, VIEW_ASSESSMENTS, Status(200))),
        ("GET", "/api/v1/assessment-rounds/{id}") => {
            api(who, record(who, VIEW_ASSESSMENTS, Status(200), &[]))
        }
        ("PUT", "/api/v1/units/{id}/assessment/{code}") => {
            api(who, record(who, CHANGE_ASSESSMENTS, Status(422), &[]))
        }
        ("POST", "/api/v1/assessment-rounds") => api(who, page(who, MANAGE_MODEL, Status(422))),
        ("POST", "/api/v1/assessment-rounds/{id}/close") => {
            api(who, record(who, &[OrgAdmin, Lead], Status(200), &[]))
        }
        // Feedback: staff who handle suggestions, kiosks included (unit staff: on their units);
        // leads and administrators for statuses.
        ("GET", "/feedback" | "/feedback.csv" | "/feedback/new" | "/feedback/statuses") => {
            page(who, FEEDBACK, Status(200))
        }
        ("POST", "/feedback/new" | "/feedback/statuses") => match who {
            UnitStaff if path_is(path_hint, "/feedback/statuses") => Status(403),
            _ => page(who, FEEDBACK, Status(422)),
        },
        ("GET", "/feedback/by-month" | "/feedback/by-month.csv") => {
            page(who, FEEDBACK, Status(200))
        }
        ("GET", "/feedback/kiosks") => page(who, FEEDBACK, Status(200)),
        ("POST", "/feedback/kiosks") => page(who, FEEDBACK, Status(422)),
        ("POST", "/feedback/kiosks/{id}/revoke") => record(who, FEEDBACK_A, Redirect, &[]),
        ("GET", "/feedback/{id}") => record(who, FEEDBACK_A, Status(200), &[]),
        (
            "POST",
            "/feedback/{id}/publish"
            | "/feedback/{id}/private"
            | "/feedback/{id}/update"
            | "/feedback/{id}/status",
        ) => record(who, FEEDBACK_A, Status(422), &[]),
        // Sent empty, these forms clear the owner, the practices and the forum flag.
        ("POST", "/feedback/{id}/owner" | "/feedback/{id}/practices" | "/feedback/{id}/forum") => {
            record(who, FEEDBACK_A, Redirect, &[])
        }
        ("GET", "/suggest/thanks") => page(who, &Who::ALL, Status(200)),
        ("GET", "/suggest") => page(
            who,
            &[OrgAdmin, Lead, UnitStaff, Member, OtherAdmin],
            Status(200),
        ),
        ("POST", "/suggest") => page(
            who,
            &[OrgAdmin, Lead, UnitStaff, Member, OtherAdmin],
            Status(422),
        ),
        // Public boards and the kiosk need no sign-in.
        (
            "GET",
            "/o/{org}/you-said-we-did"
            | "/o/{org}/units/{unit}/you-said-we-did"
            | "/o/{org}/units/{unit}/poster",
        ) => Status(200),
        (
            "GET",
            "/kiosk/{token}"
            | "/kiosk/{token}/suggest"
            | "/kiosk/{token}/thanks"
            | "/kiosk/{token}/board",
        ) => Status(200),
        ("POST", "/kiosk/{token}/suggest") => Status(422),
        ("POST", "/api/v1/suggestions") => api(
            who,
            page(
                who,
                &[OrgAdmin, Lead, UnitStaff, Member, OtherAdmin],
                Status(422),
            ),
        ),
        ("GET", "/api/v1/suggestions") => api(who, page(who, FEEDBACK, Status(200))),
        ("GET", "/api/v1/suggestions/{id}") => api(who, record(who, FEEDBACK_A, Status(200), &[])),
        ("POST", "/api/v1/suggestions/{id}/transitions" | "/api/v1/suggestions/{id}/publish") => {
            api(who, record(who, FEEDBACK_A, Status(422), &[]))
        }
        ("GET", "/api/v1/units/{id}/you-said-we-did") => api(
            who,
            if who == Platform {
                Status(403)
            } else if who == OtherAdmin {
                Status(404)
            } else {
                Status(200)
            },
        ),
        // Meetings: staff see them (unit staff: their units' groups), leads and administrators
        // write groups, the member answers for their own group; the viewer sees only figures.
        ("GET", "/meetings") => match who {
            Member | Viewer => Redirect,
            _ => page(who, VIEW_MEETINGS, Status(200)),
        },
        ("GET", "/meetings/groups/new") => page(who, GROUPS, Status(200)),
        ("POST", "/meetings/groups/new") => page(who, GROUPS, Status(422)),
        ("GET", "/meetings/groups/{id}") => record(who, IN_GROUP, Status(200), &[]),
        ("GET", "/meetings/groups/{id}/edit") => record(who, &[OrgAdmin, Lead], Status(200), &[]),
        ("POST", "/meetings/groups/{id}/edit") => record(who, &[OrgAdmin, Lead], Status(422), &[]),
        ("POST", "/meetings/groups/{id}/members" | "/meetings/groups/{id}/schedule") => {
            record(who, RUN_MEETINGS, Status(422), &[])
        }
        ("GET", "/meetings/groups/{id}/schedule") => record(who, RUN_MEETINGS, Status(200), &[]),
        ("GET", "/meetings/representation" | "/meetings/representation.csv") => {
            page(who, REPRESENTATION, Status(200))
        }
        // Everyone's overdue actions: for those who run meetings (unit staff: their units').
        ("GET", "/meetings/actions/overdue") => page(who, VIEW_MEETINGS, Status(200)),
        // Nothing chosen: invalid input, 422 like every other form.
        ("POST", "/meetings/actions/{id}/status") => record(who, RUN_MEETINGS, Status(422), &[]),
        ("GET", "/meetings/{id}" | "/meetings/{id}/name-cards") => {
            record(who, RUN_MEETINGS, Status(200), &[])
        }
        ("GET", "/meetings/{id}/invite.ics") => record(who, IN_GROUP, Status(200), &[]),
        // The member's own reply with nothing chosen; staff must say for whom.
        ("POST", "/meetings/{id}/reply") => record(who, IN_GROUP, Status(422), &[]),
        // The seeded meeting has not started yet, so attendance cannot be recorded.
        ("POST", "/meetings/{id}/attendance") => record(who, RUN_MEETINGS, Status(409), &[]),
        (
            "POST",
            "/meetings/{id}/agenda" | "/meetings/{id}/decisions" | "/meetings/{id}/actions",
        ) => record(who, RUN_MEETINGS, Status(422), &[]),
        ("POST", "/meetings/{id}/minutes") => record(who, RUN_MEETINGS, Redirect, &[]),
        // E-mail is off in the test organisation.
        ("POST", "/meetings/{id}/invitations") => record(who, RUN_MEETINGS, Status(409), &[]),
        // The first canceller cancels it; the later ones find it already cancelled.
        ("POST", "/meetings/{id}/cancel") => match who {
            OrgAdmin => Redirect,
            _ => record(who, RUN_MEETINGS, Status(409), &[]),
        },
        ("GET", "/my-meetings") => page(who, &[OrgAdmin, Lead, Member, OtherAdmin], Status(200)),
        // A member's own meeting; an account that is nobody's has none to open.
        ("GET", "/my-meetings/{id}") => match who {
            OrgAdmin | Lead => Status(404),
            _ => record(who, &[Member], Status(200), &[]),
        },
        ("GET", "/api/v1/groups" | "/api/v1/meetings") => api(
            who,
            page(
                who,
                &[OrgAdmin, Lead, UnitStaff, Member, OtherAdmin],
                Status(200),
            ),
        ),
        ("POST", "/api/v1/groups") => api(who, page(who, GROUPS, Status(422))),
        ("POST", "/api/v1/meetings") => api(
            who,
            page(who, &[OrgAdmin, Lead, UnitStaff, OtherAdmin], Status(422)),
        ),
        ("GET", "/api/v1/meetings/{id}") => api(who, record(who, RUN_MEETINGS, Status(200), &[])),
        ("GET", "/api/v1/meetings/{id}/invite.ics") => {
            api(who, record(who, IN_GROUP, Status(200), &[]))
        }
        // The walk's empty body names no register: refused before the meeting's start is.
        ("PUT", "/api/v1/meetings/{id}/attendance") => {
            api(who, record(who, RUN_MEETINGS, Status(422), &[]))
        }
        ("GET", "/api/v1/representation") => api(who, page(who, REPRESENTATION, Status(200))),
        ("GET", "/api/v1/groups/{id}") => api(who, record(who, IN_GROUP, Status(200), &[])),
        // The web walk cancelled the seeded meeting before the API rows run.
        ("POST", "/api/v1/meetings/{id}/cancel") => {
            api(who, record(who, RUN_MEETINGS, Status(409), &[]))
        }
        ("PUT", "/api/v1/meetings/{id}/minutes") => {
            api(who, record(who, RUN_MEETINGS, Status(200), &[]))
        }
        // Sent empty: no text.
        ("POST", "/api/v1/meetings/{id}/decisions" | "/api/v1/meetings/{id}/actions") => {
            api(who, record(who, RUN_MEETINGS, Status(422), &[]))
        }
        ("POST", "/api/v1/actions/{id}/status") => {
            api(who, record(who, RUN_MEETINGS, Status(422), &[]))
        }
        // Payments: members claim for themselves; staff make claims with people and approve;
        // finance alone authorises and runs payments; the viewer sees only the report.
        ("GET", "/payments") => match who {
            Member | Viewer => Redirect,
            _ => page(
                who,
                &[OrgAdmin, Lead, UnitStaff, Finance, OtherAdmin],
                Status(200),
            ),
        },
        ("GET", "/payments/claims") => page(who, CLAIMS, Status(200)),
        ("GET", "/payments/claims/new") => page(who, CLAIMERS, Status(200)),
        // A member's own claim, one question a page (staff use the one-page form). The walk
        // posts empty answers: each page refuses them beside its field, and the draft those
        // posts keep is what "send" finds incomplete.
        (
            "GET",
            "/payments/claims/start"
            | "/payments/claims/start/what"
            | "/payments/claims/start/when"
            | "/payments/claims/start/time"
            | "/payments/claims/start/expenses"
            | "/payments/claims/start/expense"
            | "/payments/claims/start/expense/more"
            | "/payments/claims/start/paid",
        ) => page(who, &[Member], Status(200)),
        (
            "POST",
            "/payments/claims/start/what"
            | "/payments/claims/start/when"
            | "/payments/claims/start/expenses"
            | "/payments/claims/start/expense"
            | "/payments/claims/start/expense/more"
            | "/payments/claims/start/paid"
            | "/payments/claims/start/check",
        ) => page(who, &[Member], Status(422)),
        // No time given is no time (a claim for expenses only); no expense yet to give an
        // amount for; nothing to remove; answers not complete.
        (
            "GET" | "POST",
            "/payments/claims/start/expense/amount" | "/payments/claims/start/check",
        )
        | ("POST", "/payments/claims/start/time")
        | ("POST", "/payments/claims/start/expense/remove" | "/payments/claims/start/again") => {
            page(who, &[Member], Redirect)
        }
        // The member's own claim was sent: its confirmation, and no receipt to wait for.
        ("GET", "/payments/claims/{id}/sent") => page(who, &[Member], Status(200)),
        ("POST", "/payments/claims/{id}/sent/receipts") => page(who, &[Member], Redirect),
        ("POST", "/payments/claims/new") => page(who, CLAIMERS, Status(422)),
        ("GET", "/payments/claims/{id}") => record(who, CLAIMS, Status(200), &[]),
        // The member's claim was already sent.
        ("POST", "/payments/claims/{id}/submit") => {
            record(who, &[OrgAdmin, Lead, UnitStaff, Member], Status(409), &[])
        }
        // The first approver approves; later ones find it approved already.
        // The carer's claims are out of the member's sight.
        ("POST", "/payments/claims/{id}/approve") => match who {
            OrgAdmin => Redirect,
            _ => record(who, APPROVERS, Status(409), &[Member]),
        },
        ("POST", "/payments/claims/{id}/authorise") => record(who, &[Finance], Redirect, &[Member]),
        // No reason given.
        ("POST", "/payments/claims/{id}/reject") => {
            record(who, &[OrgAdmin, Lead, UnitStaff, Finance], Status(422), &[])
        }
        ("POST", "/payments/claims/{id}/reverse") => record(who, APPROVERS, Status(422), &[]),
        // Correcting a paid claim is finance's; with nothing chosen the form comes back.
        ("POST", "/payments/claims/{id}/correct") => record(who, &[Finance], Status(422), &[]),
        // An empty upload is refused beside the field.
        ("POST", "/payments/claims/{id}/receipts") => {
            record(who, &[OrgAdmin, Lead, UnitStaff, Member], Status(422), &[])
        }
        ("GET", "/payments/receipts/{id}") => record(who, CLAIMS, Status(200), &[]),
        ("GET", "/payments/rates") => page(who, ORG_ROLES, Status(200)),
        ("POST", "/payments/rates" | "/payments/rates/expenses") => {
            page(who, &[OrgAdmin, Lead, Finance, OtherAdmin], Status(422))
        }
        ("GET", "/payments/runs") => page(who, &[Finance], Status(200)),
        ("POST", "/payments/runs") => page(who, &[Finance], Status(422)),
        // Runs are finance's alone: any other role is refused before the run is looked up.
        ("GET", "/payments/runs/{id}") => page(who, &[Finance], Status(200)),
        // Locked first, then paid; the export needs a locked run, which it is by then.
        ("POST", "/payments/runs/{id}/lock" | "/payments/runs/{id}/paid") => {
            page(who, &[Finance], Redirect)
        }
        ("GET", "/payments/runs/{id}/export.csv") => page(who, &[Finance], Status(200)),
        ("GET", "/payments/settings" | "/payments/statement") => match who {
            Anon => Login,
            Member => Status(200),
            // Staff without a person record of their own must say whose.
            Platform | OrgAdmin | Lead | UnitStaff | Finance | Viewer | OtherAdmin => Status(403),
        },
        ("POST", "/payments/settings") => match who {
            Anon => Login,
            Member => Status(422),
            _ => Status(403),
        },
        // "How I am paid", one question a page, for a member's own settings.
        ("GET", "/payments/settings/{step}") => page(who, &[Member], Status(200)),
        ("POST", "/payments/settings/{step}") => page(who, &[Member], Status(422)),
        // A person's payments, from their page: staff who make claims with them.
        (
            "GET",
            "/people/{id}/payments"
            | "/people/{id}/payments/settings"
            | "/people/{id}/payments/statement",
        ) => record(who, VIEW_PEOPLE_A, Status(200), &[Member]),
        ("POST", "/people/{id}/payments/settings") => {
            record(who, VIEW_PEOPLE_A, Status(422), &[Member])
        }
        ("GET", "/payments/report" | "/payments/report.csv") => page(
            who,
            &[OrgAdmin, Lead, Finance, Viewer, OtherAdmin],
            Status(200),
        ),
        ("GET", "/api/v1/rates") => api(who, page(who, ORG_ROLES, Status(200))),
        ("POST", "/api/v1/rates") => api(
            who,
            page(who, &[OrgAdmin, Lead, Finance, OtherAdmin], Status(422)),
        ),
        ("POST", "/api/v1/claims") => api(who, page(who, CLAIMERS, Status(422))),
        ("GET", "/api/v1/claims") => api(who, page(who, CLAIMS, Status(200))),
        ("GET", "/api/v1/claims/{id}") => api(who, record(who, CLAIMS, Status(200), &[])),
        ("POST", "/api/v1/claims/{id}/submit") => api(
            who,
            record(who, &[OrgAdmin, Lead, UnitStaff, Member], Status(409), &[]),
        ),
        ("POST", "/api/v1/claims/{id}/approve") => {
            api(who, record(who, APPROVERS, Status(409), &[Member]))
        }
        ("POST", "/api/v1/claims/{id}/authorise") => {
            api(who, record(who, &[Finance], Status(409), &[Member]))
        }
        ("POST", "/api/v1/claims/{id}/reject") => api(
            who,
            record(who, &[OrgAdmin, Lead, UnitStaff, Finance], Status(422), &[]),
        ),
        ("POST", "/api/v1/claims/{id}/reverse") => {
            api(who, record(who, &[Finance], Status(422), &[]))
        }
        ("GET", "/api/v1/people/{id}/earnings") => api(who, record(who, CLAIMS, Status(200), &[])),
        ("POST", "/api/v1/payment-runs") => api(who, page(who, &[Finance], Status(422))),
        ("POST", "/api/v1/payment-runs/{id}/lock") => api(who, page(who, &[Finance], Status(409))),
        ("GET", "/api/v1/payment-runs/{id}/export") => api(who, page(who, &[Finance], Status(200))),
        ("GET", "/api/v1/payment-runs" | "/api/v1/payment-runs/{id}") => {
            api(who, page(who, &[Finance], Status(200)))
        }
        // The web walk marked the seeded run paid already.
        ("POST", "/api/v1/payment-runs/{id}/paid") => api(who, page(who, &[Finance], Status(409))),
        // Buddies and welcome meetings: staff who see people (unit staff: their units); a
        // member sees only their own pairing, on their own page.
        ("GET", "/buddies" | "/buddies/new" | "/welcome" | "/welcome/new") => {
            page(who, VIEW_PEOPLE, Status(200))
        }
        ("POST", "/buddies/new" | "/welcome/new") => page(who, VIEW_PEOPLE, Status(422)),
        ("GET", "/buddies/{id}" | "/welcome/{id}") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(200), &[])
        }
        // Sent empty, each form is missing its date.
        ("POST", "/buddies/{id}/checkins" | "/buddies/{id}/end" | "/welcome/{id}") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(422), &[])
        }
        ("GET", "/my-buddy") => match who {
            Anon => Login,
            Member => Status(200),
            // Accounts without a person record of their own have no pairing to see.
            _ => Status(403),
        },
        // Involvement roles: everyone with a part in roles reads published roles and
        // opportunities; leads and administrators write them and move interests; a member
        // sees only their own interest and appointment, and another's person is "not found".
        ("GET", "/roles" | "/opportunities") => page(who, ROLES_VIEW, Status(200)),
        ("GET", "/roles/new" | "/opportunities/new") => page(who, ROLES_WRITE, Status(200)),
        ("POST", "/roles/new" | "/opportunities/new") => page(who, ROLES_WRITE, Status(422)),
        ("GET", "/roles/exits" | "/roles/exits.csv") => page(who, ROLES_WRITE, Status(200)),
        ("GET", "/roles/{id}" | "/opportunities/{id}" | "/opportunities/{id}/poster") => {
            record(who, ROLES_VIEW_A, Status(200), &[])
        }
        ("GET", "/roles/{id}/edit") => record(who, &[OrgAdmin, Lead], Status(200), &[]),
        ("POST", "/roles/{id}/edit") => record(who, &[OrgAdmin, Lead], Status(422), &[]),
        // Sent empty: a member says it for themselves (or is told, kindly, they already did);
        // staff have not chosen a person.
        ("POST", "/opportunities/{id}/interest") => match who {
            Member => Redirect,
            _ => record(who, &[OrgAdmin, Lead, UnitStaff], Status(422), &[]),
        },
        ("POST", "/opportunities/{id}/withdraw") => record(who, &[OrgAdmin, Lead], Redirect, &[]),
        ("GET", "/interests/{id}" | "/appointments/{id}" | "/appointments/{id}/end") => {
            record(who, WITH_MEMBER, Status(200), &[])
        }
        ("POST", "/interests/{id}/transition" | "/appointments/{id}/checks") => {
            record(who, &[OrgAdmin, Lead], Status(422), &[])
        }
        ("POST", "/appointments/{id}/end") => record(who, WITH_MEMBER, Status(422), &[]),
        ("GET", "/people/{id}/leave") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(200), &[Member])
        }
        ("POST", "/people/{id}/leave") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(422), &[Member])
        }
        ("GET", "/recruitment" | "/recruitment/new") => page(who, RECRUIT, Status(200)),
        ("POST", "/recruitment/new") => page(who, RECRUIT, Status(422)),
        ("GET", "/recruitment/{id}") => record(who, &[OrgAdmin, Lead, UnitStaff], Status(200), &[]),
        ("POST", "/recruitment/{id}/panel") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(422), &[])
        }
        ("GET", "/api/v1/roles" | "/api/v1/opportunities") => {
            api(who, page(who, ROLES_VIEW, Status(200)))
        }
        ("POST", "/api/v1/roles" | "/api/v1/opportunities") => {
            api(who, page(who, ROLES_WRITE, Status(422)))
        }
        ("GET", "/api/v1/roles/{id}" | "/api/v1/opportunities/{id}") => {
            api(who, record(who, ROLES_VIEW_A, Status(200), &[]))
        }
        ("GET", "/api/v1/interests") => api(
            who,
            page(
                who,
                &[OrgAdmin, Lead, UnitStaff, Member, OtherAdmin],
                Status(200),
            ),
        ),
        ("GET", "/api/v1/interests/{id}") => api(who, record(who, WITH_MEMBER, Status(200), &[])),
        // Someone out of reach is not found (a member reaches only themselves).
        ("GET", "/api/v1/people/{id}/appointments") => api(
            who,
            record(who, VIEW_PEOPLE_A, Status(200), &[Finance, Member, Viewer]),
        ),
        ("POST", "/api/v1/opportunities/{id}/interest") => api(
            who,
            match who {
                Member => Status(201),
                _ => record(who, &[OrgAdmin, Lead, UnitStaff], Status(422), &[]),
            },
        ),
        ("GET", "/training") => page(who, ORG_ROLES, Status(200)),
        ("POST", "/training/topics") => page(who, ORG_ROLES, Status(422)),
        ("GET", "/training/topics") => page(who, ROLES_WRITE, Status(200)),
        ("GET", "/training/courses/new") => page(who, ROLES_WRITE, Status(200)),
        ("POST", "/training/courses/new") => page(who, ROLES_WRITE, Status(422)),
        ("GET", "/training/courses/{id}") => record(
            who,
            &[OrgAdmin, Lead, UnitStaff, Finance, Member, Viewer],
            Status(200),
            &[],
        ),
        ("POST", "/training/courses/{id}/request") => page(who, &[Member], Status(303)),
        ("GET", "/training/courses/{id}/sessions/new") => {
            record(who, &[OrgAdmin, Lead], Status(200), &[])
        }
        ("POST", "/training/courses/{id}/sessions/new") => {
            record(who, &[OrgAdmin, Lead], Status(422), &[])
        }
        ("GET", "/training/sessions/{id}") => record(
            who,
            &[OrgAdmin, Lead, UnitStaff],
            Status(200),
            &[Finance, Member, Viewer],
        ),
        ("GET", "/training/certificates") => {
            page(who, &[OrgAdmin, Lead, UnitStaff, OtherAdmin], Status(200))
        }
        ("GET", "/training/certificates/{id}") => record(
            who,
            &[OrgAdmin, Lead, UnitStaff, Member],
            Status(200),
            &[Finance, Viewer],
        ),
        ("POST", "/training/certificates/{id}/reissue") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(303), &[])
        }
        // Without a person named, there is no claim to make for anyone.
        ("POST", "/training/sessions/{id}/claims") => match who {
            Anon => Login,
            _ => Status(404),
        },
        ("POST", "/training/sessions/{id}") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(303), &[])
        }
        ("GET", "/training/report" | "/training/report.csv") => page(
            who,
            &[OrgAdmin, Lead, UnitStaff, Viewer, OtherAdmin],
            Status(200),
        ),
        ("GET", "/training/courses/{id}/learners") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(200), &[])
        }
        // The seeded course is completed by coming to sessions, not by an assessment.
        ("POST", "/training/courses/{id}/assessments") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(409), &[])
        }
        ("POST", "/training/courses/{id}/credits") => {
            record(who, &[OrgAdmin, Lead], Status(422), &[])
        }
        // Sent empty: no one named, so no one to take off the list.
        ("POST", "/training/courses/{id}/credits/remove") => {
            record(who, &[OrgAdmin, Lead], Status(404), &[])
        }
        ("GET", "/training/courses/{id}/accreditation.csv") => {
            record(who, &[OrgAdmin, Lead], Status(200), &[])
        }
        ("GET", "/training/sessions/{id}/print") => record(
            who,
            &[OrgAdmin, Lead, UnitStaff],
            Status(200),
            &[Finance, Member, Viewer],
        ),
        ("POST", "/roles/{id}/training") => record(who, &[OrgAdmin, Lead], Status(422), &[]),
        ("POST", "/roles/{id}/training/remove") => record(who, &[OrgAdmin, Lead], Status(404), &[]),
        ("GET", "/api/v1/courses/{id}/accreditation.csv") => {
            api(who, record(who, &[OrgAdmin, Lead], Status(200), &[]))
        }
        ("GET", "/surveys") => page(who, SURVEY_READERS, Status(200)),
        ("GET", "/surveys/new") => page(who, ROLES_WRITE, Status(200)),
        ("POST", "/surveys/new") => page(who, ROLES_WRITE, Status(422)),
        (
            "GET",
            "/surveys/{id}"
            | "/surveys/rounds/{id}"
            | "/surveys/rounds/{id}/results.csv"
            | "/surveys/rounds/{id}/compare",
        ) => record(who, &[OrgAdmin, Lead, UnitStaff, Viewer], Status(200), &[]),
        ("POST", "/surveys/{id}/rounds") => record(who, &[OrgAdmin, Lead], Status(422), &[]),
        // The seeded survey is the Friends and Family Test, whose questions are fixed.
        ("POST", "/surveys/{id}/questions" | "/surveys/{id}/questions/remove") => {
            record(who, &[OrgAdmin, Lead], Status(409), &[])
        }
        // A unit's link is for anyone who has it, signed in or not; sent empty, the required
        // rating is missing.
        ("GET", "/s/{token}" | "/s/{token}/poster" | "/c/{token}") => Status(200),
        ("POST", "/s/{token}" | "/c/{token}") => Status(422),
        // Sent empty: no unit, no card count, no comment named.
        ("POST", "/surveys/rounds/{id}/cards") => record(who, &[OrgAdmin, Lead], Status(422), &[]),
        ("GET", "/surveys/rounds/{id}/cards") => record(who, &[OrgAdmin, Lead], Status(200), &[]),
        ("GET" | "POST", "/surveys/rounds/{id}/paper") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(404), &[])
        }
        ("GET", "/surveys/rounds/{id}/comments") => record(who, &[OrgAdmin], Status(200), &[]),
        ("POST", "/surveys/rounds/{id}/comments/check") => {
            record(who, &[OrgAdmin], Status(404), &[])
        }
        ("POST", "/surveys/rounds/{id}/comments/suggestion") => {
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(404), &[])
        }
        ("POST", "/surveys/rounds/{id}/figures") => {
            record(who, &[OrgAdmin, Lead], Status(404), &[])
        }
        ("POST", "/surveys/settings") => page(who, &[OrgAdmin, OtherAdmin], Status(422)),
        ("GET", "/api/v1/surveys") => api(who, page(who, SURVEY_READERS, Status(200))),
        ("POST", "/api/v1/surveys") => api(who, page(who, ROLES_WRITE, Status(422))),
        ("GET", "/api/v1/surveys/{id}" | "/api/v1/surveys/{id}/rounds") => {
            api(who, record(who, SURVEY_READERS, Status(200), &[]))
        }
        ("POST", "/api/v1/surveys/{id}/rounds") => {
            api(who, record(who, &[OrgAdmin, Lead], Status(422), &[]))
        }
        ("POST", "/api/v1/rounds/{id}/responses") => api(
            who,
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(422), &[]),
        ),
        ("GET", "/api/v1/rounds/{id}/results" | "/api/v1/rounds/{id}/results.csv") => api(
            who,
            record(who, &[OrgAdmin, Lead, UnitStaff, Viewer], Status(200), &[]),
        ),
        ("GET", "/api/v1/courses") => api(who, page(who, ORG_ROLES, Status(200))),
        ("POST", "/api/v1/courses") => api(who, page(who, ROLES_WRITE, Status(422))),
        ("GET", "/api/v1/courses/{id}") => api(
            who,
            record(
                who,
                &[OrgAdmin, Lead, UnitStaff, Finance, Member, Viewer],
                Status(200),
                &[],
            ),
        ),
        ("GET", "/api/v1/sessions/{id}") => api(
            who,
            record(
                who,
                &[OrgAdmin, Lead, UnitStaff],
                Status(200),
                &[Finance, Member, Viewer],
            ),
        ),
        ("GET", "/api/v1/courses/{id}/sessions") => api(
            who,
            record(
                who,
                &[OrgAdmin, Lead, UnitStaff, Finance, Member, Viewer],
                Status(200),
                &[],
            ),
        ),
        ("POST", "/api/v1/courses/{id}/sessions") => {
            api(who, record(who, &[OrgAdmin, Lead], Status(422), &[]))
        }
        ("PUT", "/api/v1/sessions/{id}/attendance") => api(
            who,
            record(who, &[OrgAdmin, Lead, UnitStaff], Status(200), &[]),
        ),
        ("GET", "/api/v1/people/{id}/training") => api(
            who,
            record(
                who,
                &[OrgAdmin, Lead, UnitStaff],
                Status(200),
                &[Finance, Member, Viewer],
            ),
        ),
        ("POST", "/api/v1/interests/{id}/transitions") => {
            api(who, record(who, &[OrgAdmin, Lead], Status(422), &[]))
        }
        // Evidence records follow the unit's self-assessment: read by its readers, added by
        // those who change it (the walk's empty form is refused beside its fields).
        ("GET", "/units/{id}/evidence") => record(who, VIEW_ASSESSMENTS, Status(200), &[]),
        // Without a kind there is no form to show.
        ("GET" | "POST", "/units/{id}/evidence/new") => {
            record(who, CHANGE_ASSESSMENTS, Status(404), &[])
        }
        (
            "GET",
            "/api/v1/units/{id}/advocate-visits"
            | "/api/v1/units/{id}/community-events"
            | "/api/v1/units/{id}/perspective-papers"
            | "/api/v1/units/{id}/practice-audits",
        ) => api(who, record(who, VIEW_ASSESSMENTS, Status(200), &[])),
        (
            "POST",
            "/api/v1/units/{id}/advocate-visits"
            | "/api/v1/units/{id}/community-events"
            | "/api/v1/units/{id}/perspective-papers"
            | "/api/v1/units/{id}/practice-audits",
        ) => api(who, record(who, CHANGE_ASSESSMENTS, Status(422), &[])),
        // Guiding principles: everyone in an organisation reads them; only people with a record
        // (the member) can say they have read them, and the rest are told why not (409).
        ("GET", "/principles") => page(who, ORG_ROLES, Status(200)),
        // The handbook is for everyone in an organisation.
        ("GET", "/handbook") => page(who, ORG_ROLES, Status(200)),
        ("POST", "/principles/acknowledge") => match who {
            Anon => Login,
            Platform => Status(403),
            Member => Redirect,
            _ => Status(409),
        },
        ("GET", "/principles/edit") => page(who, ROLES_WRITE, Status(200)),
        ("POST", "/principles/edit") => page(who, ROLES_WRITE, Status(422)),
        ("GET", "/api/v1/principles") => api(who, page(who, ORG_ROLES, Status(200))),
        // The page's row above acknowledged for the member already: the API answers 200 with
        // that acknowledgement (201 is for a first one).
        ("POST", "/api/v1/principles/acknowledgements") => api(
            who,
            match who {
                Platform => Status(403),
                Member => Status(200),
                _ => Status(409),
            },
        ),
        // Reports: unit staff are sent to their unit's dashboard and chart.
        ("GET", "/reports" | "/reports/measures/{key}") => match who {
            UnitStaff => Redirect,
            _ => page(who, REPORTS_SERVICE, Status(200)),
        },
        ("GET", "/reports/measures/{key}/data.csv" | "/reports/summary.csv") => {
            page(who, REPORTS_SERVICE, Status(200))
        }
        ("GET", "/reports/units/{id}") => {
            record(who, &[OrgAdmin, Lead, UnitStaff, Viewer], Status(200), &[])
        }
        ("GET", "/reports/measures" | "/reports/measures.csv" | "/reports/packs") => {
            page(who, REPORTS, Status(200))
        }
        // An empty target clears it.
        ("POST", "/reports/measures/{key}/target") => page(who, REPORT_WRITERS, Redirect),
        ("POST", "/reports/measures/{key}/baseline" | "/reports/packs/new") => {
            page(who, REPORT_WRITERS, Status(422))
        }
        ("GET", "/reports/packs/new") => page(who, REPORT_WRITERS, Status(200)),
        // The seeded pack is signed off: the board reads it, nobody changes it.
        (
            "GET",
            "/reports/packs/{id}" | "/reports/packs/{id}/print" | "/reports/packs/{id}/print.css",
        ) => record(who, &[OrgAdmin, Lead, Viewer], Status(200), &[]),
        ("GET", "/reports/packs/{id}/edit") => record(who, &[OrgAdmin, Lead], Redirect, &[]),
        ("POST", "/reports/packs/{id}/edit") => record(who, &[OrgAdmin, Lead], Status(409), &[]),
        ("POST", "/reports/packs/{id}/sign-off") => {
            record(who, &[OrgAdmin, Lead], Status(409), &[])
        }
        // The playbook follows the self-assessment: read by its readers (the board without
        // names), acted on by those who change it, its thresholds and own challenges set by
        // the lead. The walk's action id is one that does not exist.
        ("GET", "/playbook") => page(who, VIEW_ASSESSMENTS, Status(200)),
        ("GET", "/playbook/thresholds" | "/playbook/challenges/new") => {
            page(who, REPORT_WRITERS, Status(200))
        }
        ("POST", "/playbook/thresholds" | "/playbook/challenges/new") => {
            page(who, REPORT_WRITERS, Status(422))
        }
        ("GET" | "POST", "/playbook/actions/{id}/close") => {
            record(who, CHANGE_ASSESSMENTS, Status(404), &[])
        }
        ("GET", "/units/{id}/playbook") => record(who, VIEW_ASSESSMENTS, Status(200), &[]),
        ("GET", "/units/{id}/playbook/{challenge}/actions/new") => {
            record(who, CHANGE_ASSESSMENTS, Status(200), &[])
        }
        ("POST", "/units/{id}/playbook/{challenge}/actions/new") => {
            record(who, CHANGE_ASSESSMENTS, Status(422), &[])
        }
        // The translation list is the lead's and the administrator's. The walk's text id is
        // one no public wording has, so the form answers "not found" to those allowed.
        ("GET", "/translations" | "/translations.csv") => page(who, MANAGE_MODEL, Status(200)),
        ("POST", "/translations/upload") => page(who, MANAGE_MODEL, Status(422)),
        ("POST", "/translations/settings") => page(who, MANAGE_MODEL, Redirect),
        ("GET" | "POST", "/translations/{field}/{id}") => page(who, MANAGE_MODEL, Status(404)),
        ("GET", "/api/v1/playbook") => api(who, page(who, VIEW_ASSESSMENTS, Status(200))),
        ("POST", "/api/v1/playbook/actions") => api(who, page(who, FEEDBACK, Status(422))),
        // As on the pages, the walk's action id is one that does not exist.
        (
            "GET" | "POST",
            "/api/v1/playbook/actions/{id}" | "/api/v1/playbook/actions/{id}/close",
        ) => api(who, record(who, CHANGE_ASSESSMENTS, Status(404), &[])),
        ("GET", "/api/v1/measures") => api(who, page(who, REPORTS, Status(200))),
        ("GET", "/api/v1/measures/{key}/series") => {
            api(who, page(who, REPORTS_SERVICE, Status(200)))
        }
        ("GET", "/api/v1/board-packs") => api(who, page(who, REPORTS, Status(200))),
        ("POST", "/api/v1/board-packs") => api(who, page(who, REPORT_WRITERS, Status(422))),
        ("GET", "/api/v1/board-packs/{id}") => api(
            who,
            record(who, &[OrgAdmin, Lead, Viewer], Status(200), &[]),
        ),
        ("POST", "/api/v1/board-packs/{id}/sign-off") => {
            api(who, record(who, &[OrgAdmin, Lead], Status(409), &[]))
        }
        _ => return None,
    })
}

async fn walk(t: &TestApp) {
    let routes = cairn_web::route_list();
    let missing: Vec<String> = routes
        .iter()
        .filter(|r| expected(r.method, r.path, Anon).is_none())
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        missing.is_empty(),
        "routes with no row in the access table: {missing:?}"
    );
    // Spare tokens per principal (one for the page, one for the API), so revoking them leaves
    // the one the API rows use.
    let mut spare = std::collections::HashMap::new();
    let mut spare_api = std::collections::HashMap::new();
    for w in Who::ALL {
        if w == Anon {
            continue;
        }
        let actor = t.actor(w).await;
        for name in ["spare", "spare-api"] {
            cairn_app::accounts::create_token(&t.app, &actor, name, "")
                .await
                .expect("token");
        }
        let tokens = cairn_app::accounts::list_tokens(&t.app, &actor)
            .await
            .expect("tokens");
        let id_of = |n: &str| tokens.iter().find(|k| k.name == n).expect("spare").id;
        spare.insert(w, id_of("spare"));
        spare_api.insert(w, id_of("spare-api"));
    }
    // An account of organisation A that the administrators' rows disable, enable and change,
    // so no signed-in principal loses access mid-walk; it holds one token to revoke.
    let spare_account = {
        let mut tx = t.app.db.begin().await.expect("tx");
        let id = cairn_db::accounts::insert_user(
            &mut tx.conn(),
            &cairn_db::accounts::NewUser {
                organisation_id: Some(t.seed.org_a),
                email: "spare@a.cairn.test",
                password_hash: None,
                role: cairn_domain::Role::Viewer,
                person_id: None,
                locale: None,
            },
            0,
        )
        .await
        .expect("spare account");
        tx.commit().await.expect("commit");
        id
    };
    let spare_account_token = {
        let actor = cairn_app::accounts::actor_for(&t.app, &{
            let mut h = t.app.db.acquire().await.expect("h");
            cairn_db::accounts::get_user(&mut h.conn(), spare_account)
                .await
                .expect("user")
        })
        .await
        .expect("actor");
        cairn_app::accounts::create_token(&t.app, &actor, "held", "")
            .await
            .expect("token");
        cairn_app::accounts::list_tokens(&t.app, &actor)
            .await
            .expect("tokens")[0]
            .id
    };
    let mut failures = Vec::new();
    // Signing out ends the session the other rows use, so it goes last.
    let mut routes = routes;
    routes.sort_by_key(|r| r.path == "/sign-out");
    for r in &routes {
        for w in Who::ALL {
            let want = expected(r.method, r.path, w).expect("row");
            // Each closer and each retirer gets their own round and practice, so one row's
            // change does not decide the next row's answer.
            let slot = if w == Lead { 1 } else { 0 };
            let code = match (r.path.ends_with("/retire"), w) {
                (true, OrgAdmin) => "L3.07",
                (true, Lead) => "L3.08",
                (true, _) => "L3.09",
                _ => "L1.02",
            };
            let id = match r.path {
                p if p.starts_with("/accounts/tokens/") => spare_account_token.to_string(),
                p if p.starts_with("/accounts/") || p.starts_with("/api/v1/accounts/") => {
                    spare_account.to_string()
                }
                p if p.starts_with("/api/v1/tokens/") => {
                    spare_api.get(&w).copied().unwrap_or(1).to_string()
                }
                p if p.contains("/packs/") || p.starts_with("/api/v1/board-packs/") => {
                    t.seed.pack.to_string()
                }
                p if p.ends_with("/withdraw") => t.seed.opportunities[2].to_string(),
                p if p.starts_with("/api/v1/opportunities/") => t.seed.opportunities[1].to_string(),
                p if p.starts_with("/opportunities/") => t.seed.opportunities[0].to_string(),
                p if p.starts_with("/easy-read/opportunities/") => {
                    t.seed.opportunities[0].to_string()
                }
                p if p.starts_with("/roles/") || p.starts_with("/api/v1/roles/") => {
                    t.seed.role.to_string()
                }
                p if p.contains("/interests/") => t.seed.interest.to_string(),
                p if p.starts_with("/appointments/") => t.seed.appointment.to_string(),
                p if p.starts_with("/recruitment/") => t.seed.process.to_string(),
                p if p.starts_with("/assessment/rounds/") => t.seed.open_rounds[slot].to_string(),
                p if p.starts_with("/api/v1/assessment-rounds/") => {
                    t.seed.open_rounds[2 + slot].to_string()
                }
                // Unit staff stop a kiosk of their own unit, not one another row stopped.
                p if p.starts_with("/feedback/kiosks/") => {
                    t.seed.kiosks[if w == UnitStaff { 2 } else { slot }].to_string()
                }
                p if p.ends_with("/approve") => t.seed.claims[1].to_string(),
                p if p.ends_with("/authorise") => t.seed.claims[2].to_string(),
                p if p.starts_with("/payments/claims/") || p.starts_with("/api/v1/claims/") => {
                    t.seed.claims[0].to_string()
                }
                p if p.starts_with("/payments/receipts/") => t.seed.receipt.to_string(),
                p if p.starts_with("/payments/runs/") || p.starts_with("/api/v1/payment-runs/") => {
                    t.seed.run.to_string()
                }
                p if p.ends_with("/earnings") => t.seed.member_person.to_string(),
                p if p.starts_with("/meetings/groups/") || p.starts_with("/api/v1/groups/") => {
                    t.seed.group.to_string()
                }
                p if p.starts_with("/meetings/actions/") || p.starts_with("/api/v1/actions/") => {
                    t.seed.action.to_string()
                }
                p if p.starts_with("/meetings/")
                    || p.starts_with("/api/v1/meetings/")
                    || p.starts_with("/my-meetings/") =>
                {
                    t.seed.meeting.to_string()
                }
                p if p.starts_with("/feedback/") || p.contains("/suggestions/") => {
                    t.seed.suggestion.to_string()
                }
                p if p.starts_with("/buddies/") => t.seed.pairing.to_string(),
                // Each administrator, lead and member of staff corrects a certificate of their own.
                p if p.ends_with("/reissue") => match w {
                    OrgAdmin => t.seed.certificates[1],
                    Lead => t.seed.certificates[2],
                    _ => t.seed.certificates[0],
                }
                .to_string(),
                p if p.starts_with("/training/certificates/") => t.seed.certificates[0].to_string(),
                p if p.contains("/rounds/") => t.seed.survey_round.to_string(),
                p if p.starts_with("/surveys/") || p.starts_with("/api/v1/surveys/") => {
                    t.seed.survey.to_string()
                }
                p if p.contains("/courses/") => t.seed.course.to_string(),
                p if p.contains("/sessions/") => t.seed.session.to_string(),
                p if p.starts_with("/welcome/") => t.seed.arrival.to_string(),
                p if p.contains("/units/") => t.seed.unit_a1.to_string(),
                "/people/{id}/photo" => t.seed.whos_who_photo.to_string(),
                p if p.contains("/people/") => t.seed.person_a1.to_string(),
                p if p.contains("/tokens/") => spare.get(&w).copied().unwrap_or(1).to_string(),
                _ => "1".into(),
            };
            let token = if r.path.starts_with("/kiosk/") {
                &t.seed.kiosk_token
            } else if r.path.starts_with("/s/") {
                &t.seed.survey_token
            } else if r.path.starts_with("/c/") {
                &t.seed.survey_card
            } else {
                &t.seed.invitation
            };
            let path = r
                .path
                .replace("{token}", token)
                .replace("{code}", code)
                .replace("{key}", "suggestions_received")
                .replace("{challenge}", "time_commitment")
                .replace("{field}", "suggestion_public_text")
                .replace("{org}", &t.seed.org_a.to_string())
                .replace("{unit}", &t.seed.unit_a1.to_string())
                .replace("{step}", "choice")
                .replace("{id}", &id);
            let path = if r.path == "/language" {
                "/language?to=en&next=/home".to_owned()
            } else {
                path
            };
            if r.path == "/sign-in" {
                // Every failed sign-in here shares one address; start each from a clean count.
                let mut tx = t.app.db.begin().await.expect("tx");
                cairn_db::accounts::purge_expired(&mut tx.conn(), 0, i64::MAX)
                    .await
                    .expect("purge");
                tx.commit().await.expect("commit");
            }
            let res = if r.path.starts_with("/api/") {
                let body = (matches!(r.method, "POST" | "PATCH" | "PUT")
                    && !r.path.starts_with("/api/v1/accounts/"))
                .then(|| json!({}));
                t.api(
                    w,
                    Method::from_bytes(r.method.as_bytes()).expect("method"),
                    &path,
                    body,
                )
                .await
            } else if r.method == "POST"
                && (r.path.ends_with("/photo")
                    || r.path.ends_with("/receipts")
                    || r.path.ends_with("/upload"))
            {
                // The upload forms, with the form token and no file.
                t.post_multipart(w, &path, None).await
            } else if r.method == "POST" {
                t.post(w, &path, "").await
            } else {
                t.get(w, &path).await
            };
            let got_ok = match want {
                Status(s) => res.status.as_u16() == s,
                Login => res.status.is_redirection() && res.location().starts_with("/sign-in"),
                Redirect => res.status.is_redirection(),
            };
            if !got_ok {
                failures.push(format!(
                    "{} {} as {w:?}: expected {want:?}, got {} {}",
                    r.method,
                    path,
                    res.status,
                    res.location()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} access failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_allows_and_denies_each_role_as_the_table_says_on_sqlite() {
    walk(&TestApp::new().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_allows_and_denies_each_role_as_the_table_says_on_postgres() {
    if let Some(t) = TestApp::on_postgres().await {
        walk(&t).await;
    }
}
