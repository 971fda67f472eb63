-- Training on the pathway: an assessor's mark on an assessed course, learners working toward
-- credits (with what the awarding body needs to register them), and training a role needs.

-- An assessor marks that a learner has passed an assessed course; that completes it.
CREATE TABLE course_assessments (
    course_id BIGINT NOT NULL REFERENCES courses(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    assessed_on TEXT NOT NULL,
    assessed_by_label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (course_id, person_id)
);
CREATE INDEX course_assessments_person ON course_assessments(person_id);

-- A learner who chose to work toward a course's credits. The legal name, date of birth and
-- unique learner number are collected only for the awarding body's registration file; no
-- page shows them. Erasing the person deletes the row.
CREATE TABLE credit_learners (
    course_id BIGINT NOT NULL REFERENCES courses(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    given_names TEXT NOT NULL,
    family_name TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    uln TEXT CHECK (uln IS NULL OR LENGTH(uln) = 10),
    entered_by_label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (course_id, person_id)
);
CREATE INDEX credit_learners_person ON credit_learners(person_id);

-- Training a role needs before someone starts in it (for example recruitment-panel training
-- before sitting on a panel), and how often it must be refreshed (none: once is enough).
CREATE TABLE role_training (
    role_id BIGINT NOT NULL REFERENCES involvement_roles(id),
    course_id BIGINT NOT NULL REFERENCES courses(id),
    refresh_months BIGINT CHECK (refresh_months BETWEEN 1 AND 120),
    PRIMARY KEY (role_id, course_id)
);
CREATE INDEX role_training_course ON role_training(course_id);
