CREATE TABLE `case_values` (
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`case_id`, `kind`, `value`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_values_kind_value_idx` ON `case_values` (`kind`,`value`,`case_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `forced_labour_sector` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `recruiter_relationship` text;--> statement-breakpoint
CREATE INDEX `cases_stats_idx` ON `cases` (`registration_year`,`office_id`,`programme`,`cat_victim`);