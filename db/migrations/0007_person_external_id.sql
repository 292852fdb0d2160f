ALTER TABLE `persons` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `persons_external_id_unique` ON `persons` (`external_id`);