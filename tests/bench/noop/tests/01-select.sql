-- One trivial read: the body is not what this workload measures.
SELECT 1;
