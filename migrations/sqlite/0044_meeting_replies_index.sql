-- The meetings page warns of an upcoming meeting short of its group's rule from how many of
-- each constituency confirmed. With the reply and constituency in an index, that count reads
-- only the confirmed entries of each meeting from the index, never the table behind it.
CREATE INDEX meeting_people_replies ON meeting_people(meeting_id, reply, constituency);
