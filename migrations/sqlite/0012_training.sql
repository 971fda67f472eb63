-- Training: the prospectus, sessions with their trainers and registers, and people asking to
-- join a course (or staff enrolling them with them).

-- A course in the prospectus. Either language may be missing until the translation service
-- fills it in. `audience` holds constituency keys and `practices` model codes, comma-separated
-- and sorted. Completion is at least `min_sessions` sessions attended, or an assessor's mark.
CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    title_en TEXT,
    title_cy TEXT,
    summary_en TEXT,
    summary_cy TEXT,
    audience TEXT NOT NULL,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    practices TEXT NOT NULL,
    sessions INTEGER NOT NULL CHECK (sessions BETWEEN 1 AND 100),
    learning_hours INTEGER NOT NULL CHECK (learning_hours >= 1),
    credits INTEGER CHECK (credits >= 1),
    cqfw_level TEXT CHECK (cqfw_level IN ('entry_1', 'entry_2', 'entry_3', '1', '2', '3', '4', '5', '6', '7', '8')),
    agored_unit TEXT,
    min_sessions INTEGER CHECK (min_sessions >= 1),
    assessed BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (title_en IS NOT NULL OR title_cy IS NOT NULL),
    CHECK ((min_sessions IS NULL) = assessed),
    CHECK (credits IS NULL OR cqfw_level IS NOT NULL)
);
CREATE INDEX courses_organisation ON courses(organisation_id, level, id);

-- One session of a course: when, where (a place, an online link, or both), how many places.
CREATE TABLE training_sessions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    course_id INTEGER NOT NULL REFERENCES courses(id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    place TEXT,
    online_url TEXT,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (place IS NOT NULL OR online_url IS NOT NULL)
);
CREATE INDEX training_sessions_course ON training_sessions(course_id, starts_at);
CREATE INDEX training_sessions_organisation ON training_sessions(organisation_id, starts_at);

-- Who trains in a session, and their part.
CREATE TABLE session_trainers (
    session_id INTEGER NOT NULL REFERENCES training_sessions(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    part TEXT NOT NULL CHECK (part IN ('peer_trainer', 'professional_trainer', 'co_facilitator')),
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX session_trainers_person ON session_trainers(person_id);

-- The register: one row per learner per session. The constituency is the one the person had
-- when the register was written, so whether a past session was joint does not change later.
CREATE TABLE session_attendance (
    session_id INTEGER NOT NULL REFERENCES training_sessions(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    status TEXT NOT NULL CHECK (status IN ('booked', 'waiting', 'attended', 'apologies', 'absent')),
    constituency TEXT NOT NULL,
    entered_by_label TEXT NOT NULL,
    on_behalf BOOLEAN NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, person_id)
);
CREATE INDEX session_attendance_person ON session_attendance(person_id);

-- "I'd like to do this": a member for themselves, or staff with them (on_behalf).
CREATE TABLE course_requests (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    course_id INTEGER NOT NULL REFERENCES courses(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    entered_by_label TEXT NOT NULL,
    on_behalf BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (course_id, person_id)
);
CREATE INDEX course_requests_person ON course_requests(person_id);

-- A claim for delivering a session (a peer trainer's delivery, preparation and debrief time),
-- so a session shows who has claimed and no one claims it twice.
ALTER TABLE claims ADD COLUMN training_session_id INTEGER REFERENCES training_sessions(id);
CREATE INDEX claims_training_session ON claims(training_session_id);

-- Certificates: for completing a course (its rule met), or for delivering a session (a peer
-- trainer or co-facilitator). The reference is printed on the certificate so staff can check
-- it. A certificate corrected within 30 days is replaced by a new one; the old one says so.
CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    course_id INTEGER NOT NULL REFERENCES courses(id),
    session_id INTEGER REFERENCES training_sessions(id),
    kind TEXT NOT NULL CHECK (kind IN ('completion', 'delivery')),
    reference TEXT NOT NULL UNIQUE,
    issued_at INTEGER NOT NULL,
    issued_by_label TEXT NOT NULL,
    replaced_at INTEGER,
    replaced_by_id INTEGER REFERENCES certificates(id),
    CHECK ((kind = 'delivery') = (session_id IS NOT NULL))
);
CREATE INDEX certificates_person ON certificates(person_id, issued_at);

-- What people want to learn (L2.03): anyone suggests a topic for the training agenda. The lead
-- sees each topic with the suggester's constituency, never their name; a topic can become a
-- course. Erasing the person keeps the topic, without them.
CREATE TABLE training_topics (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER REFERENCES people(id),
    constituency TEXT NOT NULL,
    text TEXT NOT NULL,
    entered_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    course_id INTEGER REFERENCES courses(id)
);
CREATE INDEX training_topics_organisation ON training_topics(organisation_id, created_at);
CREATE INDEX training_topics_person ON training_topics(person_id);
