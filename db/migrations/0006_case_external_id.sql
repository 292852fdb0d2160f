ALTER TABLE `cases` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `cases_external_id_uq` ON `cases` (`office_id`,`external_id`) WHERE external_id is not null;