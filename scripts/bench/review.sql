-- The annual review (every indicator, split by region, plus the global figure of each
-- person-based indicator) written by hand as plain SQL, for scripts/bench/run.ts (stats):
--     sqlite3 -cmd 'PRAGMA cache_size = -65536' -cmd 'PRAGMA temp_store = MEMORY' -cmd '.parameter init' -cmd '.parameter set @year 2012' -cmd '.parameter set @from 2000' -cmd '.timer on' DB < review.sql
-- (The page cache and temporary B-trees as the engine sets them; the PRAGMAs come first because
-- changing temp_store drops the temporary tables that hold the parameters.)
-- Independent of server/stats/sql.ts (same definitions as lib/stats/indicators.ts). Each statement
-- starts with a comment naming its indicator.
-- assisted.by_programme
SELECT o.region, coalesce(nullif(c.programme, ''), 'not_recorded') AS d, count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year GROUP BY 1, 2;
-- assisted.by_category (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN c.cat_victim = 1 THEN 'victim' WHEN c.cat_umc = 1 THEN 'unaccompanied_child' WHEN c.cat_health = 1 THEN 'health' WHEN c.cat_main = 1 THEN 'main_population' ELSE 'not_recorded' END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY CASE WHEN c.cat_victim = 1 THEN 1 WHEN c.cat_umc = 1 THEN 2 WHEN c.cat_health = 1 THEN 3 WHEN c.cat_main = 1 THEN 4 ELSE 5 END, c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1, 2;
-- assisted.by_category (global)
SELECT d, count(*) FROM (SELECT CASE WHEN c.cat_victim = 1 THEN 'victim' WHEN c.cat_umc = 1 THEN 'unaccompanied_child' WHEN c.cat_health = 1 THEN 'health' WHEN c.cat_main = 1 THEN 'main_population' ELSE 'not_recorded' END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY CASE WHEN c.cat_victim = 1 THEN 1 WHEN c.cat_umc = 1 THEN 2 WHEN c.cat_health = 1 THEN 3 WHEN c.cat_main = 1 THEN 4 ELSE 5 END, c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1;
-- assisted.by_category_multi
SELECT o.region, count(*), sum(c.cat_victim = 1), sum(c.cat_umc = 1), sum(c.cat_health = 1), sum(c.cat_main = 1),
  sum(c.cat_victim = 0 AND c.cat_umc = 0 AND c.cat_health = 0 AND c.cat_main = 0) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year GROUP BY 1;
-- assisted.by_sex (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN 'not_recorded' ELSE c.sex END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1, 2;
-- assisted.by_sex (global)
SELECT d, count(*) FROM (SELECT CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN 'not_recorded' ELSE c.sex END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1;
-- assisted.by_age_group (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN c.age_at_registration IS NULL OR c.age_at_registration < 0 THEN 'not_recorded' WHEN c.age_at_registration < 18 THEN 'child' ELSE 'adult' END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1, 2;
-- assisted.by_age_group (global)
SELECT d, count(*) FROM (SELECT CASE WHEN c.age_at_registration IS NULL OR c.age_at_registration < 0 THEN 'not_recorded' WHEN c.age_at_registration < 18 THEN 'child' ELSE 'adult' END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1;
-- assisted.by_age_band (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN c.age_at_registration IS NULL OR c.age_at_registration < 0 THEN 'not_recorded' WHEN c.age_at_registration <= 5 THEN '0-5'
    WHEN c.age_at_registration <= 11 THEN '6-11' WHEN c.age_at_registration <= 14 THEN '12-14' WHEN c.age_at_registration <= 17 THEN '15-17'
    WHEN c.age_at_registration <= 24 THEN '18-24' WHEN c.age_at_registration <= 34 THEN '25-34' WHEN c.age_at_registration <= 44 THEN '35-44'
    WHEN c.age_at_registration <= 59 THEN '45-59' ELSE '60+' END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1, 2;
-- assisted.by_age_band (global)
SELECT d, count(*) FROM (SELECT CASE WHEN c.age_at_registration IS NULL OR c.age_at_registration < 0 THEN 'not_recorded' WHEN c.age_at_registration <= 5 THEN '0-5'
    WHEN c.age_at_registration <= 11 THEN '6-11' WHEN c.age_at_registration <= 14 THEN '12-14' WHEN c.age_at_registration <= 17 THEN '15-17'
    WHEN c.age_at_registration <= 24 THEN '18-24' WHEN c.age_at_registration <= 34 THEN '25-34' WHEN c.age_at_registration <= 44 THEN '35-44'
    WHEN c.age_at_registration <= 59 THEN '45-59' ELSE '60+' END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1;
-- assisted.by_region (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, o.region AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1, 2;
-- assisted.by_region (global)
SELECT d, count(*) FROM (SELECT o.region AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year) WHERE rn = 1 GROUP BY 1;
-- assisted.individuals_vs_counts (by region)
SELECT o.region, count(DISTINCT c.person_id), count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year GROUP BY 1;
-- assisted.individuals_vs_counts (global)
SELECT count(DISTINCT c.person_id), count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year;
-- vot.by_origin_country (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, coalesce(nullif(c.citizenship, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_origin_country (global)
SELECT d, count(*) FROM (SELECT coalesce(nullif(c.citizenship, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1;
-- vot.by_identification_country (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, coalesce(nullif(c.country_identification, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_identification_country (global)
SELECT d, count(*) FROM (SELECT coalesce(nullif(c.country_identification, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1;
-- vot.by_exploitation (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedLabour', 'ChildLabour')) AND EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('SexualExploitation')) THEN 'combined' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('SexualExploitation')) THEN 'sexual' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedLabour', 'ChildLabour')) THEN 'labour'
    WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('DomesticServitude', 'Servitude')) THEN 'domestic_servitude' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedBegging')) THEN 'begging'
    WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('CriminalActivities')) THEN 'criminal_activities' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation') THEN 'other' ELSE 'not_recorded' END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_exploitation (global)
SELECT d, count(*) FROM (SELECT CASE WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedLabour', 'ChildLabour')) AND EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('SexualExploitation')) THEN 'combined' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('SexualExploitation')) THEN 'sexual' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedLabour', 'ChildLabour')) THEN 'labour'
    WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('DomesticServitude', 'Servitude')) THEN 'domestic_servitude' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedBegging')) THEN 'begging'
    WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('CriminalActivities')) THEN 'criminal_activities' WHEN EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation') THEN 'other' ELSE 'not_recorded' END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1;
-- vot.by_forced_labour_sector (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, coalesce(nullif(c.forced_labour_sector, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1 AND EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedLabour', 'ChildLabour'))) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_forced_labour_sector (global)
SELECT d, count(*) FROM (SELECT coalesce(nullif(c.forced_labour_sector, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1 AND EXISTS (SELECT 1 FROM case_values v WHERE v.case_id = c.id AND v.kind = 'exploitation' AND v.value IN ('ForcedLabour', 'ChildLabour'))) WHERE rn = 1 GROUP BY 1;
-- vot.by_sex (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN 'not_recorded' ELSE c.sex END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_sex (global)
SELECT d, count(*) FROM (SELECT CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN 'not_recorded' ELSE c.sex END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1;
-- vot.by_age_group (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN c.age_at_registration IS NULL OR c.age_at_registration < 0 THEN 'not_recorded' WHEN c.age_at_registration < 18 THEN 'child' ELSE 'adult' END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_age_group (global)
SELECT d, count(*) FROM (SELECT CASE WHEN c.age_at_registration IS NULL OR c.age_at_registration < 0 THEN 'not_recorded' WHEN c.age_at_registration < 18 THEN 'child' ELSE 'adult' END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1;
-- vot.by_trafficking_type (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, coalesce(nullif(c.trafficking_type, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_trafficking_type (global)
SELECT d, count(*) FROM (SELECT coalesce(nullif(c.trafficking_type, ''), 'not_recorded') AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1;
-- vot.by_region (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, o.region AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1, 2;
-- vot.by_region (global)
SELECT d, count(*) FROM (SELECT o.region AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_victim = 1) WHERE rn = 1 GROUP BY 1;
-- avrr.by_host_country
SELECT o.region, coalesce(nullif(c.host_country, ''), o.country_iso2) AS d, count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.programme = 'avrr' GROUP BY 1, 2;
-- avrr.by_origin_country
SELECT o.region, coalesce(nullif(c.return_country, ''), nullif(c.citizenship, ''), 'not_recorded') AS d, count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.programme = 'avrr' GROUP BY 1, 2;
-- avrr.by_host_country_year
SELECT o.region, coalesce(nullif(c.host_country, ''), o.country_iso2) AS d, c.registration_year, count(*) FROM cases c JOIN offices o ON o.id = c.office_id
  WHERE c.registration_year BETWEEN @from AND @year AND c.programme = 'avrr' GROUP BY 1, 2, 3;
-- avrr.by_origin_country_year
SELECT o.region, coalesce(nullif(c.return_country, ''), nullif(c.citizenship, ''), 'not_recorded') AS d, c.registration_year, count(*) FROM cases c JOIN offices o ON o.id = c.office_id
  WHERE c.registration_year BETWEEN @from AND @year AND c.programme = 'avrr' GROUP BY 1, 2, 3;
-- avrr.by_category
SELECT o.region, CASE WHEN c.cat_victim = 1 THEN 'victim' WHEN c.cat_umc = 1 THEN 'unaccompanied_child' WHEN c.cat_health = 1 THEN 'health' WHEN c.cat_main = 1 THEN 'main_population' ELSE 'not_recorded' END AS d, count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.programme = 'avrr' GROUP BY 1, 2;
-- avrr.by_sex
SELECT o.region, CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN 'not_recorded' ELSE c.sex END AS d, count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.programme = 'avrr' GROUP BY 1, 2;
-- avrr.by_age_group
SELECT o.region, CASE WHEN c.age_at_registration IS NULL OR c.age_at_registration < 0 THEN 'not_recorded' WHEN c.age_at_registration < 18 THEN 'child' ELSE 'adult' END AS d, count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.programme = 'avrr' GROUP BY 1, 2;
-- avrr.reintegration_by_type
SELECT o.region, coalesce(v.value, 'not_recorded'), count(*) FROM cases c JOIN offices o ON o.id = c.office_id LEFT JOIN case_values v ON v.case_id = c.id AND v.kind = 'reintegration'
  WHERE c.registration_year = @year AND c.programme = 'avrr' GROUP BY 1, 2
UNION ALL SELECT o.region, '~total', count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.programme = 'avrr' GROUP BY 1;
-- umc.by_sex (by region)
SELECT g, d, count(*) FROM (SELECT o.region AS g, CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN 'not_recorded' ELSE c.sex END AS d, row_number() OVER (PARTITION BY o.region, c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_umc = 1) WHERE rn = 1 GROUP BY 1, 2;
-- umc.by_sex (global)
SELECT d, count(*) FROM (SELECT CASE WHEN c.sex IS NULL OR c.sex IN ('', 'NonSpecifiedUnknown') THEN 'not_recorded' ELSE c.sex END AS d, row_number() OVER (PARTITION BY c.person_id ORDER BY c.registered_on, c.id) AS rn FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.cat_umc = 1) WHERE rn = 1 GROUP BY 1;
-- gaf.assisted
SELECT o.region, CASE WHEN c.cat_victim = 1 THEN 'victim' WHEN c.cat_umc = 1 THEN 'unaccompanied_child' WHEN c.cat_health = 1 THEN 'health' WHEN c.cat_main = 1 THEN 'main_population' ELSE 'not_recorded' END AS d, count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.registration_year = @year AND c.funding_source = 'gaf' GROUP BY 1, 2;
