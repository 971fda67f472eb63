-- Complaints and compliments information on display (L1.12) is evidenced by a sampled audit
-- too: how many areas were looked at and how many had the information where people could
-- reach it.
ALTER TABLE practice_evidence DROP CONSTRAINT practice_evidence_practice_check;
ALTER TABLE practice_evidence ADD CONSTRAINT practice_evidence_practice_check
    CHECK (practice IS NULL OR practice IN ('L1.07', 'L1.12', 'L2.09', 'L3.03'));
