-- Statistics (docs/PERFORMANCE.md, annual review at 1,000,000 cases):
--  * every core variable of a year's cases in one covering index (cases_statistics_idx); the two
--    multi-valued variables statistics need are copied from case_values onto the case by triggers
--    (values sorted, joined by ';'), whatever code writes them. A value already in the copy leaves
--    the case alone, so bulk writers (import, synthetic data) set the copy with the case and skip
--    rewriting the row once per value;
--  * stats_partials: every indicator counted per registration year and office, derived data that the
--    triggers below delete, in the same transaction, whenever a change could alter it.
CREATE TABLE `stats_partials` (
	`registration_year` integer NOT NULL,
	`office_id` integer NOT NULL,
	`definitions` text NOT NULL,
	`counts` text NOT NULL,
	PRIMARY KEY(`registration_year`, `office_id`),
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `cases_year_idx`;--> statement-breakpoint
DROP INDEX `cases_stats_idx`;--> statement-breakpoint
ALTER TABLE `cases` ADD `exploitation_types` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `reintegration_types` text;--> statement-breakpoint
UPDATE `cases` SET
  `exploitation_types` = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = cases.id AND v.kind = 'exploitation'),
  `reintegration_types` = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = cases.id AND v.kind = 'reintegration');--> statement-breakpoint
CREATE TRIGGER case_values_exploitation_insert AFTER INSERT ON case_values WHEN NEW.kind = 'exploitation'
BEGIN
  UPDATE cases SET exploitation_types = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = NEW.case_id AND v.kind = 'exploitation')
    WHERE id = NEW.case_id AND instr(';' || coalesce(exploitation_types, '') || ';', ';' || NEW.value || ';') = 0;
END;--> statement-breakpoint
CREATE TRIGGER case_values_exploitation_delete AFTER DELETE ON case_values WHEN OLD.kind = 'exploitation'
BEGIN
  UPDATE cases SET exploitation_types = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = OLD.case_id AND v.kind = 'exploitation')
    WHERE id = OLD.case_id;
END;--> statement-breakpoint
CREATE TRIGGER case_values_reintegration_insert AFTER INSERT ON case_values WHEN NEW.kind = 'reintegration'
BEGIN
  UPDATE cases SET reintegration_types = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = NEW.case_id AND v.kind = 'reintegration')
    WHERE id = NEW.case_id AND instr(';' || coalesce(reintegration_types, '') || ';', ';' || NEW.value || ';') = 0;
END;--> statement-breakpoint
CREATE TRIGGER case_values_reintegration_delete AFTER DELETE ON case_values WHEN OLD.kind = 'reintegration'
BEGIN
  UPDATE cases SET reintegration_types = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = OLD.case_id AND v.kind = 'reintegration')
    WHERE id = OLD.case_id;
END;--> statement-breakpoint
CREATE TRIGGER case_values_update AFTER UPDATE ON case_values
BEGIN
  UPDATE cases SET
    exploitation_types = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = cases.id AND v.kind = 'exploitation'),
    reintegration_types = (SELECT group_concat(v.value, ';' ORDER BY v.value) FROM case_values v WHERE v.case_id = cases.id AND v.kind = 'reintegration')
  WHERE id IN (OLD.case_id, NEW.case_id);
END;--> statement-breakpoint
CREATE TRIGGER cases_stats_insert AFTER INSERT ON cases
BEGIN
  DELETE FROM stats_partials WHERE registration_year = NEW.registration_year AND office_id = NEW.office_id;
END;--> statement-breakpoint
CREATE TRIGGER cases_stats_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM stats_partials WHERE registration_year = OLD.registration_year AND office_id = OLD.office_id;
END;--> statement-breakpoint
CREATE TRIGGER cases_stats_update AFTER UPDATE OF person_id, office_id, registered_on, registration_year, programme, cat_victim,
  cat_umc, cat_health, cat_main, sex, age_at_registration, citizenship, country_identification, host_country, return_country,
  forced_labour_sector, trafficking_type, funding_source, exploitation_types, reintegration_types ON cases
BEGIN
  DELETE FROM stats_partials WHERE registration_year = OLD.registration_year AND office_id = OLD.office_id;
  DELETE FROM stats_partials WHERE registration_year = NEW.registration_year AND office_id = NEW.office_id;
END;--> statement-breakpoint
-- Counts use the office's region and country (the host country of a return defaults to it).
CREATE TRIGGER offices_stats_update AFTER UPDATE OF country_iso2, region ON offices
BEGIN
  DELETE FROM stats_partials WHERE office_id = NEW.id;
END;--> statement-breakpoint
CREATE INDEX `cases_statistics_idx` ON `cases` (`registration_year`,`person_id`,`registered_on`,`id`,`office_id`,`programme`,`cat_victim`,`cat_umc`,`cat_health`,`cat_main`,`sex`,`age_at_registration`,`citizenship`,`country_identification`,`host_country`,`return_country`,`forced_labour_sector`,`trafficking_type`,`funding_source`,`exploitation_types`,`reintegration_types`);
