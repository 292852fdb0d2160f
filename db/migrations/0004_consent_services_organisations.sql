CREATE TABLE `consents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`decision` text NOT NULL,
	`method` text,
	`decided_on` text NOT NULL,
	`taken_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`taken_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_case_idx` ON `consents` (`case_id`,`purpose`,`id`);--> statement-breakpoint
CREATE TABLE `organisation_services` (
	`organisation_id` integer NOT NULL,
	`service_type` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `service_type`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_services_type_idx` ON `organisation_services` (`service_type`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`country_iso2` text NOT NULL,
	`city` text,
	`phone` text,
	`email` text,
	`contact_name` text,
	`office_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organisations_country_idx` ON `organisations` (`country_iso2`,`name`);--> statement-breakpoint
CREATE INDEX `organisations_name_idx` ON `organisations` (`name`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`provider` text,
	`organisation_id` integer,
	`funding` text,
	`reason` text,
	`started_on` text,
	`ended_on` text,
	`source` text NOT NULL,
	`response_id` integer,
	`notes_key_id` text,
	`notes_iv` blob,
	`notes_ciphertext` blob,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` integer NOT NULL,
	`updated_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `form_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `services_case_idx` ON `services` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `services_stats_idx` ON `services` (`type`,`status`,`case_id`);--> statement-breakpoint
CREATE INDEX `services_organisation_idx` ON `services` (`organisation_id`);